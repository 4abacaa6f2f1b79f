package io.ccpulse.simulator.truth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccpulse.events.Channel;
import io.ccpulse.simulator.json.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
    for (TruthRow r : rows) {
      out.write(toJson(r));
      out.write('\n');
    }
  }

  /** One row as a JSON object (no newline). */
  public static String toJson(TruthRow r) {
    ObjectNode o = Json.object();
    o.put("interval_size_s", r.intervalSize().toSeconds());
    o.put("interval_start", r.intervalStart().toString());
    o.put("kind", r.kind().name());
    o.put("tenant_id", r.tenantId());
    if (r.agentId() != null) {
      o.put("agent_id", r.agentId());
    }
    if (r.queueId() != null) {
      o.put("queue_id", r.queueId());
    }
    if (r.channel() != null) {
      o.put("channel", r.channel().name());
    }
    for (Figure f : r.kind().figures()) {
      o.put(f.column(), r.get(f));
    }
    return Json.write(o);
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
    ObjectNode m = Json.readObject(line);
    EntityKind kind = EntityKind.valueOf(text(m, "kind"));
    List<Figure> figures = kind.figures();
    long[] values = new long[figures.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = whole(m, figures.get(i).column());
    }
    String channel = optionalText(m, "channel");
    return new TruthRow(
        Duration.ofSeconds(whole(m, "interval_size_s")),
        Instant.parse(text(m, "interval_start")),
        kind,
        text(m, "tenant_id"),
        optionalText(m, "agent_id"),
        optionalText(m, "queue_id"),
        channel == null ? null : Channel.valueOf(channel),
        values);
  }

  private static long whole(ObjectNode m, String field) {
    JsonNode v = m.get(field);
    if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
      throw new IllegalArgumentException(
          "field \"" + field + "\": expected a whole number, got " + v);
    }
    return v.asLong();
  }

  private static String text(ObjectNode m, String field) {
    String v = optionalText(m, field);
    if (v == null) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    return v;
  }

  private static String optionalText(ObjectNode m, String field) {
    JsonNode v = m.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field \"" + field + "\": expected a string, got " + v);
    }
    return v.textValue();
  }
}
