package io.ccpulse.clickhouse.access;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.options.CommandLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code make access}: writes the ClickHouse users file (roles, service users, analysts bound to
 * tenants, row policies, limits) for a migrated database.
 *
 * <pre>
 * --url jdbc:clickhouse://127.0.0.1:8123   where the migrated database is (read with --user, the
 * --database ccpulse --user default        password from CCPULSE_CLICKHOUSE_PASSWORD[_FILE])
 * --analysts analysts.properties           alice=acme, ops=*, carol= (bound to none)
 * --passwords DIR                          one file per user (ccpulse_migrator, ccpulse_job and each
 *                                          analyst) holding its password; never world-readable
 * --output users.d/ccpulse.xml             written 0600; ClickHouse reloads it on change
 * --limit name=value                       an analyst bound, e.g. max_execution_time=120
 * </pre>
 *
 * Only hashes of the passwords are written; no password is printed or passed as an argument.
 */
public final class AccessMain {
  private AccessMain() {}

  /** The command's options. */
  record Options(
      ClickHouseEndpoint endpoint,
      Path analysts,
      Path passwords,
      Path output,
      Map<String, String> limits) {

    static Options parse(String[] args) {
      CommandLine cl = CommandLine.parse(args, Set.of());
      String database = cl.value("database", "ccpulse");
      ClickHouseEndpoint endpoint =
          new ClickHouseEndpoint(
              cl.value("url", "jdbc:clickhouse://127.0.0.1:8123"),
              database,
              cl.value("user", "default"),
              cl.pairs("property"));
      Map<String, String> limits = new LinkedHashMap<>(Roles.analystLimits());
      limits.putAll(cl.pairs("limit"));
      Options options =
          new Options(
              endpoint,
              cl.value("analysts").map(Path::of).orElse(null),
              Path.of(cl.required("passwords")),
              Path.of(cl.required("output")),
              limits);
      cl.rejectUnread();
      return options;
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = CommandLine.readOrExit("access", () -> Options.parse(args));
    Path analystsFile = options.analysts();
    Path passwords = options.passwords();
    Path output = options.output();
    Map<String, String> limits = options.limits();
    ClickHouseEndpoint endpoint = options.endpoint();
    String database = endpoint.database();
    Map<String, String> analysts = analystsFile == null ? Map.of() : Analysts.read(analystsFile);
    List<String> users = new ArrayList<>(List.of(Roles.MIGRATOR_USER, Roles.JOB_USER));
    users.addAll(analysts.keySet());
    Map<String, String> hashes = new LinkedHashMap<>();
    try {
      for (String u : users) {
        hashes.put(u, passwordHash(passwords.resolve(u)));
      }
    } catch (IOException e) {
      System.err.println("access: " + e.getMessage());
      System.exit(1);
      return;
    }
    StoredObjects objects;
    try (Connection connection = endpoint.open()) {
      objects = StoredObjects.read(connection, database);
    }
    new UsersFile(objects, analysts, hashes, limits).write(output);
    System.out.printf(
        "Wrote %s: roles %s, %s, %s; users %s, %s and %d analyst(s); %d tenant tables under row"
            + " policies, %d views%n",
        output,
        Roles.ADMIN,
        Roles.WRITER,
        Roles.ANALYST,
        Roles.MIGRATOR_USER,
        Roles.JOB_USER,
        analysts.size(),
        objects.tenantTables().size(),
        objects.names(StoredObjects.Kind.VIEW).size());
  }

  /** SHA-256 (hex) of the password in {@code file}, which must not be readable by others. */
  static String passwordHash(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IOException("No password file " + file);
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
      throw new IOException(
          file + " is readable by every user of this machine: chmod 600 it first");
    }
    String password = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (password.isEmpty()) {
      throw new IOException(file + " is empty");
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
