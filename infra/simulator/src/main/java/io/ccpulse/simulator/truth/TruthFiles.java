package io.ccpulse.simulator.truth;

import io.ccpulse.events.Channel;
import io.ccpulse.simulator.json.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Truth files: JSON lines, one row per line, in {@link TruthRow#ORDER}. Fields: {@code
 * interval_size_s}, {@code interval_start} (ISO-8601 UTC), {@code kind}, the kind's keys ({@code
 * tenant_id}, then {@code agent_id} / {@code queue_id} / {@code channel} where they apply), then
 * every figure of the kind by its column name.
 */
public final class TruthFiles {
  private TruthFiles() {}

  /** Writes rows (sorted first, so output does not depend on the caller's order). */
  public static void write(Collection<TruthRow> rows, Path file) throws IOException {
    List<TruthRow> sorted = new ArrayList<>(rows);
    sorted.sort(TruthRow.ORDER);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(sorted, w);
    }
  }

  /** Writes rows in the given order. */
  public static void write(List<TruthRow> rows, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder(512);
    for (TruthRow r : rows) {
      sb.setLength(0);
      line(r, sb);
      sb.append('\n');
      out.write(sb.toString());
    }
  }

  /** One row as a JSON object (no newline). */
  public static String toJson(TruthRow r) {
    StringBuilder sb = new StringBuilder(512);
    line(r, sb);
    return sb.toString();
  }

  /** Reads a truth file; a bad line fails with its line number. */
  public static List<TruthRow> read(Path file) throws IOException {
    List<TruthRow> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          rows.add(fromJson(line));
        } catch (RuntimeException e) {
          throw new IOException(file + " line " + n + ": " + e.getMessage(), e);
        }
      }
    }
    return rows;
  }

  /** One row from its JSON object. */
  public static TruthRow fromJson(String line) {
    Map<String, Object> m = Json.parseObject(line);
    EntityKind kind = EntityKind.valueOf((String) m.get("kind"));
    List<Figure> figures = kind.figures();
    long[] values = new long[figures.size()];
    for (int i = 0; i < values.length; i++) {
      Object v = m.get(figures.get(i).column());
      if (!(v instanceof BigDecimal d)) {
        throw new IllegalArgumentException("missing figure " + figures.get(i).column());
      }
      values[i] = d.longValueExact();
    }
    Object channel = m.get("channel");
    return new TruthRow(
        Duration.ofSeconds(((BigDecimal) m.get("interval_size_s")).longValueExact()),
        Instant.parse((String) m.get("interval_start")),
        kind,
        (String) m.get("tenant_id"),
        (String) m.get("agent_id"),
        (String) m.get("queue_id"),
        channel == null ? null : Channel.valueOf((String) channel),
        values);
  }

  private static void line(TruthRow r, StringBuilder sb) {
    sb.append("{\"interval_size_s\":").append(r.intervalSize().toSeconds());
    sb.append(",\"interval_start\":\"").append(r.intervalStart()).append('"');
    sb.append(",\"kind\":\"").append(r.kind().name()).append('"');
    sb.append(",\"tenant_id\":");
    Json.quote(sb, r.tenantId());
    if (r.agentId() != null) {
      sb.append(",\"agent_id\":");
      Json.quote(sb, r.agentId());
    }
    if (r.queueId() != null) {
      sb.append(",\"queue_id\":");
      Json.quote(sb, r.queueId());
    }
    if (r.channel() != null) {
      sb.append(",\"channel\":\"").append(r.channel().name()).append('"');
    }
    for (Figure f : r.kind().figures()) {
      sb.append(",\"").append(f.column()).append("\":").append(r.get(f));
    }
    sb.append('}');
  }
}
