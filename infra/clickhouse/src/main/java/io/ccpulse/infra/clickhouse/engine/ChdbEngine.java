package io.ccpulse.infra.clickhouse.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one chDB connection of this process, used as a stateless ClickHouse: every {@link #execute}
 * switches to the request's database, applies the request's settings, runs the query and resets the
 * settings, all under one lock, so nothing leaks from one HTTP request to the next.
 */
public final class ChdbEngine implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ChdbEngine.class.getName());

  /**
   * Session settings every request starts from, as SQL literals. implicit_select=0: otherwise chDB
   * reads a malformed statement as an expression and reports "unknown identifier" instead of the
   * syntax error. UTC: the server's time zone must not depend on the machine's.
   */
  static final Map<String, String> BASELINE = baseline();

  /** One request's query: bytes of SQL, the output format, and per-request state. */
  public record Query(
      String database,
      Map<String, String> settings,
      byte[] sql,
      String format,
      Map<String, String> params) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Path dataDir;
  private final Path workDir;
  private long connection;
  private String currentDatabase = "default";

  private ChdbEngine(Path dataDir, Path workDir, long connection) {
    this.dataDir = dataDir;
    this.workDir = workDir;
    this.connection = connection;
  }

  /**
   * Loads libchdb.so and opens the data directory.
   *
   * @throws DataPathInUseException if another process (a second server) holds the directory
   */
  public static ChdbEngine open(Path library, Path dataDir) throws IOException {
    return open(library, dataDir, null);
  }

  /**
   * As {@link #open(Path, Path)}, with a ClickHouse configuration file (e.g. the one {@code
   * ProcessIdentity} writes, naming the users file), or null for chDB's built-in unrestricted
   * {@code default} user.
   */
  public static ChdbEngine open(Path library, Path dataDir, Path configFile) throws IOException {
    ChdbLibrary.load(library);
    Path path = dataDir.toAbsolutePath().normalize();
    Files.createDirectories(path);
    Path status = path.resolve("status");
    if (ChdbLibrary.probeLock(status.toString()) != 0) {
      throw new DataPathInUseException(path, status);
    }
    // chDB maps files of the connecting process's cwd into the "default" database; an empty one
    // keeps
    // a stray file named like a table from shadowing it.
    Path workDir = Files.createTempDirectory("ccpulse-chdb-cwd");
    List<String> args = new ArrayList<>(List.of("clickhouse", "--path=" + path));
    if (configFile != null) {
      args.add("--config-file=" + configFile.toAbsolutePath());
    }
    long connection = ChdbLibrary.connect(args.toArray(new String[0]), workDir.toString());
    if (connection == 0) {
      Files.deleteIfExists(workDir);
      if (ChdbLibrary.probeLock(status.toString()) != 0) {
        throw new DataPathInUseException(path, status); // lost a race with another server
      }
      throw new IOException(
          "chDB could not open " + path + " (chdb_connect failed; its error is printed above)");
    }
    ChdbEngine engine = new ChdbEngine(path, workDir, connection);
    try {
      engine.runInternal(setStatement(BASELINE, true));
    } catch (ClickHouseException e) {
      engine.close();
      throw new IOException("chDB rejected the session settings: " + e.getMessage(), e);
    }
    return engine;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The ClickHouse version of the engine, e.g. "26.5.1.1". */
  public String version() throws ClickHouseException {
    Query query =
        new Query(
            "default",
            Map.of(),
            "SELECT version()".getBytes(StandardCharsets.UTF_8),
            "TSVRaw",
            Map.of());
    try (ChdbResult result = execute(query)) {
      return StandardCharsets.UTF_8.decode(result.data()).toString().strip();
    }
  }

  /** Runs one query; the caller closes the result (after writing it out, outside the lock). */
  public ChdbResult execute(Query query) throws ClickHouseException {
    lock.lock();
    try {
      if (connection == 0) {
        throw new ClickHouseException(
            ClickHouseException.UNKNOWN_EXCEPTION, "the server is shutting down");
      }
      useDatabase(query.database());
      boolean withSettings = !query.settings().isEmpty();
      try {
        if (withSettings) {
          runInternal(setStatement(query.settings(), false));
        }
        return ChdbResult.take(
            ChdbLibrary.query(
                connection,
                query.sql(),
                query.format().getBytes(StandardCharsets.UTF_8),
                names(query.params()),
                values(query.params())));
      } finally {
        if (withSettings) {
          resetSettings(query.settings().keySet());
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void useDatabase(String database) throws ClickHouseException {
    if (!database.equals(currentDatabase)) {
      runInternal("USE " + quoteIdentifier(database));
      currentDatabase = database;
    }
  }

  private void resetSettings(Collection<String> names) {
    Map<String, String> defaults = new LinkedHashMap<>();
    names.forEach(name -> defaults.put(name, BASELINE.getOrDefault(name, "DEFAULT")));
    try {
      runInternal(setStatement(defaults, true));
    } catch (ClickHouseException e) {
      // One unknown name fails the whole SET: reset the others one by one.
      defaults.forEach(
          (name, value) -> {
            try {
              runInternal(setStatement(Map.of(name, value), true));
            } catch (ClickHouseException ignored) {
              LOG.log(
                  Level.FINE,
                  "cannot reset setting {0}: {1}",
                  new Object[] {name, ignored.getMessage()});
            }
          });
    }
  }

  private void runInternal(String sql) throws ClickHouseException {
    long handle =
        ChdbLibrary.query(
            connection,
            sql.getBytes(StandardCharsets.UTF_8),
            "TSV".getBytes(StandardCharsets.UTF_8),
            null,
            null);
    ChdbResult.take(handle).close();
  }

  /** "SET a = 'x', b = 'y'"; {@code literal} = the values are already SQL (DEFAULT, 0, 'UTC'). */
  static String setStatement(Map<String, String> settings, boolean literal) {
    List<String> assignments = new ArrayList<>();
    settings.forEach(
        (name, value) -> assignments.add(name + " = " + (literal ? value : quoteString(value))));
    return "SET " + String.join(", ", assignments);
  }

  public static String quoteString(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  static String quoteIdentifier(String name) {
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
  }

  private static byte[][] names(Map<String, String> params) {
    return params.isEmpty()
        ? null
        : params.keySet().stream()
            .map(k -> k.getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new);
  }

  private static byte[][] values(Map<String, String> params) {
    return params.isEmpty()
        ? null
        : params.values().stream()
            .map(v -> v.getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new);
  }

  private static Map<String, String> baseline() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("implicit_select", "0");
    settings.put("session_timezone", "'UTC'");
    return Map.copyOf(settings);
  }

  /**
   * Closes the connection; chDB must be closed before the JVM exits. Waits up to 10 s for a running
   * query, then gives up (the caller's exit may then crash in libchdb; ChdbProcess kills after 30
   * s).
   */
  @Override
  public void close() {
    boolean locked = false;
    try {
      locked = lock.tryLock(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!locked) {
      LOG.warning("a query is still running after 10 s; exiting without closing chDB");
      return;
    }
    try {
      if (connection != 0) {
        ChdbLibrary.closeConnection(connection);
        connection = 0;
      }
    } finally {
      lock.unlock();
    }
    try {
      Files.deleteIfExists(workDir);
    } catch (IOException ignored) {
      // a temp dir; not worth failing a shutdown for
    }
  }

  /**
   * Another process holds the data directory: ClickHouse's "Cannot lock file .../status" (code 76).
   */
  public static final class DataPathInUseException extends IOException {
    DataPathInUseException(Path dataDir, Path statusFile) {
      super(
          "Cannot lock file "
              + statusFile
              + ": the data path "
              + dataDir
              + " is in use, another ClickHouse (chDB) server probably runs on it"
              + owner(statusFile)
              + ". Stop that server or choose another --path.");
    }

    private static String owner(Path statusFile) {
      try {
        // ClickHouse writes "PID: n\nStarted at: ...\nRevision: ..." into the file it locks.
        String text = Files.readString(statusFile).strip().replace("\r", "").replace("\n", ", ");
        return text.isEmpty() ? "" : " (" + text + ")";
      } catch (IOException | RuntimeException e) {
        return "";
      }
    }
  }
}
