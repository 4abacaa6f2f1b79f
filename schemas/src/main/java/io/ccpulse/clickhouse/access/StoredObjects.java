package io.ccpulse.clickhouse.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The tables and views of a migrated ccpulse database, as the access rules see them: read from the
 * database itself, so a table a later migration adds is granted to nobody until the users file is
 * written again (closed by default, never open by omission).
 */
public record StoredObjects(String database, List<StoredObject> objects) {

  /** What a stored object is to the access rules. */
  public enum Kind {
    /** A table with a tenant_id column: the job writes it, analysts read their tenant's rows. */
    TENANT_TABLE,
    /**
     * A tenant's settings (time zone, scorecard targets), marked by a table comment starting with
     * "configuration": the migrator or an admin writes them, analysts read their tenant's rows, the
     * job neither (least privilege: it writes only what it computes).
     */
    TENANT_CONFIGURATION,
    /**
     * What ClickHouse derives from the job's rows itself (the stored months), marked by a table
     * comment starting with "derived": written only by the views that derive it (with their
     * creator's rights), analysts read their tenant's rows, the job neither (a job could otherwise
     * write a month that its 15-minute rows do not add up to).
     */
    TENANT_DERIVED,
    /** A view: analysts read it; the row policies of the tables beneath it apply. */
    VIEW,
    /** The job's own bookkeeping without a tenant (sink_rejections): written, never shown. */
    OPERATIONAL_TABLE,
    /** Migrations' bookkeeping, materialized views' triggers, dictionaries: the admin's only. */
    INTERNAL
  }

  /** One table or view. */
  public record StoredObject(String name, Kind kind) {}

  /** Reads the objects of {@code database} through a connection of a user who can see them all. */
  public static StoredObjects read(Connection connection, String database) throws SQLException {
    List<StoredObject> objects = new ArrayList<>();
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT t.name, t.engine, countIf(c.name = 'tenant_id') > 0, any(t.comment)"
                + " FROM system.tables AS t"
                + " LEFT JOIN system.columns AS c ON c.database = t.database AND c.table = t.name"
                + " WHERE t.database = ? GROUP BY t.name, t.engine ORDER BY t.name")) {
      st.setString(1, database);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          objects.add(
              new StoredObject(
                  rs.getString(1),
                  kindOf(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4))));
        }
      }
    }
    return new StoredObjects(database, List.copyOf(objects));
  }

  static Kind kindOf(String name, String engine, boolean hasTenant, String comment) {
    if (name.equals("schema_migrations") || name.startsWith(".inner")) {
      return Kind.INTERNAL;
    }
    if (engine.equals("View")) {
      return Kind.VIEW;
    }
    if (!engine.endsWith("MergeTree")) {
      return Kind.INTERNAL; // MaterializedView, Dictionary, ...: analysts read the target tables
    }
    if (!hasTenant) {
      return Kind.OPERATIONAL_TABLE;
    }
    if (comment.startsWith("configuration")) {
      return Kind.TENANT_CONFIGURATION;
    }
    return comment.startsWith("derived") ? Kind.TENANT_DERIVED : Kind.TENANT_TABLE;
  }

  /** The tables analysts read under a row policy: every table of a tenant's rows. */
  public List<String> tenantTables() {
    return names(Kind.TENANT_TABLE, Kind.TENANT_CONFIGURATION, Kind.TENANT_DERIVED);
  }

  /** The names of the objects of any of these kinds, in name order. */
  public List<String> names(Kind... kinds) {
    Set<Kind> wanted = EnumSet.noneOf(Kind.class);
    wanted.addAll(Arrays.asList(kinds));
    return objects.stream().filter(o -> wanted.contains(o.kind())).map(StoredObject::name).toList();
  }
}
