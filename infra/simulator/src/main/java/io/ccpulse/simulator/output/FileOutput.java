package io.ccpulse.simulator.output;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes each stream to a file in {@code dir} named after its topic: records back to back, each a
 * 4-byte big-endian length then the value bytes. Keys and timestamps are not stored (the key is in
 * the event; delivery order is file order). Existing files are replaced.
 */
public final class FileOutput implements RecordSink {
  private final Map<EventStream, DataOutputStream> files = new EnumMap<>(EventStream.class);

  public FileOutput(Path dir, TopicNames topics) {
    try {
      Files.createDirectories(dir);
      for (EventStream s : EventStream.values()) {
        files.put(
            s,
            new DataOutputStream(
                new BufferedOutputStream(
                    Files.newOutputStream(dir.resolve(topics.of(s))), 1 << 16)));
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot create output files in " + dir, e);
    }
  }

  /** The file a stream is written to. */
  public static Path file(Path dir, TopicNames topics, EventStream stream) {
    return dir.resolve(topics.of(stream));
  }

  @Override
  public void accept(DeliveredRecord record) {
    DataOutputStream out = files.get(record.stream());
    try {
      out.writeInt(record.value().length);
      out.write(record.value());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void flush() {
    try {
      for (DataOutputStream out : files.values()) {
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    IOException first = null;
    for (DataOutputStream out : files.values()) {
      try {
        out.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    files.clear();
    if (first != null) {
      throw new UncheckedIOException(first);
    }
  }
}
