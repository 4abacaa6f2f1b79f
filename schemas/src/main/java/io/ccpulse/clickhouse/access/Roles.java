package io.ccpulse.clickhouse.access;

import io.ccpulse.clickhouse.access.StoredObjects.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three roles and what each may do, least privilege: the migrator owns the database, the job
 * inserts into the tables it writes and reads nothing, analysts read tables and views and change
 * nothing. The names are the ones docs/deploy.md documents.
 */
public final class Roles {

  public static final String ADMIN = "ccpulse_admin";
  public static final String WRITER = "ccpulse_writer";
  public static final String ANALYST = "ccpulse_analyst";

  /** Runs the migrations (role ccpulse_admin). */
  public static final String MIGRATOR_USER = "ccpulse_migrator";

  /** The Flink jobs' ClickHouse sink (role ccpulse_writer). */
  public static final String JOB_USER = "ccpulse_job";

  public static final Set<String> SERVICE_USERS = Set.of(MIGRATOR_USER, JOB_USER);

  /**
   * The analysts' settings profile: read-only (settings may still be set per query, as dashboards
   * do), and bounded so that one heavy query cannot starve the job's inserts: a query stops after
   * 60 s, at a million result rows or 4 GB of memory; four at a time per analyst; below the job's
   * inserts in priority. The same bounds are constraints: an analyst cannot raise them.
   */
  public static Map<String, String> analystLimits() {
    Map<String, String> limits = new LinkedHashMap<>();
    limits.put("max_execution_time", "60");
    limits.put("max_result_rows", "1000000");
    limits.put("max_memory_usage", "4000000000");
    limits.put("max_concurrent_queries_for_user", "4");
    return limits;
  }

  /** Per analyst and hour: queries, seconds of execution, rows returned. */
  public static Map<String, String> analystHourlyQuota() {
    Map<String, String> quota = new LinkedHashMap<>();
    quota.put("queries", "3600");
    quota.put("execution_time", "1800");
    quota.put("result_rows", "100000000");
    return quota;
  }

  private Roles() {}

  static List<String> grants(String role, StoredObjects objects) {
    String db = objects.database();
    List<String> grants = new ArrayList<>();
    switch (role) {
      case ADMIN -> grants.add("GRANT ALL ON " + db + ".*");
      case WRITER -> {
        for (String table : objects.names(Kind.TENANT_TABLE)) {
          grants.add("GRANT INSERT ON " + db + "." + table);
        }
        for (String table : objects.names(Kind.OPERATIONAL_TABLE)) {
          grants.add("GRANT INSERT ON " + db + "." + table);
        }
      }
      case ANALYST -> {
        for (String table : objects.tenantTables()) {
          grants.add("GRANT SELECT ON " + db + "." + table);
        }
        for (String view : objects.names(Kind.VIEW)) {
          grants.add("GRANT SELECT ON " + db + "." + view);
        }
      }
      default -> throw new IllegalArgumentException("no role " + role);
    }
    return grants;
  }
}
