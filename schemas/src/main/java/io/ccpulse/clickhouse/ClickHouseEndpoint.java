package io.ccpulse.clickhouse;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where ClickHouse is and how to log in, for the migrator and the job's sink alike.
 *
 * <p>The password is never held here: only where to find it (an environment variable, or a file
 * such as a mounted Kubernetes secret). It is read when a connection opens, on the machine that
 * opens it, so it never travels in a job graph, a command line or a log line.
 */
public final class ClickHouseEndpoint implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Environment variable holding the password. */
  public static final String PASSWORD_ENV = "CCPULSE_CLICKHOUSE_PASSWORD";

  /** Environment variable naming a file whose content is the password. */
  public static final String PASSWORD_FILE_ENV = "CCPULSE_CLICKHOUSE_PASSWORD_FILE";

  private final String url;
  private final String database;
  private final String user;
  private final TreeMap<String, String> driverProperties;

  /**
   * @param url JDBC URL without database, e.g. {@code jdbc:clickhouse://127.0.0.1:8123} or {@code
   *     jdbc:clickhouse:https://ch.example.com:8443}
   * @param database the database the tables live in
   * @param user the ClickHouse user
   * @param driverProperties extra clickhouse-jdbc properties (e.g. {@code compress=false}, {@code
   *     ssl=true})
   */
  public ClickHouseEndpoint(
      String url, String database, String user, Map<String, String> driverProperties) {
    this.url = stripTrailingSlash(url);
    this.database = requireIdentifier(database);
    this.user = user;
    this.driverProperties = new TreeMap<>(driverProperties);
  }

  public String url() {
    return url;
  }

  public String database() {
    return database;
  }

  public String user() {
    return user;
  }

  /** Opens a connection to this endpoint's database. */
  public Connection open() throws SQLException {
    return open(database);
  }

  /** Opens a connection to the server's {@code default} database, e.g. to create ours. */
  public Connection openServer() throws SQLException {
    return open("default");
  }

  private Connection open(String db) throws SQLException {
    Properties props = new Properties();
    props.putAll(driverProperties);
    props.setProperty("user", user);
    props.setProperty("password", password());
    return DriverManager.getConnection(url + "/" + db, props);
  }

  private static String password() {
    String file = System.getenv(PASSWORD_FILE_ENV);
    if (file != null && !file.isBlank()) {
      try {
        return Files.readString(Path.of(file)).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read the ClickHouse password file named by " + PASSWORD_FILE_ENV, e);
      }
    }
    String password = System.getenv(PASSWORD_ENV);
    return password == null ? "" : password;
  }

  static String requireIdentifier(String name) {
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("Not a plain ClickHouse identifier: " + name);
    }
    return name;
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return url + "/" + database + " as " + user + " " + driverProperties;
  }
}
