package io.ccpulse.pipeline.config;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.options.CommandLine;
import io.ccpulse.options.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The job's configuration: the defaults in {@code ccpulse-defaults.properties}, then a file ({@code
 * --config FILE}), then {@code --key value} arguments, later ones winning. Every key is documented
 * in that defaults file. Secrets are not keys: see {@link ClickHouseEndpoint} and {@code
 * kafka.properties.*} (which take file references, not passwords). Keys under {@code flink.} are
 * Flink's own options, see {@link FlinkSettings}.
 */
public final class PipelineConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String DEFAULTS = "ccpulse-defaults.properties";

  private final TreeMap<String, String> values;

  private PipelineConfig(Map<String, String> values) {
    this.values = new TreeMap<>(values);
  }

  /** The documented defaults alone. */
  public static PipelineConfig defaults() {
    return new PipelineConfig(load(DEFAULTS));
  }

  /**
   * Defaults, then {@code --config FILE} if given, then the other options ({@code --key value} or
   * {@code --key=value}, see {@link CommandLine}).
   */
  public static PipelineConfig fromArgs(String... args) {
    return from(CommandLine.parse(args, Set.of()));
  }

  /**
   * Defaults, then the file of {@code --config} if given, then every option no one else has read: a
   * command that takes options of its own reads them first and hands the rest to the job.
   */
  public static PipelineConfig from(CommandLine options) {
    Map<String, String> merged = new TreeMap<>(load(DEFAULTS));
    options.value("config").ifPresent(file -> merged.putAll(loadFile(Path.of(file))));
    merged.putAll(options.unread());
    PipelineConfig config = new PipelineConfig(merged);
    config.rejectUnknownKeys();
    return config;
  }

  /** A copy with some values replaced (tests and the local runner use this). */
  public PipelineConfig with(Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(values);
    merged.putAll(overrides);
    PipelineConfig config = new PipelineConfig(merged);
    config.rejectUnknownKeys();
    return config;
  }

  public String get(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("Missing configuration key " + key);
    }
    return value;
  }

  public int getInt(String key) {
    try {
      return Integer.parseInt(get(key).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got " + get(key), e);
    }
  }

  public boolean getBoolean(String key) {
    String v = get(key).trim();
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, got " + v);
    }
    return Boolean.parseBoolean(v);
  }

  public Duration getDuration(String key) {
    return Durations.parse(key, get(key));
  }

  /** A comma-separated list of durations, e.g. {@code metrics.intervals=1min,15min}. */
  public List<Duration> getDurations(String key) {
    return Durations.parseList(key, get(key));
  }

  /** All keys under a prefix, with the prefix removed (e.g. {@code kafka.properties.}). */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k.substring(prefix.length()), v);
          }
        });
    return out;
  }

  public ClickHouseEndpoint clickHouse() {
    Map<String, String> driver = new TreeMap<>();
    // clickhouse-jdbc's own names, in milliseconds; a clickhouse.property.* of the same name wins.
    driver.put(
        "connection_timeout", Long.toString(getDuration("clickhouse.connect-timeout").toMillis()));
    driver.put(
        "socket_timeout", Long.toString(getDuration("clickhouse.socket-timeout").toMillis()));
    driver.putAll(withPrefix("clickhouse.property."));
    return new ClickHouseEndpoint(
        get("clickhouse.url"), get("clickhouse.database"), get("clickhouse.user"), driver);
  }

  private void rejectUnknownKeys() {
    Map<String, String> known = load(DEFAULTS);
    for (String key : values.keySet()) {
      boolean open =
          key.startsWith("kafka.properties.")
              || key.startsWith("clickhouse.property.")
              || key.startsWith(FlinkSettings.PREFIX)
              || key.startsWith("alerts.channel.")
              || key.startsWith("alerts.tenant.") // checked by AlertRules
              || key.startsWith("alerts.queue.");
      if (!open && !known.containsKey(key)) {
        throw new IllegalArgumentException(
            "Unknown configuration key " + key + " (the documented keys are in " + DEFAULTS + ")");
      }
    }
  }

  private static Map<String, String> load(String resource) {
    try (InputStream in = PipelineConfig.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + resource + " on the classpath");
      }
      return toMap(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> loadFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return toMap(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read configuration file " + file, e);
    }
  }

  private static Map<String, String> toMap(InputStream in) throws IOException {
    Properties props = new Properties();
    props.load(in);
    Map<String, String> map = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k).trim()));
    return map;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
