package io.ccpulse.local.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL the Grafana ClickHouse data source plugin (grafana-clickhouse-datasource) sends for a
 * panel: its macros expanded as the plugin's pkg/macros does, for a time range and interval, and
 * its template variables as quoted lists. The local report, the live page and the dashboards' test
 * all run the dashboards' own SQL through it, so a panel's query is written once.
 */
public final class GrafanaMacros {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+):singlequote}");
  // The plugin takes the text between the brackets as its one argument: no nesting, no commas.
  private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)(?:\\(([^()]*)\\))?");

  private GrafanaMacros() {}

  /** The SQL the plugin would send for this range and interval, with these variable values. */
  public static String expand(
      String sql, Instant from, Instant to, Duration interval, Map<String, List<String>> values) {
    Matcher v = VARIABLE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (v.find()) {
      List<String> vs = values.get(v.group(1));
      if (vs == null) {
        throw new IllegalArgumentException("no value for variable " + v.group(1));
      }
      String quoted =
          String.join(",", vs.stream().map(s -> "'" + s.replace("'", "\\'") + "'").toList());
      v.appendReplacement(out, Matcher.quoteReplacement(quoted));
    }
    v.appendTail(out);
    Matcher m = MACRO.matcher(out.toString());
    StringBuilder expanded = new StringBuilder();
    long seconds = Math.max(interval.toSeconds(), 1);
    while (m.find()) {
      String arg = m.group(2);
      boolean bracketAfter = m.end() < out.length() && out.charAt(m.end()) == '(';
      if (arg == null && bracketAfter) {
        throw new IllegalArgumentException("$__" + m.group(1) + ": brackets inside its argument");
      }
      if (arg == null && Set.of("timeFilter", "timeInterval").contains(m.group(1))) {
        throw new IllegalArgumentException("$__" + m.group(1) + " needs its column");
      }
      if (arg != null && arg.contains(",")) {
        throw new IllegalArgumentException("$__" + m.group(1) + " takes one argument: " + arg);
      }
      String text =
          switch (m.group(1)) {
            case "fromTime" -> "toDateTime(" + from.getEpochSecond() + ")";
            case "toTime" -> "toDateTime(" + to.getEpochSecond() + ")";
            case "timeFilter" ->
                arg
                    + " >= toDateTime("
                    + from.getEpochSecond()
                    + ") AND "
                    + arg
                    + " <= toDateTime("
                    + to.getEpochSecond()
                    + ")";
            case "timeInterval" ->
                "toStartOfInterval(toDateTime(" + arg + "), INTERVAL " + seconds + " second)";
            case "interval_s" -> Long.toString(seconds);
            default ->
                throw new IllegalArgumentException("macro $__" + m.group(1) + " not expanded here");
          };
      m.appendReplacement(expanded, Matcher.quoteReplacement(text));
    }
    m.appendTail(expanded);
    return expanded.toString();
  }
}
