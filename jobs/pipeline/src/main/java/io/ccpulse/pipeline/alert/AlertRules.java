package io.ccpulse.pipeline.alert;

import io.ccpulse.events.Channel;
import io.ccpulse.options.Durations;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The alert rules from configuration: {@code alerts.<rule>.<setting>} for every queue, overridden
 * per channel ({@code alerts.channel.EMAIL.<rule>.<setting>}), per tenant ({@code
 * alerts.tenant.<tenant>.<rule>.<setting>}) and per queue ({@code
 * alerts.queue.<tenant>/<queue>.<rule>.<setting>}), the most specific winning. Every key is checked
 * when the job starts.
 */
public final class AlertRules implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Set<String> SETTINGS =
      Set.of(
          "enabled", "threshold", "clear", "raise-after", "clear-after", "severity", "min-offered");
  private static final String[] SCOPES = {"channel.", "tenant.", "queue."};

  /**
   * Per scope ("" for the defaults, then e.g. "channel.EMAIL", "tenant.acme", "queue.acme/q1"):
   * rule → setting → value.
   */
  private final Map<String, Map<AlertRule, Map<String, String>>> scopes = new HashMap<>();

  private AlertRules() {}

  public static AlertRules from(PipelineConfig config) {
    AlertRules rules = new AlertRules();
    config.withPrefix("alerts.").forEach(rules::put);
    for (AlertRule rule : AlertRule.values()) {
      for (String setting : SETTINGS) {
        if (rules.raw("", rule, setting) == null) {
          throw new IllegalArgumentException(
              "Missing configuration key alerts." + rule.key() + "." + setting);
        }
      }
    }
    // Resolve every scope once, so a bad value fails the job at start, not at the first alert.
    for (String scope : rules.scopes.keySet()) {
      for (AlertRule rule : AlertRule.values()) {
        rules.settings(rule, scope);
      }
    }
    return rules;
  }

  /** The settings of every rule for one queue. */
  public Map<AlertRule, RuleSettings> forQueue(String tenantId, String queueId, Channel channel) {
    Map<AlertRule, RuleSettings> out = new EnumMap<>(AlertRule.class);
    String byChannel = channel == null ? "" : "channel." + channel.name();
    for (AlertRule rule : AlertRule.values()) {
      out.put(
          rule,
          settings(rule, byChannel, "tenant." + tenantId, "queue." + tenantId + "/" + queueId));
    }
    return out;
  }

  private RuleSettings settings(AlertRule rule, String... scopesInOrder) {
    String prefix = "alerts." + rule.key() + ".";
    boolean enabled = bool(prefix + "enabled", value(rule, "enabled", scopesInOrder));
    double threshold = number(rule, prefix + "threshold", value(rule, "threshold", scopesInOrder));
    double clear = number(rule, prefix + "clear", value(rule, "clear", scopesInOrder));
    long raiseAfter =
        Durations.parse(prefix + "raise-after", value(rule, "raise-after", scopesInOrder))
            .toMillis();
    long clearAfter =
        Durations.parse(prefix + "clear-after", value(rule, "clear-after", scopesInOrder))
            .toMillis();
    String severity = value(rule, "severity", scopesInOrder);
    int minOffered =
        (int) number(rule, prefix + "min-offered", value(rule, "min-offered", scopesInOrder));
    return new RuleSettings(
        enabled, threshold, clear, raiseAfter, clearAfter, severity, minOffered);
  }

  /** The most specific value: the last scope that sets it, else the default. */
  private String value(AlertRule rule, String setting, String... scopesInOrder) {
    String v = raw("", rule, setting);
    for (String scope : scopesInOrder) {
      String override = scope.isEmpty() ? null : raw(scope, rule, setting);
      if (override != null) {
        v = override;
      }
    }
    return v;
  }

  private String raw(String scope, AlertRule rule, String setting) {
    return scopes.getOrDefault(scope, Map.of()).getOrDefault(rule, Map.of()).get(setting);
  }

  /**
   * Files a key (after "alerts."): [scope-kind.scope-id.]rule.setting; the scope id may hold dots.
   */
  private void put(String key, String value) {
    int lastDot = key.lastIndexOf('.');
    int ruleDot = lastDot < 0 ? -1 : key.lastIndexOf('.', lastDot - 1);
    if (lastDot < 0) {
      throw unknown(key);
    }
    String setting = key.substring(lastDot + 1);
    String ruleKey = key.substring(ruleDot + 1, lastDot);
    String scope = ruleDot < 0 ? "" : key.substring(0, ruleDot);
    boolean scoped = false;
    for (String kind : SCOPES) {
      scoped |= scope.startsWith(kind) && scope.length() > kind.length();
    }
    if (!SETTINGS.contains(setting) || !(scope.isEmpty() || scoped)) {
      throw unknown(key);
    }
    if (scope.startsWith("channel.")) {
      Channel.valueOf(scope.substring("channel.".length())); // a typo in a channel fails here
    }
    AlertRule rule;
    try {
      rule = AlertRule.ofKey(ruleKey);
    } catch (IllegalArgumentException e) {
      throw unknown(key);
    }
    scopes
        .computeIfAbsent(scope, s -> new EnumMap<>(AlertRule.class))
        .computeIfAbsent(rule, r -> new HashMap<>())
        .put(setting, value.trim());
  }

  private static IllegalArgumentException unknown(String key) {
    return new IllegalArgumentException(
        "Unknown configuration key alerts."
            + key
            + ": expected alerts.<rule>.<setting>,"
            + " alerts.channel.<CHANNEL>.<rule>.<setting>, alerts.tenant.<tenant>.<rule>.<setting> or"
            + " alerts.queue.<tenant>/<queue>.<rule>.<setting>; rules "
            + java.util.Arrays.stream(AlertRule.values()).map(AlertRule::key).toList()
            + ", settings "
            + SETTINGS);
  }

  private static boolean bool(String key, String v) {
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, got " + v);
    }
    return Boolean.parseBoolean(v);
  }

  /** Oldest-wait levels are durations (in seconds here); ratios may be written as 0.1 or 10%. */
  private static double number(AlertRule rule, String key, String v) {
    try {
      if (rule == AlertRule.OLDEST_WAIT && !key.endsWith("min-offered")) {
        return Durations.parse(key, v).toMillis() / 1000.0;
      }
      if (v.endsWith("%")) {
        return Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100.0;
      }
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, got " + v, e);
    }
  }
}
