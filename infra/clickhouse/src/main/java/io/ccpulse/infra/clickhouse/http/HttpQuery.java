package io.ccpulse.infra.clickhouse.http;

import io.ccpulse.infra.clickhouse.engine.ClickHouseException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What an HTTP request asks of ClickHouse, from its URL parameters and headers (the body is read by
 * {@link IncomingStatement}). Follows ClickHouse's HTTP interface: a header wins over the parameter
 * of the same meaning; every parameter that is not one of the interface's own is a setting.
 */
record HttpQuery(
    /** The {@code query} parameter (the start of the statement; the body follows it), or null. */
    String sqlParameter,
    String database,
    /** The output format unless the statement names its own. */
    String format,
    /** Settings to apply for this request only, in request order. */
    Map<String, String> settings,
    /** {@code param_<name>} values for {name:Type} placeholders. */
    Map<String, String> parameters,
    /** compress=1: the response in ClickHouse's compressed blocks. */
    boolean compress,
    /** decompress=1: the body is in ClickHouse's compressed blocks. */
    boolean decompress,
    /** GET, or readonly=1/2: only reading statements. */
    boolean readOnly,
    String queryId,
    /**
     * Who the request says it is: X-ClickHouse-User, the user parameter, Basic auth, or default.
     */
    String user) {

  static final String DEFAULT_FORMAT = "TabSeparated";

  /**
   * Parameters of the HTTP interface itself, never settings. The password is never checked here
   * (chDB cannot: see ProcessIdentity); the user is, against the process's identity.
   * wait_end_of_query is always true here (results are materialized) and chDB rejects the setting.
   */
  private static final Set<String> INTERFACE_PARAMETERS =
      Set.of(
          "query",
          "query_id",
          "database",
          "default_format",
          "compress",
          "decompress",
          "user",
          "password",
          "quota_key",
          "session_id",
          "session_timeout",
          "session_check",
          "stacktrace",
          "role",
          "buffer_size",
          "wait_end_of_query",
          "enable_http_compression",
          "send_progress_in_http_headers",
          "client_protocol_version",
          "readonly",
          "add_http_cors_header",
          "cancel_http_readonly_queries_on_client_close",
          // Makes every DROP synchronous, and a synchronous DROP never returns in chDB 26.5.
          "database_atomic_wait_for_drop_and_detach_synchronously");

  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * @param method "GET" or "POST"
   * @param rawQuery the URL's query string, still percent-encoded (may be null)
   * @param header header lookup by name (case-insensitive), null when absent
   */
  static HttpQuery parse(String method, String rawQuery, Function<String, String> header)
      throws ClickHouseException {
    Map<String, String> params = decodeParameters(rawQuery);
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, String> parameters = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("param_")) {
        parameters.put(name.substring("param_".length()), e.getValue());
      } else if (!INTERFACE_PARAMETERS.contains(name) && !name.startsWith("http_")) {
        if (!SETTING_NAME.matcher(name).matches()) {
          throw new ClickHouseException(
              ClickHouseException.UNKNOWN_SETTING,
              "Unknown setting '" + name + "'. (UNKNOWN_SETTING)");
        }
        settings.put(name, e.getValue());
      }
    }
    String readonly = params.getOrDefault("readonly", "0");
    return new HttpQuery(
        params.get("query"),
        firstNonEmpty(header.apply("X-ClickHouse-Database"), params.get("database"), "default"),
        firstNonEmpty(
            header.apply("X-ClickHouse-Format"), params.get("default_format"), DEFAULT_FORMAT),
        Collections.unmodifiableMap(settings),
        Collections.unmodifiableMap(parameters),
        isTrue(params.get("compress")),
        isTrue(params.get("decompress")),
        "GET".equalsIgnoreCase(method) || !readonly.equals("0"),
        firstNonEmpty(
            header.apply("X-ClickHouse-Query-Id"),
            params.get("query_id"),
            UUID.randomUUID().toString()),
        firstNonEmpty(
            header.apply("X-ClickHouse-User"),
            params.get("user"),
            basicAuthUser(header.apply("Authorization")),
            "default"));
  }

  /** The user name of an {@code Authorization: Basic} header, or null. */
  static String basicAuthUser(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** key=value pairs, percent- and '+'-decoded; a repeated key keeps its last value. */
  static Map<String, String> decodeParameters(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static boolean isTrue(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }

  private static String firstNonEmpty(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
