package io.ccpulse.clickhouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Each tenant's time zone: the one place to read it, in Java ({@link #zoneOf}, {@link #read}) and,
 * once {@link #write written}, in SQL ({@code tenant_time_zones}, and {@code tenant_utc_offsets}
 * for joining rows to their local time: {@code ASOF LEFT JOIN tenant_utc_offsets AS o ON
 * m.tenant_id = o.tenant_id AND m.interval_start >= o.valid_from}, then {@code o.utc_offset_s}). A
 * tenant not named is in UTC. Days, weeks and months of the rollups ({@code daily_metrics}, {@code
 * weekly_metrics}, {@code monthly_metrics}) are the tenant's local ones (docs/metrics.md §12).
 *
 * <p>ClickHouse takes a time zone only as a constant, so SQL cannot convert each row to its own
 * tenant's zone; instead every UTC offset a zone has from {@link #FROM} to {@link #UNTIL} is
 * written as a row of the tenant ({@code tenant_utc_offsets}), from the JDK's rules, the same rules
 * {@link #localDay} uses. A zone whose offset, or the instant it changes, is not a whole quarter
 * hour in that span is refused: the 15-minute interval rows could not then be given whole to one
 * local day.
 */
public final class TenantTimeZones {
  /** The zone of a tenant not configured. */
  public static final ZoneId DEFAULT = ZoneOffset.UTC;

  /**
   * The span whose offsets are written: rows before it are taken as UTC. From 2012 every zone of
   * the JDK's rules changes date on quarter hours only; before, four Canadian zones did not.
   */
  static final Instant FROM = Instant.parse("2012-01-01T00:00:00Z");

  static final Instant UNTIL = Instant.parse("2100-01-01T00:00:00Z");

  private static final int QUARTER_HOUR_S = 900;

  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9._-]+");

  /** A zone's offset from UTC from {@code validFrom} until the next one's. */
  public record Offset(Instant validFrom, int seconds) {}

  private final Map<String, ZoneId> zones;

  private TenantTimeZones(Map<String, ZoneId> zones) {
    this.zones = Collections.unmodifiableMap(new TreeMap<>(zones));
  }

  /** No tenant configured: everyone in UTC. */
  public static TenantTimeZones none() {
    return new TenantTimeZones(Map.of());
  }

  /**
   * From tenant id to zone id ({@code t01=America/New_York}), as configured.
   *
   * @throws IllegalArgumentException for an unknown zone or one that is not in quarter hours
   */
  public static TenantTimeZones of(Map<String, String> tenantZones) {
    Map<String, ZoneId> zones = new TreeMap<>();
    tenantZones.forEach(
        (tenant, id) -> {
          if (!TENANT_ID.matcher(tenant).matches()) {
            throw new IllegalArgumentException(
                "Not a tenant id: '" + tenant + "' (for zone " + id + ")");
          }
          ZoneId zone;
          try {
            zone = ZoneId.of(id.trim());
          } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                "Tenant "
                    + tenant
                    + ": unknown time zone '"
                    + id
                    + "' (an IANA id such as Europe/Berlin)");
          }
          offsets(zone); // refuses a zone the 15-minute rows cannot follow
          zones.put(tenant, zone);
        });
    return new TenantTimeZones(zones);
  }

  /** The configured tenants and their zones (tenants not in it are in UTC). */
  public Map<String, ZoneId> zones() {
    return zones;
  }

  public ZoneId zoneOf(String tenantId) {
    return zones.getOrDefault(tenantId, DEFAULT);
  }

  /** The tenant's local day of an instant: the day its rows roll up into. */
  public LocalDate localDay(String tenantId, Instant instant) {
    return instant.atZone(zoneOf(tenantId)).toLocalDate();
  }

  /**
   * Every offset of the zone from {@link #FROM} to {@link #UNTIL}, the first starting at {@link
   * #FROM}.
   *
   * @throws IllegalArgumentException if an offset or a change is not on a quarter hour
   */
  public static List<Offset> offsets(ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<Offset> offsets = new ArrayList<>();
    offsets.add(new Offset(FROM, rules.getOffset(FROM).getTotalSeconds()));
    Instant at = FROM;
    ZoneOffsetTransition next;
    while ((next = rules.nextTransition(at)) != null && next.getInstant().isBefore(UNTIL)) {
      at = next.getInstant();
      offsets.add(new Offset(at, next.getOffsetAfter().getTotalSeconds()));
    }
    for (Offset o : offsets) {
      // Midnights are on quarter hours when the offset is; a change off the quarter hours (St.
      // John's
      // changed at 00:01 until 2011) is harmless unless the date changes with it.
      Instant before = o.validFrom().minusMillis(1);
      boolean offQuarter = o.validFrom().getEpochSecond() % QUARTER_HOUR_S != 0;
      if (o.seconds() % QUARTER_HOUR_S != 0
          || offQuarter
              && !before
                  .atZone(zone)
                  .toLocalDate()
                  .equals(o.validFrom().atZone(zone).toLocalDate())) {
        throw new IllegalArgumentException(
            String.format(
                "Time zone %s has offset %s from %s: the rollups need every local midnight on a"
                    + " quarter hour, as the 15-minute intervals are",
                zone.getId(), ZoneOffset.ofTotalSeconds(o.seconds()), o.validFrom()));
      }
    }
    return offsets;
  }

  /**
   * Writes these tenants' zones, with their zones' offsets, to the endpoint's database (migrated to
   * V040 or later). A tenant whose zone changes has its local rows ({@code interval_metrics_local})
   * derived again from {@code interval_metrics}, and its stored months with them; do it with the
   * metrics job stopped, or a batch written at that moment may keep the old zone's days. Tenants
   * not named keep what they had.
   *
   * @return the tenants whose zone changed
   */
  public Set<String> write(ClickHouseEndpoint endpoint) throws SQLException {
    Map<String, ZoneId> before = read(endpoint).zones();
    Set<String> changed = new TreeSet<>();
    zones.forEach(
        (tenant, zone) -> {
          if (!zone.equals(before.getOrDefault(tenant, DEFAULT))) {
            changed.add(tenant);
          }
        });
    long version = System.currentTimeMillis();
    try (Connection conn = endpoint.open();
        PreparedStatement deleteOffsets =
            conn.prepareStatement(
                "ALTER TABLE tenant_utc_offsets DELETE WHERE tenant_id = ? SETTINGS mutations_sync = 2");
        PreparedStatement offsets =
            conn.prepareStatement(
                "INSERT INTO tenant_utc_offsets (tenant_id, valid_from, utc_offset_s, time_zone)"
                    + " VALUES (?, ?, ?, ?)");
        PreparedStatement tenants =
            conn.prepareStatement(
                "INSERT INTO tenant_time_zones (tenant_id, time_zone, version) VALUES (?, ?, ?)")) {
      for (String tenant : changed) {
        ZoneId zone = zones.get(tenant);
        deleteOffsets.setString(1, tenant);
        deleteOffsets.execute();
        for (Offset o : offsets(zone)) {
          offsets.setString(1, tenant);
          offsets.setString(2, UTC_TIME.format(o.validFrom()));
          offsets.setInt(3, o.seconds());
          offsets.setString(4, zone.getId());
          offsets.addBatch();
        }
        offsets.executeBatch();
        tenants.setString(1, tenant);
        tenants.setString(2, zone.getId());
        tenants.setLong(3, version);
        tenants.execute();
        rederive(conn, tenant);
      }
    }
    return changed;
  }

  /**
   * The tenant's local rows derived again in its new zone. Its rows change months, so first every
   * month it had is marked as written now, which makes {@code monthly_metrics} sum it from the
   * 15-minute rows rather than read it stored (even if a refresh running at this moment stores it
   * again), then its stored months go; the rows written again mark their new months the same way,
   * and the next refresh stores them (docs/metrics.md §12).
   */
  private static void rederive(Connection conn, String tenant) throws SQLException {
    for (String sql :
        List.of(
            "INSERT INTO monthly_rollup_touches (tenant_id, month, touched_at)"
                + " SELECT tenant_id, month, now64(3) FROM monthly_rollup_months WHERE tenant_id = ?",
            "ALTER TABLE interval_metrics_local DELETE WHERE tenant_id = ? SETTINGS mutations_sync = 2",
            "ALTER TABLE monthly_rollup DELETE WHERE tenant_id = ? SETTINGS mutations_sync = 2",
            "INSERT INTO interval_metrics_local SELECT * FROM interval_metrics_localized"
                + " WHERE tenant_id = ?")) {
      try (PreparedStatement st = conn.prepareStatement(sql)) {
        st.setString(1, tenant);
        st.execute();
      }
    }
  }

  /** The zones written to the endpoint's database. */
  public static TenantTimeZones read(ClickHouseEndpoint endpoint) throws SQLException {
    Map<String, ZoneId> zones = new TreeMap<>();
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT tenant_id, time_zone FROM tenant_time_zones FINAL")) {
      while (rs.next()) {
        zones.put(rs.getString(1), ZoneId.of(rs.getString(2)));
      }
    }
    return new TenantTimeZones(zones);
  }

  @Override
  public String toString() {
    return zones.isEmpty() ? "every tenant in UTC" : zones + ", every other tenant in UTC";
  }
}
