package io.ccpulse.infra.clickhouse;

import com.sun.net.httpserver.HttpServer;
import io.ccpulse.infra.clickhouse.engine.ChdbEngine;
import io.ccpulse.infra.clickhouse.engine.ClickHouseException;
import io.ccpulse.infra.clickhouse.http.HttpFront;
import io.ccpulse.options.CommandLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The local ClickHouse server process: chDB behind the ClickHouse HTTP interface.
 *
 * <pre>
 * java -cp ccpulse-local-clickhouse.jar:ccpulse-options.jar io.ccpulse.infra.clickhouse.ChdbHttpServer \
 *      [--port 8123] [--host 127.0.0.1] [--path .local/clickhouse] [--lib libchdb.so]
 *      [--port-file F] [--exit-with-parent PID] [--debug] [--users users.xml --user NAME]
 * </pre>
 *
 * With {@code --users} and {@code --user}, every query runs as that user of the ClickHouse users
 * file, enforced by ClickHouse's own access control (see {@link ProcessIdentity} for why one user
 * per process), and requests naming another user are refused.
 *
 * <p>Start it with {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so} ({@link ChdbProcess} does): chDB
 * installs signal handlers and libjsig keeps the JVM's in charge. Only JDK classes are needed on
 * the classpath. Stops cleanly on SIGTERM/SIGINT (the chDB connection is closed before the JVM
 * exits).
 */
public final class ChdbHttpServer {

  /** Exit status when the data path is held by another server. */
  public static final int EXIT_PATH_IN_USE = 3;

  /** Exit status for any other startup failure. */
  public static final int EXIT_STARTUP_FAILED = 2;

  private static final Logger ROOT_LOG = Logger.getLogger("io.ccpulse.infra.clickhouse");

  private ChdbHttpServer() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("ccpulse-clickhouse: " + e.getMessage());
      System.err.println(
          "usage: ChdbHttpServer [--port N] [--host H] [--path DIR] [--lib libchdb.so]"
              + " [--port-file F] [--exit-with-parent PID] [--debug]"
              + " [--users users.xml --user NAME]");
      System.exit(EXIT_STARTUP_FAILED);
      return;
    }
    configureLogging(options.debug);
    try {
      run(options);
    } catch (ChdbEngine.DataPathInUseException e) {
      System.err.println("ccpulse-clickhouse: cannot start: " + e.getMessage());
      System.exit(EXIT_PATH_IN_USE);
    } catch (Exception e) {
      System.err.println(
          "ccpulse-clickhouse: cannot start: " + (e instanceof IOException ? e.getMessage() : e));
      System.exit(EXIT_STARTUP_FAILED);
    }
  }

  private static void run(Options options) throws IOException, ClickHouseException {
    Path tempDir = Files.createTempDirectory("ccpulse-chdb-inserts");
    Path config =
        options.usersFile == null
            ? null
            : ProcessIdentity.write(options.usersFile, options.user, tempDir.resolve("identity"));
    ChdbEngine engine = ChdbEngine.open(options.library, options.dataDir, config);
    // Registered first, so that any later failure (System.exit) still closes chDB. Not
    // server.stop(): it takes a second (the dispatcher polls), and requests arriving during the
    // shutdown are refused by the closed engine anyway; the sockets go with the JVM.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  engine.close(); // waits for a running query; exiting with chDB open can crash in
                  // libchdb
                  deleteQuietly(tempDir);
                },
                "chdb-shutdown"));
    String version = engine.version();

    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(options.host, options.port), 64);
    } catch (BindException e) {
      throw new IOException(
          "cannot listen on "
              + options.host
              + ":"
              + options.port
              + " ("
              + e.getMessage()
              + "): another server probably uses the port; choose another with --port",
          e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4, daemonThreads()));
    server.createContext("/", new HttpFront(engine, tempDir, "ccpulse-chdb", options.user));
    server.start();

    if (options.parentPid > 0) {
      // A test JVM killed hard must not leave a server holding the data path.
      ProcessHandle.of(options.parentPid)
          .ifPresentOrElse(
              parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
    }
    int port = server.getAddress().getPort();
    if (options.portFile != null) {
      // Written last and atomically: its appearance means "listening".
      Path tmp = options.portFile.resolveSibling(options.portFile.getFileName() + ".tmp");
      Files.writeString(tmp, Integer.toString(port), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          options.portFile,
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
    System.err.printf(
        "ccpulse-clickhouse: ClickHouse %s (chDB %s) listening on http://%s:%d/, data in %s%n",
        version, chdbVersion(), options.host, port, engine.dataDir());
  }

  /** The pinned chDB release (from the build), which is not the ClickHouse version it reports. */
  static String chdbVersion() {
    try (InputStream in = ChdbHttpServer.class.getResourceAsStream("chdb.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("chdb.version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where libchdb.so is expected: $CCPULSE_CHDB_LIB, else the cache fetch-chdb.sh fills:
   * ${CCPULSE_CACHE:-$HOME/.cache/ccpulse}/chdb/VERSION/libchdb.so.
   */
  static Path defaultLibrary() {
    String explicit = System.getenv("CCPULSE_CHDB_LIB");
    if (explicit != null && !explicit.isEmpty()) {
      return Paths.get(explicit);
    }
    String cache = System.getenv("CCPULSE_CACHE");
    Path cacheDir =
        cache != null && !cache.isEmpty()
            ? Paths.get(cache)
            : Paths.get(System.getProperty("user.home"), ".cache", "ccpulse");
    return cacheDir.resolve("chdb").resolve(chdbVersion()).resolve("libchdb.so");
  }

  private static void configureLogging(boolean debug) {
    // Quiet by default: warnings only. --debug logs every request (not for throughput runs).
    ROOT_LOG.setUseParentHandlers(false);
    ConsoleHandler handler = new ConsoleHandler();
    Level level = debug ? Level.FINE : Level.WARNING;
    handler.setLevel(level);
    ROOT_LOG.setLevel(level);
    ROOT_LOG.addHandler(handler);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "chdb-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp files; the OS cleans up eventually
    }
  }

  /** Command-line options. */
  static final class Options {
    int port = 8123;
    String host = "127.0.0.1";
    Path dataDir = Paths.get(".local", "clickhouse");
    Path library;
    Path portFile;
    long parentPid;
    boolean debug;
    Path usersFile;
    String user;

    static Options parse(String[] args) {
      CommandLine cl = CommandLine.parse(args, Set.of("debug"));
      Options o = new Options();
      o.port = cl.port("port", o.port);
      o.host = cl.value("host", o.host);
      o.dataDir = cl.value("path").map(Paths::get).orElse(o.dataDir);
      o.library = cl.value("lib").map(Paths::get).orElse(null);
      o.portFile = cl.value("port-file").map(Paths::get).orElse(null);
      o.parentPid = cl.longValue("exit-with-parent", 0);
      o.debug = cl.flag("debug");
      o.usersFile = cl.value("users").map(Paths::get).orElse(null);
      o.user = cl.value("user").orElse(null);
      cl.rejectUnread();
      if ((o.usersFile == null) != (o.user == null)) {
        throw new IllegalArgumentException("--users and --user go together");
      }
      if (o.library == null) {
        o.library = defaultLibrary();
      }
      return o;
    }
  }
}
