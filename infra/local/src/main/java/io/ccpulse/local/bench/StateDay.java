package io.ccpulse.local.bench;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The job's state at the end of one simulated day, once it has read the day and checkpointed it.
 *
 * @param day 1 for the simulation's first day
 * @param records published so far
 * @param heapAfterGc bytes of heap used after a full collection (the job runs in this JVM)
 * @param checkpointId the latest completed checkpoint, -1 if none
 * @param checkpointBytes its state size
 * @param entries per {@code state @ operator} (RocksDB's estimate); empty if not measured
 */
record StateDay(
    int day,
    LocalDate date,
    long records,
    long heapAfterGc,
    long checkpointId,
    long checkpointBytes,
    Map<String, Long> entries) {

  /** The entries of every state together. */
  long totalEntries() {
    return entries.values().stream().mapToLong(Long::longValue).sum();
  }

  boolean hasEntries() {
    return !entries.isEmpty();
  }

  @Override
  public String toString() {
    return String.format(
        "day %2d %s %s  %,9d records  heap after GC %,5d MiB  checkpoint %s  %s",
        day,
        date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT),
        date,
        records,
        heapAfterGc >> 20,
        checkpointId < 0
            ? "none yet"
            : String.format("#%-4d %,7.2f MiB", checkpointId, checkpointBytes / 1048576.0),
        hasEntries() ? "entries " + String.format("%,9d", totalEntries()) + top(3) : "");
  }

  /** The n states with the most entries. */
  String top(int n) {
    return entries.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(n)
        .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", ", " (", ")"));
  }
}
