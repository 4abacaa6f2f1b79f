package io.ccpulse.simulator.faults;

import io.ccpulse.events.SchemaHistory;
import io.ccpulse.simulator.model.Rng;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Payloads a reader must reject: unreadable bytes, and valid headers with an unknown fingerprint.
 */
final class Garbage {
  /**
   * A fingerprint no released schema has (checked, so a future release cannot collide unnoticed).
   */
  static final long UNKNOWN_FINGERPRINT = 0x0BADFEEDCAFEF00DL;

  private Garbage() {}

  /**
   * 1–64 random bytes that are not Avro single-object encoding: the first byte is never the magic
   * C3, so the header check fails however long the payload is.
   */
  static byte[] unreadable(Rng rng) {
    byte[] b = new byte[1 + rng.index(64)];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) rng.index(256);
    }
    if (b[0] == (byte) 0xC3) {
      b[0] = 0x7B;
    }
    return b;
  }

  /** A copy of a valid payload with the fingerprint replaced. */
  static byte[] unknownSchema(byte[] valid) {
    byte[] b = valid.clone();
    ByteBuffer.wrap(b, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(UNKNOWN_FINGERPRINT);
    return b;
  }

  static void checkUnknown(SchemaHistory history) {
    if (history.versionOf(UNKNOWN_FINGERPRINT) != 0) {
      throw new IllegalStateException(
          "the 'unknown' fingerprint is a released " + history.recordName() + " version");
    }
  }
}
