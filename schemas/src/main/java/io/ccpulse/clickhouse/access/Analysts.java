package io.ccpulse.clickhouse.access;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Analysts and the tenant each one may read, from a properties file: {@code alice=acme} binds alice
 * to tenant acme; {@code ops=*} reads every tenant (a supervisor across centers); {@code carol=} is
 * bound to none and reads no row until bound.
 */
public final class Analysts {

  /** Every tenant. */
  public static final String ALL_TENANTS = "*";

  private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Analysts() {}

  /** User name to tenant binding ({@link #ALL_TENANTS}, a tenant id, or "" for none). */
  public static Map<String, String> read(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    Map<String, String> analysts = new TreeMap<>();
    properties
        .stringPropertyNames()
        .forEach(u -> analysts.put(u, properties.getProperty(u).strip()));
    return check(analysts);
  }

  static Map<String, String> check(Map<String, String> analysts) {
    analysts.keySet().forEach(Analysts::requireUserName);
    for (String reserved : Roles.SERVICE_USERS) {
      if (analysts.containsKey(reserved)) {
        throw new IllegalArgumentException(reserved + " is a service user, not an analyst");
      }
    }
    return Map.copyOf(analysts);
  }

  static String requireUserName(String user) {
    if (!USER.matcher(user).matches() || user.equals("default")) {
      throw new IllegalArgumentException("Not a usable ClickHouse user name: '" + user + "'");
    }
    return user;
  }
}
