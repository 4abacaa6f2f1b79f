package io.ccpulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {
  @Test
  void bundledMigrationsAreOrderedAndEveryPlaceholderHasADefault() {
    List<Migrator.Migration> bundled = Migrator.bundled();
    assertThat(bundled).isNotEmpty();
    assertThat(bundled.get(0).version()).isEqualTo(1);
    for (int i = 1; i < bundled.size(); i++) {
      assertThat(bundled.get(i).version()).isGreaterThan(bundled.get(i - 1).version());
    }
    var placeholder = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");
    for (Migrator.Migration m : bundled) {
      placeholder
          .matcher(m.sql())
          .results()
          .forEach(
              r ->
                  assertThat(Migrator.defaults())
                      .as("default for ${%s}", r.group(1))
                      .containsKey(r.group(1)));
    }
  }

  @Test
  void readsFilesInVersionOrderWithChecksums(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("V010__later.sql"), "SELECT 10");
    Files.writeString(dir.resolve("V002__earlier.sql"), "SELECT 2");
    Files.writeString(dir.resolve("README.txt"), "not a migration");
    List<Migrator.Migration> read = Migrator.read(dir);
    assertThat(read).extracting(Migrator.Migration::version).containsExactly(2, 10);
    assertThat(read).extracting(Migrator.Migration::name).containsExactly("earlier", "later");
    assertThat(read.get(0).checksum()).hasSize(64).isNotEqualTo(read.get(1).checksum());
  }

  @Test
  void refusesBadlyNamedOrDuplicateVersions(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("V1_missing_underscore.sql"), "SELECT 1");
    assertThatThrownBy(() -> Migrator.read(dir))
        .hasMessageContaining("is not named V<version>__<name>.sql");

    Files.delete(dir.resolve("V1_missing_underscore.sql"));
    Files.writeString(dir.resolve("V001__a.sql"), "SELECT 1");
    Files.writeString(dir.resolve("V1__b.sql"), "SELECT 1");
    assertThatThrownBy(() -> Migrator.read(dir))
        .hasMessageContaining("Two migrations with version 1");
  }
}
