package io.ccpulse.infra.clickhouse;

import io.ccpulse.options.CommandLine;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the local ClickHouse ({@link ChdbHttpServer}) as a child JVM and stops it. Usable from any
 * JVM: tests, the local runner, Flink jobs run locally. chDB never loads into the caller's JVM.
 *
 * <pre>
 * try (ChdbProcess clickhouse = ChdbProcess.start(Path.of(".local/clickhouse"), 8123)) {
 *     String url = clickhouse.jdbcUrl("default"); // jdbc:clickhouse://127.0.0.1:8123/default
 * }
 * </pre>
 *
 * Port 0 picks a free port (read back from the child). The child is the same {@code java} (this
 * JVM's java.home) with LD_PRELOAD=libjsig.so and TZ=UTC, its classpath this module's jar or
 * classes directory. Its output goes to {@link #logFile()}, by default next to the data directory
 * ({@code <dataDir>.log}). It exits by itself if this JVM dies; {@link #close()} stops it cleanly.
 */
public final class ChdbProcess implements AutoCloseable {

  private static final String MAIN = ChdbHttpServer.class.getName();
  private static final Duration POLL = Duration.ofMillis(50);

  private final Process process;
  private final String host;
  private final int port;
  private final Path dataDir;
  private final Path logFile;
  private final Path portFile;
  private final Thread shutdownHook;

  private ChdbProcess(Process process, String host, int port, Path dataDir, Path logFile) {
    this.process = process;
    this.host = host;
    this.port = port;
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.portFile = portFileFor(logFile);
    this.shutdownHook = new Thread(this::stop, "chdb-process-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a server on {@code dataDir} at {@code port} (0: any free port) and waits until it
   * answers.
   */
  public static ChdbProcess start(Path dataDir, int port) throws IOException {
    return builder().dataDir(dataDir).port(port).start();
  }

  public static Builder builder() {
    return new Builder();
  }

  public int port() {
    return port;
  }

  public String host() {
    return host;
  }

  /** e.g. {@code http://127.0.0.1:8123/} */
  public String httpUrl() {
    return "http://" + host + ":" + port + "/";
  }

  /** e.g. {@code jdbc:clickhouse://127.0.0.1:8123/ccpulse} (clickhouse-jdbc 0.9.x, HTTP). */
  public String jdbcUrl(String database) {
    return jdbcUrl() + "/" + database;
  }

  /**
   * Without a database, e.g. {@code jdbc:clickhouse://127.0.0.1:8123} (the driver then uses
   * "default").
   */
  public String jdbcUrl() {
    return "jdbc:clickhouse://" + host + ":" + port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path logFile() {
    return logFile;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM (the server closes chDB cleanly), then SIGKILL if it has not exited after 30 s. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down and runs the hook itself
    }
  }

  private void stop() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(portFile);
    } catch (IOException ignored) {
      // a stale port file is overwritten by the next start
    }
  }

  private static Path portFileFor(Path logFile) {
    return logFile.resolveSibling(logFile.getFileName() + ".port");
  }

  /**
   * The libchdb.so to use: $CCPULSE_CHDB_LIB, or the cached one, fetched first (with the bundled
   * fetch-chdb.sh, needing npm) if it is missing.
   */
  public static Path ensureLibrary() throws IOException {
    Path library = ChdbHttpServer.defaultLibrary();
    if (Files.isReadable(library)) {
      return library;
    }
    String explicit = System.getenv("CCPULSE_CHDB_LIB");
    if (explicit != null && !explicit.isEmpty()) {
      throw new IOException("CCPULSE_CHDB_LIB is " + explicit + ", which is not a readable file");
    }
    return LibraryFetch.run(library);
  }

  /** Options for {@link #start()}. */
  public static final class Builder {
    private Path dataDir = Paths.get(".local", "clickhouse");
    private int port = 8123;
    private String host = "127.0.0.1";
    private Path library;
    private Path logFile;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private boolean debug;
    private Path usersFile;
    private String user;
    private final List<String> jvmOptions =
        new ArrayList<>(List.of("-Xms32m", "-Xmx512m", "-XX:+UseSerialGC"));

    private Builder() {}

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** 0 picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** libchdb.so; default {@link ChdbProcess#ensureLibrary()}. */
    public Builder library(Path library) {
      this.library = library;
      return this;
    }

    /** Where the child's output goes (appended); default {@code <dataDir>.log}. */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = startupTimeout;
      return this;
    }

    /** Logs every request in the log file. */
    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    /**
     * Every query runs as {@code user} of the ClickHouse users file (as a real server loads it from
     * users.d), enforced by ClickHouse; requests naming another user are refused. See {@link
     * ProcessIdentity}.
     */
    public Builder runAs(Path usersFile, String user) {
      this.usersFile = usersFile;
      this.user = user;
      return this;
    }

    /** Extra options for the child JVM (it runs with a 512 MB heap; chDB's memory is native). */
    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    public ChdbProcess start() throws IOException {
      Path data = dataDir.toAbsolutePath().normalize();
      Path lib = library != null ? library : ensureLibrary();
      Path log =
          logFile != null
              ? logFile.toAbsolutePath()
              : data.resolveSibling(data.getFileName() + ".log");
      Files.createDirectories(data);
      Files.createDirectories(log.getParent());
      Path portFile = portFileFor(log);
      Files.deleteIfExists(portFile);

      Path javaHome = Paths.get(System.getProperty("java.home"));
      List<String> command = new ArrayList<>();
      command.add(javaHome.resolve("bin").resolve("java").toString());
      command.addAll(jvmOptions);
      command.addAll(
          List.of(
              "-cp",
              serverClasspath(),
              MAIN,
              "--host",
              host,
              "--port",
              Integer.toString(port),
              "--path",
              data.toString(),
              "--lib",
              lib.toString(),
              "--port-file",
              portFile.toString(),
              "--exit-with-parent",
              Long.toString(ProcessHandle.current().pid())));
      if (debug) {
        command.add("--debug");
      }
      if (usersFile != null) {
        command.addAll(List.of("--users", usersFile.toAbsolutePath().toString(), "--user", user));
      }
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // libjsig keeps the JVM's signal handlers first in line when chDB installs its own.
      Path libjsig = javaHome.resolve("lib").resolve("libjsig.so");
      if (Files.exists(libjsig)) {
        builder.environment().put("LD_PRELOAD", libjsig.toString());
      }
      builder.environment().put("TZ", "UTC");
      Files.writeString(
          log,
          "=== " + java.time.Instant.now() + " starting: " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);

      Process process = builder.start();
      try {
        int actualPort = awaitReady(process, portFile, log);
        return new ChdbProcess(process, host, actualPort, data, log);
      } catch (IOException | RuntimeException e) {
        process.destroyForcibly();
        throw e;
      }
    }

    private int awaitReady(Process process, Path portFile, Path log) throws IOException {
      long deadline = System.nanoTime() + startupTimeout.toNanos();
      int actualPort = -1;
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          int exit = process.exitValue();
          String why =
              exit == ChdbHttpServer.EXIT_PATH_IN_USE
                  ? "its data path is in use"
                  : "exit status " + exit;
          throw new IOException(
              "The local ClickHouse (chDB) server did not start ("
                  + why
                  + "). Last lines of "
                  + log
                  + ":\n"
                  + tail(log, 20));
        }
        if (actualPort < 0 && Files.exists(portFile)) {
          actualPort = Integer.parseInt(Files.readString(portFile).strip());
        }
        if (actualPort > 0 && ping(host, actualPort)) {
          return actualPort;
        }
        sleep(POLL);
      }
      throw new IOException(
          "The local ClickHouse (chDB) server did not answer within "
              + startupTimeout
              + ". Last lines of "
              + log
              + ":\n"
              + tail(log, 20));
    }
  }

  static boolean ping(String host, int port) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection)
              new URI("http://" + host + ":" + port + "/ping").toURL().openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(2000);
      try (InputStream in = connection.getInputStream()) {
        return connection.getResponseCode() == 200
            && new String(in.readAllBytes(), StandardCharsets.UTF_8).startsWith("Ok.");
      } finally {
        connection.disconnect();
      }
    } catch (IOException | URISyntaxException e) {
      return false;
    }
  }

  /**
   * This module's classes and the options parser's (a jar or a directory each): all the server
   * needs besides the JDK.
   */
  private static String serverClasspath() throws IOException {
    List<String> entries = new ArrayList<>();
    for (Class<?> c : List.of(ChdbHttpServer.class, CommandLine.class)) {
      try {
        entries.add(
            Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException | NullPointerException e) {
        throw new IOException("cannot locate the classes of " + c.getName(), e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  static String tail(Path file, int lines) {
    try {
      String[] all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n");
      return String.join(
          "\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  private static void sleep(Duration duration) throws IOException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the ClickHouse server", e);
    }
  }
}
