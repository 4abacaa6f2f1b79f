package io.ccpulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.clickhouse.TenantTimeZones.Offset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantTimeZonesTest {
  private static Instant at(String utc) {
    return Instant.parse(utc);
  }

  @Test
  void newYorkChangesAtTwoInTheMorningLocalTime() {
    List<Offset> offsets = TenantTimeZones.offsets(ZoneId.of("America/New_York"));
    assertThat(offsets.get(0)).isEqualTo(new Offset(TenantTimeZones.FROM, -5 * 3600));
    // 2026: 02:00 EST is 07:00 UTC (to EDT, a 23-hour day); 02:00 EDT is 06:00 UTC (a 25-hour day).
    assertThat(offsets)
        .contains(
            new Offset(at("2026-03-08T07:00:00Z"), -4 * 3600),
            new Offset(at("2026-11-01T06:00:00Z"), -5 * 3600));
    // Two changes a year from 2012 to 2100.
    assertThat(offsets).hasSize(1 + 2 * 88);
  }

  @Test
  void kolkataAndKathmanduHaveOneOffsetEach() {
    assertThat(TenantTimeZones.offsets(ZoneId.of("Asia/Kolkata")))
        .containsExactly(new Offset(TenantTimeZones.FROM, 5 * 3600 + 30 * 60));
    assertThat(TenantTimeZones.offsets(ZoneId.of("Asia/Kathmandu")))
        .containsExactly(new Offset(TenantTimeZones.FROM, 5 * 3600 + 45 * 60));
  }

  @Test
  void quarterHourZonesAndHalfHourDaylightSavingAreAccepted() {
    TenantTimeZones zones =
        TenantTimeZones.of(
            Map.of(
                "eucla", "Australia/Eucla", // +08:45
                "chatham", "Pacific/Chatham", // +12:45 / +13:45
                "lordhowe", "Australia/Lord_Howe", // +10:30 / +11:00: a 30-minute change
                "stjohns", "America/St_Johns")); // -03:30 / -02:30
    assertThat(zones.zones()).hasSize(4);
    assertThat(
            ZoneId.getAvailableZoneIds().stream()
                .filter(
                    id -> {
                      try {
                        TenantTimeZones.offsets(ZoneId.of(id));
                        return false;
                      } catch (IllegalArgumentException e) {
                        return true;
                      }
                    }))
        .as("every zone of the JDK's rules has its midnights on quarter hours from 2012")
        .isEmpty();
    assertThat(TenantTimeZones.offsets(ZoneId.of("Australia/Lord_Howe")))
        .extracting(Offset::seconds)
        .contains(10 * 3600 + 1800, 11 * 3600);
  }

  @Test
  void aZoneOffTheQuarterHoursOrUnknownIsRefused() {
    assertThatThrownBy(() -> TenantTimeZones.of(Map.of("t01", "+05:20")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("+05:20")
        .hasMessageContaining("quarter hour");
    assertThatThrownBy(() -> TenantTimeZones.of(Map.of("t01", "Mars/Olympus")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown time zone");
    assertThatThrownBy(() -> TenantTimeZones.of(Map.of("t'01", "UTC")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a tenant id");
  }

  @Test
  void aTenantNotConfiguredIsInUtc() {
    TenantTimeZones zones = TenantTimeZones.of(Map.of("t01", "America/New_York"));
    assertThat(zones.zoneOf("t02")).isEqualTo(TenantTimeZones.DEFAULT);
    assertThat(zones.localDay("t02", at("2026-03-09T03:45:00Z")))
        .isEqualTo(LocalDate.parse("2026-03-09"));
    // The last quarter hour of New York's 23-hour day, and the first of the next.
    assertThat(zones.localDay("t01", at("2026-03-09T03:45:00Z")))
        .isEqualTo(LocalDate.parse("2026-03-08"));
    assertThat(zones.localDay("t01", at("2026-03-09T04:00:00Z")))
        .isEqualTo(LocalDate.parse("2026-03-09"));
  }
}
