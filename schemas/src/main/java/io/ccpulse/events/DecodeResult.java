package io.ccpulse.events;

import java.util.Objects;

/**
 * The outcome of decoding one payload: an event, or the reason it could not be read. Never both.
 */
public final class DecodeResult<T> {
  private final T event;
  private final int writerVersion;
  private final RejectReason reason;
  private final String detail;

  private DecodeResult(T event, int writerVersion, RejectReason reason, String detail) {
    this.event = event;
    this.writerVersion = writerVersion;
    this.reason = reason;
    this.detail = detail;
  }

  static <T> DecodeResult<T> ok(T event, int writerVersion) {
    return new DecodeResult<>(Objects.requireNonNull(event), writerVersion, null, null);
  }

  static <T> DecodeResult<T> rejected(RejectReason reason, String detail) {
    return new DecodeResult<>(null, 0, Objects.requireNonNull(reason), detail);
  }

  public boolean isOk() {
    return event != null;
  }

  /** The decoded event, in the current schema. */
  public T event() {
    if (event == null) {
      throw new IllegalStateException("Rejected: " + reason + ": " + detail);
    }
    return event;
  }

  /** The released schema version the producer wrote with (1-based). */
  public int writerVersion() {
    return writerVersion;
  }

  public RejectReason reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return isOk()
        ? "ok(v" + writerVersion + ": " + event + ")"
        : "rejected(" + reason + ": " + detail + ")";
  }
}
