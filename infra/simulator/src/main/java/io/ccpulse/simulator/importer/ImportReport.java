package io.ccpulse.simulator.importer;

import io.ccpulse.simulator.output.EventStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What an import did: events published per stream, and every line skipped with the reason. */
public final class ImportReport {
  /** A line that was not published. */
  public record BadLine(long lineNumber, String reason) {
    @Override
    public String toString() {
      return "line " + lineNumber + ": " + reason;
    }
  }

  private final Map<EventStream, Long> published = new EnumMap<>(EventStream.class);
  private final List<BadLine> bad = new ArrayList<>();
  private long lines;
  private Retention retention;
  private boolean refused;

  void line() {
    lines++;
  }

  void count(EventStream s) {
    published.merge(s, 1L, Long::sum);
  }

  void bad(long line, String reason) {
    bad.add(new BadLine(line, reason));
  }

  /** Non-blank lines read. */
  public long lines() {
    return lines;
  }

  public long published(EventStream s) {
    return published.getOrDefault(s, 0L);
  }

  public long published() {
    return published.values().stream().mapToLong(Long::longValue).sum();
  }

  void retention(Retention r, boolean refused) {
    this.retention = r;
    this.refused = refused;
  }

  /** The retention check, or null when none was asked for. */
  public Retention retention() {
    return retention;
  }

  /** Whether nothing was published because events fell before the tables' retention. */
  public boolean refused() {
    return refused;
  }

  public List<BadLine> badLines() {
    return Collections.unmodifiableList(bad);
  }
}
