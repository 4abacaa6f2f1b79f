package io.ccpulse.local.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JobManager process ended, with the reason from its log in the message: a build log shows only
 * the exception, and the log file is gone with the build machine.
 */
final class JobManagerEnded extends IllegalStateException {
  private static final int REASON_LINES = 30;

  /** Its log says a port it was to bind was in use (a port picked free, taken since). */
  final boolean portTaken;

  private final String reason;

  /** The reason from {@code jobmanager.log} in {@code workDir}, else from its standard output. */
  JobManagerEnded(int exit, Path workDir) {
    this(exit, workDir.resolve("jobmanager.log"), reason(workDir));
  }

  private static List<String> reason(Path workDir) {
    List<String> reason = reasonLines(workDir.resolve("jobmanager.log"));
    return reason.isEmpty() ? reasonLines(workDir.resolve("jobmanager.out")) : reason;
  }

  private JobManagerEnded(int exit, Path log, List<String> reason) {
    super(
        "The JobManager ended (exit "
            + exit
            + "); its log: "
            + log
            + (reason.isEmpty() ? "" : "\n  " + String.join("\n  ", reason)));
    this.portTaken = reason.stream().anyMatch(JobManagerEnded::isBindFailure);
    this.reason =
        reason.isEmpty()
            ? "exit " + exit
            : message(
                reason.stream()
                    .filter(l -> !portTaken || isBindFailure(l))
                    .findFirst()
                    .orElseThrow());
  }

  private static boolean isBindFailure(String line) {
    return line.contains("BindException") || line.contains("Address already in use");
  }

  /** The log's first error onwards, stack frames left out (the messages and their causes). */
  private static List<String> reasonLines(Path log) {
    List<String> lines;
    try {
      lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int first = 0;
    while (first < lines.size() && !lines.get(first).contains(" ERROR ")) {
      first++;
    }
    if (first == lines.size()) {
      first = Math.max(0, lines.size() - REASON_LINES);
    }
    List<String> reason = new ArrayList<>();
    for (String line : lines.subList(first, lines.size())) {
      if (!line.startsWith("\tat ") && !line.startsWith("\t... ") && !line.isBlank()) {
        reason.add(line);
        if (reason.size() == REASON_LINES) {
          break;
        }
      }
    }
    return reason;
  }

  /** A log line's message: what follows the time, level and logger, or a cause's "Caused by". */
  private static String message(String line) {
    int dash = line.indexOf(" - ");
    String message = dash < 0 ? line : line.substring(dash + 3);
    return message.replaceFirst("^Caused by: ", "").strip();
  }

  /** The first line of the reason, for a one-line report. */
  String reason() {
    return reason;
  }
}
