package io.ccpulse.clickhouse.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.clickhouse.access.StoredObjects.Kind;
import io.ccpulse.infra.clickhouse.ChdbProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users file {@code make access} writes, enforced by ClickHouse itself: the embedded ClickHouse
 * is restarted as each user of the file over the same data (chDB runs one user per process, see
 * ProcessIdentity), and every table and view is read as that user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessControlITCase {
  private static final String DB = "ccpulse";
  private static final Map<String, String> ANALYSTS =
      Map.of("alice", "acme", "bob", "globex", "carol", "", "ops", Analysts.ALL_TENANTS);

  private static final String ALL = "(all)";

  /**
   * Columns a filled row needs for the views to show it: the 15-minute grain the rollups and
   * scorecards sum, an agent's row and a completed leg (the weekly scorecards are per agent, their
   * usual handle time from the legs); an interval with something in it (interval_metrics_current
   * leaves out intervals a correction emptied).
   */
  private static final Map<String, Map<String, String>> SHAPES =
      Map.of(
          "interval_metrics",
          Map.of("interval_size_s", "900", "entity_kind", "'AGENT'", "handled", "1"),
          "agent_time",
          Map.of("interval_size_s", "900"),
          "contact_facts",
          Map.of("fact", "'LEG'"));

  /** Parameterized views, with their arguments. */
  private static final Map<String, String> VIEW_ARGUMENTS =
      Map.of("repeat_contacts", "(window_hours = 72)");

  private Path dir;
  private Path data;
  private Path usersFile;
  private final Map<String, String> passwords = new LinkedHashMap<>();
  private String accessOutput;
  private StoredObjects objects;

  /** As the unrestricted admin: rows per object and tenant ("" = all tenants). */
  private final Map<String, Map<String, Long>> rows = new TreeMap<>();

  @BeforeAll
  void migrateFillAndWriteTheUsersFile(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    data = dir.resolve("clickhouse");
    Path secrets = Files.createDirectory(dir.resolve("secrets"));
    List<String> users = new ArrayList<>(List.of(Roles.MIGRATOR_USER, Roles.JOB_USER));
    users.addAll(new TreeMap<>(ANALYSTS).keySet());
    for (String user : users) {
      String password =
          "pw-" + user + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
      passwords.put(user, password);
      Path file = secrets.resolve(user);
      Files.writeString(file, password + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    Path analysts = dir.resolve("analysts.properties");
    StringBuilder lines = new StringBuilder();
    ANALYSTS.forEach((u, t) -> lines.append(u).append('=').append(t).append('\n'));
    Files.writeString(analysts, lines);
    usersFile = dir.resolve("users.d").resolve("ccpulse.xml");

    try (ChdbProcess admin = ChdbProcess.builder().dataDir(data).port(0).start()) {
      ClickHouseEndpoint endpoint =
          new ClickHouseEndpoint(admin.jdbcUrl(), DB, "default", Map.of());
      // No margin for inserts in flight before a month is stored: nothing else writes here.
      new Migrator(endpoint, Map.of("monthly_rollup_margin_s", "0")).migrate();
      try (Connection c = endpoint.open()) {
        objects = StoredObjects.read(c, DB);
        for (String table : objects.names(Kind.TENANT_TABLE, Kind.TENANT_CONFIGURATION)) {
          // interval_metrics_local is filled by its materialized view, from interval_metrics's row
          if (!table.equals("interval_metrics_local")) {
            fill(c, table);
          }
        }
        // What ClickHouse derives is written by its views alone: the months written (a view of
        // interval_metrics_local), the stored months (a refresh, run now).
        execute(c, "INSERT INTO monthly_rollup SELECT * FROM monthly_rollup_pending");
        for (StoredObjects.StoredObject o : objects.objects()) {
          if (o.kind() != Kind.OPERATIONAL_TABLE && o.kind() != Kind.INTERNAL) {
            rows.put(o.name(), countsByTenant(c, o.name()));
          }
        }
      }
      PrintStream out = System.out;
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      try {
        AccessMain.main(
            new String[] {
              "--url",
              admin.jdbcUrl(),
              "--database",
              DB,
              "--analysts",
              analysts.toString(),
              "--passwords",
              secrets.toString(),
              "--output",
              usersFile.toString()
            });
      } finally {
        System.setOut(out);
      }
      accessOutput = printed.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyObjectIsClassifiedAndFilled() {
    assertThat(objects.names(Kind.TENANT_TABLE))
        .contains("interval_metrics", "contact_facts", "rejected_events", "queue_health");
    assertThat(objects.names(Kind.VIEW)).contains("daily_metrics", "open_alerts");
    assertThat(objects.names(Kind.INTERNAL)).contains("schema_migrations");
    for (String table : objects.tenantTables()) {
      assertThat(rows.get(table)).as(table).containsEntry("acme", 1L).containsEntry("globex", 1L);
    }
    assertThat(objects.names(Kind.TENANT_CONFIGURATION))
        .containsExactly("scorecard_targets", "tenant_time_zones", "tenant_utc_offsets");
    assertThat(objects.names(Kind.TENANT_DERIVED))
        .containsExactly("monthly_rollup", "monthly_rollup_touches");
    assertThat(objects.names(Kind.VIEW)).contains("agent_weekly_scorecards", "agent_weekly_queues");
    // Every view answers per tenant, so that a row policy on its tables is all it needs; and
    // shows rows of both, except two that need rows of a particular shape (open alerts, repeat
    // arrivals) and what a refresh would store (nothing, once stored). One each, but
    // handle_time_daily: a leg is a queue's and an agent's.
    for (String view : objects.names(Kind.VIEW)) {
      if (!Set.of("open_alerts", "repeat_contacts", "monthly_rollup_pending").contains(view)) {
        long each = view.equals("handle_time_daily") ? 2 : 1;
        assertThat(rows.get(view))
            .as(view)
            .containsEntry("acme", each)
            .containsEntry("globex", each);
      }
    }
    assertThat(accessOutput).contains("4 analyst(s)");
  }

  @Test
  void anAnalystReadsHerTenantsRowsAndNoneOfAnothers() throws Exception {
    for (String analyst : List.of("alice", "bob")) {
      String tenant = ANALYSTS.get(analyst);
      try (ChdbProcess process = startAs(analyst);
          Connection c = connect(process, analyst)) {
        for (String object : rows.keySet()) {
          Map<String, Long> seen = countsByTenant(c, object);
          Map<String, Long> expected = new TreeMap<>();
          long total = rows.get(object).getOrDefault(tenant, 0L);
          if (total > 0) {
            expected.put(tenant, total);
          }
          expected.put(ALL, total);
          assertThat(seen).as(analyst + " reading " + object).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void anAnalystBoundToNoTenantSeesNothingAndOneBoundToAllSeesAll() throws Exception {
    try (ChdbProcess process = startAs("carol");
        Connection c = connect(process, "carol")) {
      for (String object : rows.keySet()) {
        assertThat(countsByTenant(c, object))
            .as("carol reading " + object)
            .isEqualTo(Map.of(ALL, 0L));
      }
    }
    try (ChdbProcess process = startAs("ops");
        Connection c = connect(process, "ops")) {
      for (String object : rows.keySet()) {
        assertThat(countsByTenant(c, object))
            .as("ops reading " + object)
            .isEqualTo(rows.get(object));
      }
    }
  }

  @Test
  void anAnalystChangesNothingAndReadsNoAccessEntities() throws Exception {
    try (ChdbProcess process = startAs("alice");
        Connection c = connect(process, "alice")) {
      for (String sql :
          List.of(
              "INSERT INTO interval_metrics (tenant_id) VALUES ('acme')",
              "ALTER TABLE interval_metrics ADD COLUMN x UInt8",
              "DROP TABLE interval_metrics",
              "CREATE TABLE t (x UInt8) ENGINE = Memory",
              "SELECT name FROM system.users",
              "SELECT count() FROM schema_migrations",
              "SELECT count() FROM sink_rejections")) {
        assertThatThrownBy(() -> execute(c, sql))
            .as(sql)
            .isInstanceOf(SQLException.class)
            .hasMessageMatching("(?s).*(ACCESS_DENIED|READONLY|Not enough privileges).*");
      }
      // The bounds are constraints: an analyst cannot lift them.
      assertThatThrownBy(() -> execute(c, "SELECT 1 SETTINGS max_execution_time = 3600"))
          .hasMessageContaining("max_execution_time");
      assertThatThrownBy(() -> execute(c, "SELECT number FROM numbers(2000000)"))
          .hasMessageContaining("TOO_MANY_ROWS");
    }
  }

  @Test
  void aRequestAsAnotherUserIsRefused() throws Exception {
    try (ChdbProcess process = startAs("alice")) {
      assertThatThrownBy(() -> connect(process, "bob").createStatement().execute("SELECT 1"))
          .hasMessageContaining("AUTHENTICATION_FAILED");
    }
  }

  @Test
  @Order(Integer.MAX_VALUE) // it writes a row the other tests would see
  void theJobInsertsButNeitherReadsNorDrops() throws Exception {
    try (ChdbProcess process = startAs(Roles.JOB_USER);
        Connection c = connect(process, Roles.JOB_USER)) {
      execute(c, "INSERT INTO rejected_events (tenant_id, rejected_at) VALUES ('acme', now())");
      // Not interval_metrics: its materialized view runs as the view's definer (the migrator on
      // a server), and here every process's user is `default`, the definer included.
      execute(c, "INSERT INTO contact_facts (tenant_id) VALUES ('acme')");
      // The sink reads its tables' TTL from system.tables (through its own database: it has no
      // rights on `default`).
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT count() FROM system.tables WHERE database = 'ccpulse'"
                      + " AND name = 'interval_metrics' AND create_table_query != ''")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
      }
      for (String sql :
          List.of(
              "DROP TABLE interval_metrics",
              "TRUNCATE TABLE interval_metrics",
              "SELECT count() FROM interval_metrics",
              "ALTER TABLE interval_metrics DELETE WHERE 1",
              // a tenant's settings are the admin's to write, not the job's
              "INSERT INTO scorecard_targets (tenant_id) VALUES ('acme')",
              "INSERT INTO tenant_time_zones (tenant_id) VALUES ('acme')",
              // nor a month it could make differ from its 15-minute rows
              "INSERT INTO monthly_rollup (tenant_id) VALUES ('acme')",
              "INSERT INTO monthly_rollup_touches (tenant_id) VALUES ('acme')")) {
        assertThatThrownBy(() -> execute(c, sql))
            .as(sql)
            .hasMessageMatching("(?s).*(ACCESS_DENIED|Not enough privileges).*");
      }
    }
  }

  @Test
  void theMigratorOwnsTheDatabase() throws Exception {
    try (ChdbProcess process = startAs(Roles.MIGRATOR_USER)) {
      Migrator.Report report =
          new Migrator(
                  new ClickHouseEndpoint(process.jdbcUrl(), DB, Roles.MIGRATOR_USER, Map.of()),
                  Map.of())
              .migrate();
      assertThat(report.alreadyApplied()).hasSameSizeAs(Migrator.bundled());
    }
  }

  @Test
  void noPasswordIsWrittenPrintedOrPassed() throws Exception {
    String file = Files.readString(usersFile);
    assertThat(Files.getPosixFilePermissions(usersFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    for (String password : passwords.values()) {
      assertThat(file).doesNotContain(password);
      assertThat(accessOutput).doesNotContain(password);
    }
    assertThat(file).contains("<password_sha256_hex>");
    try (ChdbProcess process = startAs("alice")) {
      String commandLine =
          ProcessHandle.of(process.pid()).orElseThrow().info().commandLine().orElse("");
      String log = Files.readString(process.logFile());
      for (String password : passwords.values()) {
        assertThat(commandLine).doesNotContain(password);
        assertThat(log).doesNotContain(password);
      }
    }
  }

  private ChdbProcess startAs(String user) throws Exception {
    return ChdbProcess.builder()
        .dataDir(data)
        .port(0)
        .logFile(dir.resolve("clickhouse-" + user + ".log"))
        .runAs(usersFile, user)
        .start();
  }

  private static Connection connect(ChdbProcess process, String user) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", "");
    return DriverManager.getConnection(process.jdbcUrl(DB), props);
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /**
   * One row per tenant: dates and times now (so a TTL keeps the row), strings the tenant's id (so
   * the two rows never share a sorting key and a ReplacingMergeTree keeps both).
   */
  private static void fill(Connection c, String table) throws SQLException {
    List<String> columns = new ArrayList<>(List.of("tenant_id"));
    List<String> values = new ArrayList<>(List.of("tenant"));
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT name, type LIKE '%Date%' FROM system.columns WHERE database = 'ccpulse'"
                    + " AND table = '"
                    + table
                    + "' AND name != 'tenant_id' AND default_kind = ''"
                    + " AND (type IN ('String', 'LowCardinality(String)')"
                    + " OR (type LIKE '%Date%' AND type NOT LIKE 'Array%' AND type NOT LIKE 'Map%'))")) {
      while (rs.next()) {
        columns.add(rs.getString(1));
        values.add(rs.getBoolean(2) ? "now()" : "tenant");
      }
    }
    SHAPES
        .getOrDefault(table, Map.of())
        .forEach(
            (column, value) -> {
              int i = columns.indexOf(column);
              if (i < 0) {
                columns.add(column);
                values.add(value);
              } else {
                values.set(i, value);
              }
            });
    execute(
        c,
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") SELECT "
            + String.join(", ", values)
            + " FROM (SELECT arrayJoin(['acme', 'globex']) AS tenant)");
  }

  /** count() per tenant_id, and under {@link #ALL} the total. */
  private static Map<String, Long> countsByTenant(Connection c, String object) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT tenant_id, count() FROM "
                    + object
                    + VIEW_ARGUMENTS.getOrDefault(object, "")
                    + " GROUP BY tenant_id")) {
      long total = 0;
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
        total += rs.getLong(2);
      }
      counts.put(ALL, total);
    }
    return counts;
  }
}
