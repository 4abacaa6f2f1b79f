package io.ccpulse.simulator.output;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the files {@link FileOutput} writes: 4-byte big-endian length, then that many bytes. */
public final class LengthDelimited {
  private LengthDelimited() {}

  /** Every record value in the file, in order. */
  public static List<byte[]> readAll(Path file) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      read(in, out);
    }
    return out;
  }

  static void read(InputStream raw, List<byte[]> out) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
    while (true) {
      int length;
      try {
        length = in.readInt();
      } catch (EOFException end) {
        return;
      }
      if (length < 0) {
        throw new IOException(
            "negative record length " + length + " after " + out.size() + " records");
      }
      byte[] value = new byte[length];
      in.readFully(value);
      out.add(value);
    }
  }
}
