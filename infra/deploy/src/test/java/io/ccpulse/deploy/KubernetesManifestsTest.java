package io.ccpulse.deploy;

import static io.ccpulse.deploy.Project.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests cannot be applied here (no cluster): they are parsed and checked against
 * the build (Flink version, image, jar path, main class), the job's documented keys, and each other
 * (the files the configuration names are mounted, from Secrets).
 */
class KubernetesManifestsTest {
  private static final Path K8S = Project.deploy().resolve("k8s");

  /**
   * The metrics job (to ClickHouse) and the live job (Kafka only): the same image, jar and
   * configuration.
   */
  private static final Map<String, Object> DEPLOYMENT =
      Project.yaml(K8S.resolve("flinkdeployment-metrics.yaml"));

  private static final Map<String, Object> LIVE =
      Project.yaml(K8S.resolve("flinkdeployment-live.yaml"));
  private static final Map<String, Object> MIGRATE = Project.yaml(K8S.resolve("migrate-job.yaml"));
  private static final Map<String, Object> CONFIG_MAP = Project.yaml(K8S.resolve("configmap.yaml"));
  private static final Map<String, String> JOB =
      Project.properties(at(CONFIG_MAP, "data", "job.properties").toString());
  private static final String DOCKERFILE = read(Project.deploy().resolve("Dockerfile"));

  @Test
  void everyManifestParsesAndKustomizationListsThemAll() throws Exception {
    List<String> resources = at(Project.yaml(K8S.resolve("kustomization.yaml")), "resources");
    try (var files = Files.list(K8S)) {
      List<String> manifests =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
              .sorted()
              .toList();
      assertThat(resources).containsExactlyInAnyOrderElementsOf(manifests);
    }
    for (String resource : resources) {
      Map<String, Object> doc = Project.yaml(K8S.resolve(resource));
      assertThat(doc).as(resource).containsKeys("apiVersion", "kind", "metadata");
    }
  }

  @Test
  void bothFlinkDeploymentsRunTheJobJarOfTheImageOnThisFlinkVersion() {
    theFlinkDeploymentRunsTheJobJarOfTheImageOnThisFlinkVersion(DEPLOYMENT);
    theFlinkDeploymentRunsTheJobJarOfTheImageOnThisFlinkVersion(LIVE);
    assertThat(at(LIVE, "spec", "image").toString()).isEqualTo(at(DEPLOYMENT, "spec", "image"));
  }

  private static void theFlinkDeploymentRunsTheJobJarOfTheImageOnThisFlinkVersion(
      Map<String, Object> DEPLOYMENT) {
    String[] flink = Project.pomProperty("flink.version").split("\\.");
    assertThat(at(DEPLOYMENT, "apiVersion").toString()).isEqualTo("flink.apache.org/v1beta1");
    assertThat(at(DEPLOYMENT, "kind").toString()).isEqualTo("FlinkDeployment");
    assertThat(at(DEPLOYMENT, "spec", "flinkVersion").toString())
        .isEqualTo("v" + flink[0] + "_" + flink[1]);

    // The image is the Dockerfile's: Flink of the root pom, the shaded jar copied to usrlib/.
    assertThat(DOCKERFILE)
        .contains("FROM flink:" + Project.pomProperty("flink.version") + "-java17\n");
    assertThat(DOCKERFILE).contains("ARG CCPULSE_VERSION=" + Project.version() + "\n");
    Project.ShadedJar job = Project.shadedJar("jobs/pipeline");
    String jarInRepo =
        Project.root()
            .relativize(job.file())
            .toString()
            .replace(Project.version(), "${CCPULSE_VERSION}");
    assertThat(DOCKERFILE)
        .contains(
            "COPY --chown=flink:flink "
                + jarInRepo
                + " /opt/flink/usrlib/ccpulse-pipeline-job.jar");
    assertThat(at(DEPLOYMENT, "spec", "image").toString())
        .endsWith("/ccpulse-flink:" + Project.version());
    assertThat(at(DEPLOYMENT, "spec", "job", "jarURI").toString())
        .isEqualTo("local:///opt/flink/usrlib/ccpulse-pipeline-job.jar");
    assertThat(at(DEPLOYMENT, "spec", "job", "entryClass").toString()).isEqualTo(job.mainClass());
    assertThat(Project.hasClass("jobs/pipeline", job.mainClass())).isTrue();
    assertThat(at(DEPLOYMENT, "spec", "job", "upgradeMode").toString()).isEqualTo("savepoint");
  }

  @Test
  void theJobsReadTheMountedConfigMapWithKeysTheyKnowEachItsOwnPart() {
    Map<String, String> liveMounts = mounts(at(LIVE, "spec", "podTemplate", "spec"));
    assertThat((List<String>) at(LIVE, "spec", "job", "args"))
        .containsExactly(
            "--config",
            liveMounts.get("configMap:ccpulse-job-config") + "/job.properties",
            "--job",
            "live");
    assertThat(liveMounts)
        .doesNotContainKey("secret:ccpulse-clickhouse"); // it never talks to ClickHouse
    List<String> args = at(DEPLOYMENT, "spec", "job", "args");
    assertThat(args).hasSize(4).startsWith("--config").endsWith("--job", "metrics");
    Map<String, String> mounts = mounts(at(DEPLOYMENT, "spec", "podTemplate", "spec"));
    assertThat(args.get(1))
        .isEqualTo(mounts.get("configMap:ccpulse-job-config") + "/job.properties");
    assertThat(at(CONFIG_MAP, "metadata", "name").toString()).isEqualTo("ccpulse-job-config");
    assertThat(Project.unknownKeys(JOB)).isEmpty();
    for (String example : List.of("cluster/job.properties", "local/job.properties")) {
      assertThat(Project.unknownKeys(Project.properties(Project.deploy().resolve(example))))
          .as(example)
          .isEmpty();
    }
    // The cluster's storage options are Flink's, in flinkConfiguration, on the mounted volume.
    Map<String, Object> flink = at(DEPLOYMENT, "spec", "flinkConfiguration");
    assertThat(flink.get("execution.checkpointing.dir").toString())
        .startsWith("file://" + mounts.get("persistentVolumeClaim:ccpulse-flink-data") + "/");
  }

  /**
   * The cluster's options are infra/deploy/flink/config.yaml's (make cluster's, the compose
   * stack's), but what the operator and the image decide: memory, the REST port, JVM flags.
   */
  @Test
  void theClusterOptionsAreTheSharedConfigurationFiles() {
    Map<String, Object> shared =
        new java.util.TreeMap<>(Project.yaml(Project.deploy().resolve("flink/config.yaml")));
    shared
        .keySet()
        .removeAll(
            List.of(
                "jobmanager.memory.process.size",
                "taskmanager.memory.process.size",
                "rest.port",
                "env.java.opts.all"));
    for (Map<String, Object> deployment : List.of(DEPLOYMENT, LIVE)) {
      Map<String, Object> flink = at(deployment, "spec", "flinkConfiguration");
      Map<String, String> expected = new java.util.TreeMap<>();
      shared.forEach((k, v) -> expected.put(k, v.toString()));
      Map<String, String> got = new java.util.TreeMap<>();
      flink.forEach(
          (k, v) -> {
            if (expected.containsKey(k)) {
              got.put(k, v.toString());
            }
          });
      assertThat(got).isEqualTo(expected);
    }
  }

  @Test
  void secretsAreFilesFromSecretsAndNeverValues() {
    Map<String, String> mounts = mounts(at(DEPLOYMENT, "spec", "podTemplate", "spec"));
    String clickhouseSecret = mounts.get("secret:ccpulse-clickhouse");
    String kafkaSecret = mounts.get("secret:ccpulse-kafka");
    // The job logs in as the writer (inserts only), with that user's key of the secret.
    assertThat(JOB.get("clickhouse.user")).isEqualTo("ccpulse_job");
    assertThat(passwordFile(at(DEPLOYMENT, "spec", "podTemplate", "spec", "containers", 0)))
        .isEqualTo(clickhouseSecret + "/ccpulse_job");

    // Every file the Kafka settings name is in the Kafka secret; the JAAS line is read by Kafka's
    // file provider.
    assertThat(JOB.get("kafka.properties.sasl.jaas.config"))
        .startsWith("${file:" + kafkaSecret + "/");
    Matcher files =
        Pattern.compile("(/etc/ccpulse/[^:}\\s]+)").matcher(String.join("\n", JOB.values()));
    int named = 0;
    while (files.find()) {
      assertThat(files.group(1)).startsWith(kafkaSecret + "/");
      named++;
    }
    assertThat(named).isEqualTo(2);
    JOB.forEach((key, value) -> assertThat(value).as(key).doesNotContainIgnoringCase("password="));
    assertThat(JOB.keySet()).noneMatch(k -> k.contains("password"));
  }

  @Test
  void theMigrationsRunFromTheSameImageAgainstTheSameClickHouse() {
    Map<String, Object> pod = at(MIGRATE, "spec", "template", "spec");
    Map<String, Object> container = at(pod, "containers", 0);
    assertThat(at(MIGRATE, "kind").toString()).isEqualTo("Job");
    assertThat(container.get("image")).isEqualTo(at(DEPLOYMENT, "spec", "image"));
    assertThat((List<String>) at(container, "command"))
        .containsExactly(
            "java",
            "-cp",
            "/opt/flink/usrlib/ccpulse-pipeline-job.jar:/opt/flink/lib/*",
            "io.ccpulse.clickhouse.MigrateMain");
    List<String> args = at(container, "args");
    assertThat(args.get(args.indexOf("--url") + 1)).isEqualTo(JOB.get("clickhouse.url"));
    assertThat(args.get(args.indexOf("--database") + 1)).isEqualTo(JOB.get("clickhouse.database"));
    // Migrations as the admin of the database (make access writes the user), with its own key.
    assertThat(args.get(args.indexOf("--user") + 1)).isEqualTo("ccpulse_migrator");
    assertThat(passwordFile(container))
        .isEqualTo(mounts(pod).get("secret:ccpulse-clickhouse") + "/ccpulse_migrator");
  }

  /**
   * Mount path of each volume of a pod's first container, by "configMap:name", "secret:name" or
   * "persistentVolumeClaim:name".
   */
  private static Map<String, String> mounts(Map<String, Object> pod) {
    Map<String, String> sourceByVolume = new HashMap<>();
    for (Map<String, Object> volume : Project.<List<Map<String, Object>>>at(pod, "volumes")) {
      String source =
          volume.containsKey("configMap")
              ? "configMap:" + at(volume, "configMap", "name")
              : volume.containsKey("secret")
                  ? "secret:" + at(volume, "secret", "secretName")
                  : "persistentVolumeClaim:" + at(volume, "persistentVolumeClaim", "claimName");
      sourceByVolume.put(volume.get("name").toString(), source);
    }
    Map<String, String> mounts = new HashMap<>();
    for (Map<String, Object> mount :
        Project.<List<Map<String, Object>>>at(pod, "containers", 0, "volumeMounts")) {
      mounts.put(
          sourceByVolume.get(mount.get("name").toString()), mount.get("mountPath").toString());
    }
    return mounts;
  }

  private static String passwordFile(Map<String, Object> container) {
    for (Map<String, Object> env : Project.<List<Map<String, Object>>>at(container, "env")) {
      assertThat(env.get("name").toString()).isNotEqualTo("CCPULSE_CLICKHOUSE_PASSWORD");
      if (env.get("name").equals("CCPULSE_CLICKHOUSE_PASSWORD_FILE")) {
        return env.get("value").toString();
      }
    }
    throw new AssertionError("No CCPULSE_CLICKHOUSE_PASSWORD_FILE in " + container.get("name"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
