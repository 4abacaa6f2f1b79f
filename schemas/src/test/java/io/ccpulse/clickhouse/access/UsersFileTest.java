package io.ccpulse.clickhouse.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.clickhouse.access.StoredObjects.Kind;
import io.ccpulse.clickhouse.access.StoredObjects.StoredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {
  private static final String HASH = "a".repeat(64);
  private static final StoredObjects OBJECTS =
      new StoredObjects(
          "ccpulse",
          List.of(
              new StoredObject("interval_metrics", Kind.TENANT_TABLE),
              new StoredObject("queue_health", Kind.TENANT_TABLE),
              new StoredObject("monthly_rollup", Kind.TENANT_DERIVED),
              new StoredObject("daily_metrics", Kind.VIEW),
              new StoredObject("sink_rejections", Kind.OPERATIONAL_TABLE),
              new StoredObject("schema_migrations", Kind.INTERNAL)));

  private static Map<String, String> hashes(String... analysts) {
    Map<String, String> hashes = new HashMap<>();
    hashes.put(Roles.MIGRATOR_USER, HASH);
    hashes.put(Roles.JOB_USER, HASH);
    for (String a : analysts) {
      hashes.put(a, HASH);
    }
    return hashes;
  }

  @Test
  void rowFiltersBindATenantAllOrNone() {
    assertThat(UsersFile.rowFilter("acme")).isEqualTo("tenant_id = 'acme'");
    assertThat(UsersFile.rowFilter("o'brien\\x")).isEqualTo("tenant_id = 'o\\'brien\\\\x'");
    assertThat(UsersFile.rowFilter(Analysts.ALL_TENANTS)).isEqualTo("1");
    assertThat(UsersFile.rowFilter("")).isEqualTo("0");
  }

  @Test
  void everyAnalystHasAFilterOnEveryTenantTableAndTheRolesAreLeast() {
    String xml =
        new UsersFile(
                OBJECTS,
                Map.of("alice", "acme", "carol", ""),
                hashes("alice", "carol"),
                Roles.analystLimits())
            .render();
    assertThat(xml)
        .contains("<query>GRANT INSERT ON ccpulse.interval_metrics</query>")
        .contains("<query>GRANT INSERT ON ccpulse.sink_rejections</query>")
        .contains("<query>GRANT SELECT ON ccpulse.daily_metrics</query>")
        .doesNotContain("SELECT ON ccpulse.sink_rejections")
        .doesNotContain("ON ccpulse.schema_migrations")
        .doesNotContain("INSERT ON ccpulse.daily_metrics")
        // what ClickHouse derives is read by analysts and written by no role: not the job's
        .contains("<query>GRANT SELECT ON ccpulse.monthly_rollup</query>")
        .doesNotContain("INSERT ON ccpulse.monthly_rollup");
    assertThat(xml.split("<filter>tenant_id = 'acme'</filter>", -1)).hasSize(4);
    assertThat(xml.split("<filter>0</filter>", -1)).hasSize(4);
    assertThat(xml).contains("<max_execution_time>").contains("<readonly>2</readonly>");
  }

  @Test
  void aUserWithoutAPasswordOrAReservedNameIsRefused() {
    assertThatThrownBy(
            () ->
                new UsersFile(OBJECTS, Map.of("alice", "acme"), hashes(), Roles.analystLimits())
                    .render())
        .hasMessageContaining("alice");
    assertThatThrownBy(
            () ->
                new UsersFile(
                    OBJECTS, Map.of(Roles.JOB_USER, "acme"), hashes(), Roles.analystLimits()))
        .hasMessageContaining("service user");
    assertThatThrownBy(() -> Analysts.check(Map.of("default", "acme")))
        .hasMessageContaining("default");
  }

  @Test
  void theFileIsTheOwnersOnlyAndAWorldReadablePasswordIsRefused(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("users.d").resolve("ccpulse.xml");
    new UsersFile(OBJECTS, Map.of(), hashes(), Roles.analystLimits()).write(out);
    assertThat(Files.getPosixFilePermissions(out))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    Path password = dir.resolve("ccpulse_job");
    Files.writeString(password, "s3cret\n");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> AccessMain.passwordHash(password)).hasMessageContaining("chmod 600");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    // `printf s3cret | sha256sum`: the trailing newline of the file is not part of it
    assertThat(AccessMain.passwordHash(password))
        .isEqualTo("1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0");
  }
}
