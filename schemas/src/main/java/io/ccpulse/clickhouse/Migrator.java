package io.ccpulse.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies the versioned SQL files under {@code ccpulse/clickhouse-migrations/} in order, once each,
 * and records them in {@code schema_migrations}.
 *
 * <p>ClickHouse DDL is not transactional, so every statement is written to be re-runnable ({@code
 * IF NOT EXISTS}) and a migration is recorded only after all its statements ran: a run that died
 * half way simply runs that file again. An applied file whose text changed is an error, not a
 * silent skip: fix forward with a new file.
 */
public final class Migrator {
  static final String RESOURCE_DIR = "ccpulse/clickhouse-migrations";
  private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

  /** One SQL file. */
  public record Migration(int version, String name, String sql, String checksum) {}

  /** What a run did. */
  public record Report(List<Migration> applied, List<Migration> alreadyApplied) {}

  private final ClickHouseEndpoint endpoint;
  private final Map<String, String> variables;
  private final List<Migration> migrations;

  /** With the bundled migrations and the default variables overridden by {@code overrides}. */
  public Migrator(ClickHouseEndpoint endpoint, Map<String, String> overrides) {
    this(endpoint, overrides, bundled());
  }

  Migrator(ClickHouseEndpoint endpoint, Map<String, String> overrides, List<Migration> migrations) {
    this.endpoint = endpoint;
    Map<String, String> vars = new TreeMap<>(defaults());
    vars.putAll(overrides);
    this.variables = Collections.unmodifiableMap(vars);
    this.migrations = List.copyOf(migrations);
  }

  /** Creates the database if needed and applies what has not run yet. */
  public Report migrate() throws SQLException {
    try (Connection server = endpoint.openServer();
        Statement st = server.createStatement()) {
      st.execute("CREATE DATABASE IF NOT EXISTS " + endpoint.database());
    }
    try (Connection conn = endpoint.open()) {
      try (Statement st = conn.createStatement()) {
        st.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
                + " version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)"
                + ") ENGINE = MergeTree ORDER BY version");
      }
      Map<Integer, String> applied = appliedChecksums(conn);
      List<Migration> done = new ArrayList<>();
      List<Migration> skipped = new ArrayList<>();
      for (Migration m : migrations) {
        String checksum = applied.get(m.version());
        if (checksum != null) {
          if (!checksum.equals(m.checksum())) {
            throw new IllegalStateException(
                String.format(
                    "Migration V%03d__%s was applied with checksum %s but the file now has %s: never edit an "
                        + "applied migration, add a new one",
                    m.version(), m.name(), checksum, m.checksum()));
          }
          skipped.add(m);
          continue;
        }
        apply(conn, m);
        done.add(m);
      }
      return new Report(done, skipped);
    }
  }

  private void apply(Connection conn, Migration m) throws SQLException {
    for (String statement : SqlScript.statements(substitute(m))) {
      try (Statement st = conn.createStatement()) {
        st.execute(statement);
      } catch (SQLException e) {
        throw new SQLException(
            String.format("Migration V%03d__%s failed: %s", m.version(), m.name(), e.getMessage()),
            e.getSQLState(),
            e.getErrorCode(),
            e);
      }
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)")) {
      ps.setInt(1, m.version());
      ps.setString(2, m.name());
      ps.setString(3, m.checksum());
      ps.executeUpdate();
    }
  }

  private String substitute(Migration m) {
    Matcher matcher = PLACEHOLDER.matcher(m.sql());
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = variables.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            String.format(
                "Migration V%03d__%s uses ${%s}, which has no value: set it with --set %s=...",
                m.version(), m.name(), matcher.group(1), matcher.group(1)));
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static Map<Integer, String> appliedChecksums(Connection conn) throws SQLException {
    Map<Integer, String> applied = new TreeMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_migrations")) {
      while (rs.next()) {
        applied.put(rs.getInt(1), rs.getString(2));
      }
    }
    return applied;
  }

  /** The default values of the placeholders, from {@code defaults.properties}. */
  public static Map<String, String> defaults() {
    Properties props = new Properties();
    try (InputStream in =
        Migrator.class
            .getClassLoader()
            .getResourceAsStream(RESOURCE_DIR + "/defaults.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> map = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
    return map;
  }

  /**
   * The migrations shipped on the classpath, ordered by version; works from a directory or a jar.
   */
  public static List<Migration> bundled() {
    URL dir = Migrator.class.getClassLoader().getResource(RESOURCE_DIR);
    if (dir == null) {
      throw new IllegalStateException("No " + RESOURCE_DIR + " on the classpath");
    }
    try {
      URI uri = dir.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(jar.getPath(RESOURCE_DIR));
        }
      }
      return read(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Migration> read(Path dir) throws IOException {
    List<Migration> list = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".sql")) {
          continue;
        }
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
          throw new IllegalStateException(
              "Migration file " + fileName + " is not named V<version>__<name>.sql");
        }
        String sql = Files.readString(file, StandardCharsets.UTF_8);
        list.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), sql, sha256(sql)));
      }
    }
    list.sort((a, b) -> Integer.compare(a.version(), b.version()));
    for (int i = 1; i < list.size(); i++) {
      if (list.get(i).version() == list.get(i - 1).version()) {
        throw new IllegalStateException("Two migrations with version " + list.get(i).version());
      }
    }
    return list;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
