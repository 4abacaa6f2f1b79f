package io.ccpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar holds the job, the migrations and everything that is not Flink, and nothing of
 * Flink's runtime (the cluster provides it: a second copy would clash with the cluster's classes).
 */
class JobJarContentsTest {
  @Test
  void theJobJarCarriesTheJobAndTheMigrationsButNotFlink() throws Exception {
    Path jar = Path.of(System.getProperty("ccpulse.job.jar"));
    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> names = file.stream().map(ZipEntry::getName).toList();
      assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(Project.shadedJar("jobs/pipeline").mainClass());
      assertThat(names)
          .contains(
              "io/ccpulse/pipeline/PipelineMain.class",
              "io/ccpulse/clickhouse/MigrateMain.class",
              "ccpulse-defaults.properties",
              "org/apache/flink/connector/kafka/source/KafkaSource.class", // connectors are not in
              // flink-dist
              "com/clickhouse/jdbc/Driver.class",
              "org/apache/kafka/clients/consumer/KafkaConsumer.class",
              "META-INF/services/java.sql.Driver");
      assertThat(names).anyMatch(n -> n.startsWith("ccpulse/clickhouse-migrations/V001__"));
      assertThat(names)
          .noneMatch(
              n ->
                  n.startsWith("org/apache/flink/runtime/")
                      || n.startsWith("org/apache/flink/streaming/api/environment/")
                      || n.startsWith("org/apache/flink/api/common/")
                      || n.startsWith("org/slf4j/")
                      || n.startsWith("org/apache/logging/log4j/"));
    }
  }
}
