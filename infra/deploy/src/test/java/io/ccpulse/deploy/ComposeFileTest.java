package io.ccpulse.deploy;

import static io.ccpulse.deploy.Project.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run here (no Docker engine): its images, ports, topics, configuration
 * keys and jar paths are checked against the build and the job's documented configuration.
 */
class ComposeFileTest {
  private static final Path DIR = Project.deploy();
  private static final Map<String, Object> COMPOSE =
      Project.yaml(DIR.resolve("docker-compose.yml"));
  private static final Map<String, Map<String, Object>> SERVICES = at(COMPOSE, "services");
  private static final Map<String, String> JOB =
      Project.properties(DIR.resolve("compose/job.properties"));

  @Test
  void imagesAreTheVersionsTheBuildUses() {
    String flink = "flink:" + Project.pomProperty("flink.version") + "-java17";
    String kafka = "apache/kafka:" + Project.pomProperty("kafka.version");
    for (String service :
        List.of("jobmanager", "taskmanager", "job", "migrate", "simulator", "flink-data-init")) {
      assertThat(image(service)).as("image of %s", service).isEqualTo(flink);
    }
    assertThat(image("kafka")).isEqualTo(kafka);
    assertThat(image("kafka-topics")).isEqualTo(kafka);
    // The ClickHouse release the tests run against (the embedded engine is chDB of the same
    // release).
    String[] chdb = Project.pomProperty("chdb.version").split("\\.");
    assertThat(image("clickhouse"))
        .isEqualTo("clickhouse/clickhouse-server:" + chdb[0] + "." + chdb[1]);
  }

  @Test
  void theTopicsCreatedAreTheJobsTopics() {
    Set<String> created =
        new TreeSet<>(
            Arrays.asList(env("kafka-topics").get("TOPICS").toString().trim().split("\\s+")));
    Object compacted = env("kafka-topics").get("COMPACTED_TOPICS");
    assertThat(compacted).isNotNull();
    created.addAll(Arrays.asList(compacted.toString().trim().split("\\s+")));
    assertThat(compacted.toString()).isEqualTo(JOB.get("kafka.topic.queue-wait"));
    Set<String> jobTopics =
        Project.defaults().keySet().stream()
            .filter(k -> k.startsWith("kafka.topic."))
            .map(k -> JOB.getOrDefault(k, Project.defaults().get(k)))
            .filter(topic -> !topic.isBlank())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(created).isEqualTo(jobTopics);
  }

  @Test
  void everyoneMeetsAtTheSameHostsAndPorts() {
    // Kafka: the job and the simulator use the listener the broker advertises to containers.
    String bootstrap = JOB.get("kafka.bootstrap.servers");
    assertThat(env("kafka").get("KAFKA_ADVERTISED_LISTENERS").toString())
        .contains("INTERNAL://" + bootstrap);
    assertThat(env("kafka").get("KAFKA_LISTENERS").toString())
        .contains("INTERNAL://:" + bootstrap.split(":")[1]);
    assertThat(bootstrap.split(":")[0]).isIn(SERVICES.keySet());
    assertThat(argAfter("simulator", "--bootstrap-servers")).isEqualTo(bootstrap);
    assertThat(at(SERVICES, "kafka-topics", "command", 0).toString())
        .contains("--bootstrap-server " + bootstrap);

    // ClickHouse: the job and the migrations reach the server's HTTP port as the same user and
    // database.
    URI clickhouse = URI.create(JOB.get("clickhouse.url").substring("jdbc:".length()));
    assertThat(clickhouse.getHost()).isEqualTo("clickhouse");
    assertThat(published("clickhouse")).contains(clickhouse.getPort());
    assertThat(argAfter("migrate", "--url")).isEqualTo(JOB.get("clickhouse.url"));
    assertThat(argAfter("migrate", "--database")).isEqualTo(JOB.get("clickhouse.database"));
    // The first migrations and the users file: as the server's bootstrap admin.
    assertThat(argAfter("migrate", "--user")).isEqualTo(env("clickhouse").get("CLICKHOUSE_USER"));
    assertThat(argAfter("access", "--user")).isEqualTo(env("clickhouse").get("CLICKHOUSE_USER"));
    assertThat(argAfter("access", "--url")).isEqualTo(JOB.get("clickhouse.url"));
    assertThat(env("clickhouse").get("CLICKHOUSE_USER")).isNotEqualTo(JOB.get("clickhouse.user"));

    // Flink: the cluster's configuration is the shared config.yaml (make cluster's), in place of
    // the image's; the stack adds only the JobManager's address. The REST port the job is
    // submitted to is the one the JobManager serves and publishes.
    Map<String, Object> shared = Project.yaml(DIR.resolve("flink/config.yaml"));
    for (String service : List.of("jobmanager", "taskmanager")) {
      assertThat(volumes(service))
          .contains("./flink/config.yaml:/opt/ccpulse/flink/config.yaml:ro");
      assertThat(at(SERVICES, service, "entrypoint", 2).toString())
          .startsWith("cp /opt/ccpulse/flink/config.yaml /opt/flink/conf/config.yaml && ")
          .endsWith("exec /docker-entrypoint.sh " + service);
    }
    Map<String, String> flink =
        Project.properties(env("jobmanager").get("FLINK_PROPERTIES").toString().replace(": ", "="));
    assertThat(flink).containsOnlyKeys("jobmanager.rpc.address");
    assertThat(shared.get("rest.port")).isEqualTo(8081);
    assertThat(published("jobmanager")).contains(8081);
    assertThat(env("taskmanager").get("FLINK_PROPERTIES"))
        .isEqualTo(env("jobmanager").get("FLINK_PROPERTIES"));
    // Checkpoints and savepoints on the volume every Flink container mounts.
    assertThat(shared.get("execution.checkpointing.dir").toString())
        .startsWith("file:///flink-data/");
    assertThat(volumes("taskmanager")).contains("flink-data:/flink-data");
    // Both jobs fit: two TaskManagers' slots hold the live and the metrics job at the default
    // parallelism.
    assertThat(
            ((Number) at(SERVICES, "taskmanager", "scale")).intValue()
                * (int) shared.get("taskmanager.numberOfTaskSlots"))
        .isGreaterThanOrEqualTo(2 * (int) shared.get("parallelism.default"));
    assertThat(at(SERVICES, "job", "command", 0).toString())
        .contains("flink run -d -m jobmanager:8081 ")
        .contains("for part in live metrics;")
        .contains(" --job $$part");
  }

  @Test
  void theJarsMountedAreTheJarsTheBuildMakes() {
    Project.ShadedJar job = Project.shadedJar("jobs/pipeline");
    Project.ShadedJar simulator = Project.shadedJar("infra/simulator");
    String jobMount = DIR.relativize(job.file()) + ":/opt/ccpulse/ccpulse-pipeline-job.jar:ro";
    assertThat(volumes("job")).contains(jobMount);
    assertThat(volumes("migrate")).contains(jobMount);
    assertThat(volumes("simulator"))
        .contains(DIR.relativize(simulator.file()) + ":/opt/ccpulse/ccpulse-simulator-cli.jar:ro");

    // flink run starts the jar's manifest main class; the migrations and the simulator name theirs.
    assertThat(job.mainClass()).isEqualTo("io.ccpulse.pipeline.PipelineMain");
    assertThat(Project.hasClass("jobs/pipeline", job.mainClass())).isTrue();
    assertThat(at(SERVICES, "job", "command", 0).toString())
        .contains("/opt/ccpulse/ccpulse-pipeline-job.jar --config /opt/ccpulse/job.properties");
    assertThat(volumes("job")).contains("./compose/job.properties:/opt/ccpulse/job.properties:ro");
    List<String> migrate = at(SERVICES, "migrate", "entrypoint");
    assertThat(migrate)
        .contains(
            "/opt/ccpulse/ccpulse-pipeline-job.jar:/opt/flink/lib/*",
            "io.ccpulse.clickhouse.MigrateMain");
    assertThat(Project.hasClass("schemas", "io.ccpulse.clickhouse.MigrateMain")).isTrue();
    assertThat(simulator.mainClass()).isEqualTo("io.ccpulse.simulator.cli.SimulateMain");
    assertThat(Project.hasClass("infra/simulator", simulator.mainClass())).isTrue();
    assertThat((List<String>) at(SERVICES, "simulator", "entrypoint"))
        .containsExactly("java", "-jar", "/opt/ccpulse/ccpulse-simulator-cli.jar");
  }

  @Test
  void theJobsConfigurationUsesOnlyKeysTheJobKnows() {
    assertThat(Project.unknownKeys(JOB)).isEmpty();
  }

  @Test
  void eachServiceReadsItsOwnPasswordFileNeverAnArgumentAndNoneIsWorldReadable() throws Exception {
    Map<String, String> files =
        Map.of(
            "migrate", "/run/ccpulse-secrets/clickhouse/clickhouse-password",
            "access", "/run/ccpulse-secrets/clickhouse/clickhouse-password",
            "taskmanager", "/run/ccpulse-secrets/flink/ccpulse_job");
    files.forEach(
        (service, file) ->
            assertThat(env(service).get("CCPULSE_CLICKHOUSE_PASSWORD_FILE"))
                .as(service)
                .isEqualTo(file));
    // The job writes as the writer, which may insert and nothing else.
    assertThat(JOB.get("clickhouse.user")).isEqualTo("ccpulse_job");
    // Each reader's directory is its own (mode 700) and each file mode 400: nobody else reads it.
    String init = String.join("\n", Project.<List<String>>at(SERVICES, "secrets-init", "command"));
    assertThat(init)
        .contains("install -d -o 101 -g 101 -m 700 /secrets/clickhouse")
        .contains("install -d -o 9999 -g 9999 -m 700 /secrets/flink")
        .contains("install -d -o 472 -g 0 -m 700 /secrets/grafana")
        .doesNotContainPattern("-m [0-7]*[1-7] ")
        .doesNotContain("chmod 6");
    assertThat(Files.readString(DIR.resolve("docker-compose.yml")))
        .contains("umask 077")
        .doesNotContain("chmod 644");
    // ./secrets itself is mounted into the one-shot that copies it, and nowhere else.
    SERVICES.forEach(
        (name, service) -> {
          List<String> volumes = service.containsKey("volumes") ? volumes(name) : List.of();
          if (!name.equals("secrets-init")) {
            assertThat(volumes).as(name).noneMatch(v -> v.startsWith("./secrets"));
          }
          assertThat(String.valueOf(service.get("command")) + service.get("entrypoint"))
              .as(name)
              .doesNotContainIgnoringCase("--password ")
              .doesNotContain("CCPULSE_CLICKHOUSE_PASSWORD=");
          assertThat(env(name))
              .as(name)
              .doesNotContainKeys("CCPULSE_CLICKHOUSE_PASSWORD", "CLICKHOUSE_PASSWORD");
        });
    assertThat(COMPOSE).doesNotContainKey("secrets");
  }

  @Test
  void accessWritesTheUsersFileClickHouseReloads() {
    assertThat(volumes("access")).contains("clickhouse-users:/users.d");
    assertThat(volumes("clickhouse")).contains("clickhouse-users:/etc/clickhouse-server/users.d");
    assertThat(argAfter("access", "--output")).isEqualTo("/users.d/ccpulse.xml");
    assertThat(argAfter("access", "--passwords")).isEqualTo("/run/ccpulse-secrets/clickhouse");
    assertThat(Project.properties(DIR.resolve("compose/analysts.properties")))
        .containsEntry("grafana", "*");
  }

  @Test
  void grafanaReadsTheDashboardsFromClickHouseWithTheMountedSecret() throws Exception {
    assertThat(volumes("grafana"))
        .contains(
            "./grafana/provisioning:/etc/grafana/provisioning:ro",
            "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
    assertThat(env("grafana").get("GF_INSTALL_PLUGINS")).isEqualTo("grafana-clickhouse-datasource");
    assertThat(volumes("grafana")).contains("ccpulse-secrets:/run/ccpulse-secrets:ro");
    Map<String, Object> source =
        Project.<List<Map<String, Object>>>at(
                Project.yaml(DIR.resolve("grafana/provisioning/datasources/clickhouse.yaml")),
                "datasources")
            .get(0);
    assertThat(source.get("type")).isEqualTo("grafana-clickhouse-datasource");
    assertThat((Object) at(source, "jsonData", "host")).isEqualTo("clickhouse");
    assertThat((Object) at(source, "jsonData", "port")).isEqualTo(8123);
    // An analyst (read-only, bounded) of compose/analysts.properties, with its own password file.
    assertThat((Object) at(source, "jsonData", "username")).isEqualTo("grafana");
    assertThat(Project.properties(DIR.resolve("compose/analysts.properties")))
        .containsKey("grafana");
    assertThat((Object) at(source, "secureJsonData", "password"))
        .isEqualTo("$__file{/run/ccpulse-secrets/grafana/grafana}");
    // Every panel, variable and annotation of every dashboard asks this data source.
    List<Path> dashboards;
    try (Stream<Path> files = Files.list(DIR.resolve("grafana/dashboards"))) {
      dashboards = files.sorted().toList();
    }
    assertThat(dashboards).hasSize(4);
    for (Path file : dashboards) {
      JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
      assertThat(dashboard.path("panels").isEmpty()).as("%s has no panels", file).isFalse();
      // Every uid anywhere in the dashboard: its own, and the data sources its queries ask.
      Set<String> uids = new TreeSet<>(dashboard.findValuesAsText("uid"));
      assertThat(uids)
          .as("%s", file)
          .isSubsetOf(dashboard.get("uid").asText(), "ccpulse-clickhouse", "-- Grafana --");
    }
  }

  private static String image(String service) {
    return at(SERVICES, service, "image");
  }

  private static Map<String, Object> env(String service) {
    Object env = SERVICES.get(service).get("environment");
    return env == null ? Map.of() : Project.<Map<String, Object>>at(env);
  }

  private static List<String> volumes(String service) {
    return at(SERVICES, service, "volumes");
  }

  private static String argAfter(String service, String option) {
    List<String> command = at(SERVICES, service, "command");
    return command.get(command.indexOf(option) + 1);
  }

  /** Container ports a service publishes ("127.0.0.1:8123:8123" publishes 8123). */
  private static List<Integer> published(String service) {
    List<String> ports = at(SERVICES, service, "ports");
    return ports.stream().map(p -> Integer.parseInt(p.substring(p.lastIndexOf(':') + 1))).toList();
  }
}
