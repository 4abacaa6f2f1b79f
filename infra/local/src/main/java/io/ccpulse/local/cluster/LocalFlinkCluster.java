package io.ccpulse.local.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink standalone session cluster on this machine, as a distribution's {@code start-cluster.sh}
 * runs it: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code
 * TaskManagerRunner}), each a JVM of its own whose classpath is what a distribution's {@code lib/}
 * holds (nothing of the job: jars come over REST), configured by a configuration directory ({@code
 * config.yaml}, {@code log4j.properties}) plus {@code -D} options for what is local: addresses,
 * ports, folders. JVM memory flags are computed from the configuration by Flink's own utilities, as
 * the scripts do.
 *
 * <p>{@link #killTaskManager} is a SIGKILL: no shutdown hook, nothing flushed. {@link #close} stops
 * every process with SIGTERM (Flink's shutdown hooks run), then SIGKILL after 30 s.
 */
public final class LocalFlinkCluster implements AutoCloseable {
  static final String JOB_MANAGER =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

  private final Path confDir;
  private final Path workDir;
  private final String classpath;
  private final Map<String, String> options;
  private final Map<String, String> taskManagerEnv;
  private final PrintStream out;

  /** The port the builder asked for, or 0: free ones are picked, and picked again if taken. */
  private final int requestedRestPort;

  private final IntSupplier freePort;
  private int restPort;
  private Process jobManager;
  private final Process[] taskManagers;

  /** Starts that may fail on a port taken from under the JobManager before one is reported. */
  private static final int START_ATTEMPTS = 3;

  private final Thread shutdownHook = new Thread(this::close, "flink-cluster-shutdown");

  private LocalFlinkCluster(Builder b) {
    this.confDir = b.confDir.toAbsolutePath();
    this.workDir = b.workDir.toAbsolutePath();
    this.classpath = b.classpath;
    this.taskManagerEnv = b.taskManagerEnv;
    this.out = b.out;
    this.requestedRestPort = b.restPort;
    this.freePort = b.freePort;
    this.taskManagers = new Process[b.taskManagers];
    Map<String, String> local = new LinkedHashMap<>();
    local.put("jobmanager.rpc.address", "127.0.0.1");
    local.put("jobmanager.bind-host", "127.0.0.1");
    local.put("rest.address", "127.0.0.1");
    local.put("rest.bind-address", "127.0.0.1");
    local.put("taskmanager.host", "127.0.0.1");
    local.put("taskmanager.bind-host", "127.0.0.1");
    local.put("blob.server.port", "0");
    local.put("execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
    local.put(
        "execution.checkpointing.savepoint-dir", workDir.resolve("savepoints").toUri().toString());
    local.put("web.upload.dir", workDir.resolve("jobmanager/uploads").toString());
    local.put("web.tmpdir", workDir.resolve("jobmanager/web").toString());
    local.putAll(b.options);
    this.options = local;
    pickPorts();
  }

  /**
   * The JobManager's RPC and REST ports: free ones, distinct, unless the builder named the REST
   * port. A port free when picked can be taken before the JobManager binds it (another process's
   * connection gets it as its local port), so a start that fails on it picks again.
   */
  private void pickPorts() {
    restPort = requestedRestPort > 0 ? requestedRestPort : freePort.getAsInt();
    int rpcPort;
    do {
      rpcPort = freePort.getAsInt();
    } while (rpcPort == restPort);
    options.put("rest.port", String.valueOf(restPort));
    options.put("jobmanager.rpc.port", String.valueOf(rpcPort));
  }

  public static Builder builder(Path confDir, Path workDir, String classpath) {
    return new Builder(confDir, workDir, classpath);
  }

  /** What the cluster is started with. */
  public static final class Builder {
    private final Path confDir;
    private final Path workDir;
    private final String classpath;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Map<String, String> taskManagerEnv = new LinkedHashMap<>();
    private int taskManagers = 2;
    private int restPort;
    private IntSupplier freePort = LocalFlinkCluster::freePort;
    private PrintStream out = System.out;

    private Builder(Path confDir, Path workDir, String classpath) {
      this.confDir = confDir;
      this.workDir = workDir;
      this.classpath = classpath;
    }

    /** An option over the configuration directory's, for every process ({@code -D}). */
    public Builder option(String key, String value) {
      options.put(key, value);
      return this;
    }

    public Builder taskManagers(int count) {
      this.taskManagers = count;
      return this;
    }

    /** The web UI and REST port; 0 (the default): a free one. */
    public Builder restPort(int port) {
      this.restPort = port;
      return this;
    }

    /** An environment variable of the TaskManagers (e.g. a secret file's path). */
    public Builder taskManagerEnv(String name, String value) {
      taskManagerEnv.put(name, value);
      return this;
    }

    /** Where ports are picked (a test hands out one it holds, to see a start survive it). */
    Builder freePorts(IntSupplier source) {
      this.freePort = source;
      return this;
    }

    public Builder log(PrintStream out) {
      this.out = out;
      return this;
    }

    /**
     * Starts the JobManager and the TaskManagers and waits until every slot is registered; stops
     * what it started if that fails.
     */
    public LocalFlinkCluster start(Duration timeout) throws Exception {
      LocalFlinkCluster cluster = new LocalFlinkCluster(this);
      Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
      try {
        cluster.startAll(timeout);
      } catch (Exception | Error e) {
        cluster.close();
        throw e;
      }
      return cluster;
    }
  }

  /** The classpath of a distribution's lib/, from the file the flink-lib module writes. */
  public static String libClasspath(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file + " is missing: build it with mvn -pl infra/flink-lib install");
    }
    return Files.readString(file).strip();
  }

  private void startAll(Duration timeout) throws Exception {
    long t0 = System.nanoTime();
    Files.createDirectories(workDir);
    for (int attempt = 1; ; attempt++) {
      jobManager = launch("jobmanager", JOB_MANAGER, jobManagerJvm(), List.of(), Map.of());
      // The TaskManagers start at once too: they retry registering until the JobManager answers.
      for (int i = 0; i < taskManagers.length; i++) {
        startTaskManager(i);
      }
      try {
        awaitRest(timeout);
        break;
      } catch (JobManagerEnded e) {
        if (attempt == START_ATTEMPTS || !e.portTaken || requestedRestPort > 0) {
          throw e;
        }
        out.printf(
            "Flink: the JobManager could not bind its port (%s); starting again on other ports%n",
            e.reason());
        stopProcesses();
        setAside(attempt);
        pickPorts();
      }
    }
    awaitSlots(totalSlots(), timeout);
    out.printf(
        "Flink: JobManager (pid %d) and %d TaskManagers, %d slots, up in %.0f s; web UI %s%n",
        jobManager.pid(),
        taskManagers.length,
        totalSlots(),
        (System.nanoTime() - t0) / 1e9,
        restAddress());
  }

  /** The failed start's JobManager log and output, kept beside the next start's. */
  private void setAside(int attempt) throws IOException {
    for (String name : List.of("jobmanager.log", "jobmanager.out")) {
      Path file = workDir.resolve(name);
      if (Files.exists(file)) {
        Files.move(
            file,
            workDir.resolve(name + ".failed-start-" + attempt),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * Waits until the REST endpoint answers; fails early, with the reason, if the JobManager ended.
   */
  private void awaitRest(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    // Short requests: whatever holds the port may accept a connection and never answer.
    FlinkRest rest = new FlinkRest(restAddress(), Duration.ofSeconds(5));
    while (true) {
      try {
        rest.overview();
        return;
      } catch (IOException notYet) {
        failIfDead();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "No Flink REST endpoint at " + restAddress() + "; logs in " + workDir, notYet);
        }
        Thread.sleep(250);
      }
    }
  }

  /** The REST address, e.g. {@code http://127.0.0.1:8081}; the web UI is there too. */
  public String restAddress() {
    return "http://127.0.0.1:" + restPort;
  }

  public FlinkRest rest() {
    return new FlinkRest(restAddress());
  }

  public int totalSlots() {
    return taskManagers.length * slotsPerTaskManager();
  }

  public int slotsPerTaskManager() {
    return configuration().get(TaskManagerOptions.NUM_TASK_SLOTS);
  }

  /** The TaskManager resource id of TaskManager {@code i}, as the REST API lists it. */
  public static String taskManagerId(int i) {
    return "tm-" + (i + 1);
  }

  /** Starts TaskManager {@code i} (again, after a kill); its slots register with the JobManager. */
  public void startTaskManager(int i) throws IOException {
    if (taskManagers[i] != null && taskManagers[i].isAlive()) {
      throw new IllegalStateException(taskManagerId(i) + " is running");
    }
    Configuration config = configuration();
    TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(config);
    List<String> dynamic =
        new ArrayList<>(
            Arrays.asList(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec).split("\\s+")));
    String id = taskManagerId(i);
    Path tmp = workDir.resolve(id).resolve("tmp");
    Files.createDirectories(tmp);
    dynamic.addAll(List.of("-D", "taskmanager.resource-id=" + id));
    dynamic.addAll(List.of("-D", "io.tmp.dirs=" + tmp));
    taskManagers[i] =
        launch(
            id,
            TASK_MANAGER,
            List.of(ProcessMemoryUtils.generateJvmParametersStr(spec).split("\\s+")),
            dynamic,
            taskManagerEnv);
  }

  /** SIGKILL to TaskManager {@code i}: it dies at once, as when its machine is lost. */
  public void killTaskManager(int i) throws InterruptedException {
    Process p = taskManagers[i];
    p.destroyForcibly();
    p.waitFor(1, TimeUnit.MINUTES);
    out.printf(
        "Flink: %s (pid %d) killed with SIGKILL (exit %d)%n",
        taskManagerId(i), p.pid(), p.exitValue());
  }

  public boolean taskManagerAlive(int i) {
    return taskManagers[i] != null && taskManagers[i].isAlive();
  }

  /** Waits until {@code slots} slots are registered (after a start or a restart). */
  public void awaitSlots(int slots, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (rest().overview().path("slots-total").asInt() != slots) {
      failIfDead();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Not "
                + slots
                + " slots within "
                + timeout
                + ": "
                + rest().overview()
                + "; logs in "
                + workDir);
      }
      Thread.sleep(200);
    }
  }

  /** Fails if the JobManager died (a TaskManager may be dead on purpose), saying why it did. */
  public void failIfDead() throws IOException {
    if (!jobManager.isAlive()) {
      throw new JobManagerEnded(jobManager.exitValue(), workDir);
    }
  }

  public Path workDir() {
    return workDir;
  }

  /** The configuration every process reads: the directory's file, then the -D options. */
  public Configuration configuration() {
    return GlobalConfiguration.loadConfiguration(
        confDir.toString(), Configuration.fromMap(options));
  }

  private List<String> jobManagerJvm() {
    Configuration config = configuration();
    JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(config);
    return List.of(JobManagerProcessUtils.generateJvmParametersStr(spec, config).split("\\s+"));
  }

  private Process launch(
      String name,
      String mainClass,
      List<String> memory,
      List<String> more,
      Map<String, String> env)
      throws IOException {
    Configuration config = configuration();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String opts :
        List.of(
            config.get(CoreOptions.FLINK_JVM_OPTIONS),
            name.equals("jobmanager")
                ? config.get(CoreOptions.FLINK_JM_JVM_OPTIONS)
                : config.get(CoreOptions.FLINK_TM_JVM_OPTIONS))) {
      if (!opts.isBlank()) {
        command.addAll(Arrays.asList(opts.strip().split("\\s+")));
      }
    }
    command.addAll(memory);
    command.add("-Dlog.file=" + workDir.resolve(name + ".log"));
    command.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
    command.addAll(List.of("-cp", classpath, mainClass, "--configDir", confDir.toString()));
    options.forEach((k, v) -> command.addAll(List.of("-D", k + "=" + v)));
    command.addAll(more);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(workDir.resolve(name + ".out").toFile()));
    builder.environment().putAll(env);
    Process p = builder.start();
    out.printf(
        "Flink: %s started (pid %d), log %s%n", name, p.pid(), workDir.resolve(name + ".log"));
    return p;
  }

  /** SIGTERM to every process (TaskManagers first), SIGKILL to any still alive after 30 s. */
  @Override
  public synchronized void close() {
    long t0 = System.nanoTime();
    stopProcesses();
    out.printf("Flink: cluster stopped in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself
    }
  }

  private void stopProcesses() {
    List<Process> all = new ArrayList<>();
    for (Process tm : taskManagers) {
      if (tm != null) {
        all.add(tm);
      }
    }
    if (jobManager != null) {
      all.add(jobManager);
    }
    all.forEach(Process::destroy);
    for (Process p : all) {
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
