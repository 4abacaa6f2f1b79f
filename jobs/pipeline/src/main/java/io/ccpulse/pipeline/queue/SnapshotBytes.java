package io.ccpulse.pipeline.queue;

import com.fasterxml.jackson.core.io.NumberInput;
import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A queue-health snapshot read straight from the bytes {@link QueueMessages#toJson} writes: every
 * field in its order, compact, ids in ASCII without escapes. The metrics job reads one per queue
 * and step, most of a day's messages, and Jackson's parser took about 1.5 µs for each
 * (BENCHMARKS.md). Any other shape (spaces, escapes, another order, a field another version added
 * or has not, a number JSON does not allow) is declined with {@code null} and read by Jackson
 * ({@link QueueMessages#snapshot}), so nothing is decided here that Jackson would decide otherwise.
 */
final class SnapshotBytes {
  /** Each field's name with what comes before it: {@code {"tenant_id":}, {@code ,"queue_id":}. */
  private static final byte[][] KEYS = new byte[QueueMessages.SNAPSHOT_FIELDS.length][];

  static {
    for (int f = 0; f < KEYS.length; f++) {
      String name = QueueMessages.SNAPSHOT_FIELDS[f].getValue();
      KEYS[f] = ((f == 0 ? "{\"" : ",\"") + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private final byte[] b;
  private int i;

  private SnapshotBytes(byte[] json) {
    this.b = json;
  }

  /** The snapshot, or null where the message is not in {@link QueueMessages#toJson}'s shape. */
  static QueueSnapshot read(byte[] json) {
    return new SnapshotBytes(json).snapshot();
  }

  private QueueSnapshot snapshot() {
    QueueSnapshot s = new QueueSnapshot();
    long oldestWaitMs = 0;
    long oldestCallbackMs = 0;
    for (int f = 0; f < KEYS.length; f++) {
      if (!skip(KEYS[f])) {
        return null;
      }
      long v = 0;
      switch (f) {
        case 0, 1, 3 -> {
          String text = ascii();
          if (text == null) {
            return null;
          }
          switch (f) {
            case 0 -> s.tenantId = text;
            case 1 -> s.queueId = text;
            default -> s.at = Json.parseTime(text);
          }
        }
        case 2 -> {
          if (!skip(NULL)) {
            String name = ascii();
            s.channel = name == null ? null : channel(name);
            if (s.channel == null) {
              return null;
            }
          }
        }
        case 16, 17 -> { // service_level, abandon_rate: derived from the counts
          if (!skip(NULL) && number() < 0) {
            return null;
          }
        }
        case 20, 21, 22 -> { // handle_time_s, estimated_wait_s, agents_required; null: no telling
          if (skip(NULL)) {
            v = -1;
          } else {
            int start = i;
            int end = number();
            if (end < 0) {
              return null;
            }
            double d =
                NumberInput.parseDouble(
                    new String(b, start, end - start, StandardCharsets.ISO_8859_1), true);
            if (f == 22 && (d < Integer.MIN_VALUE || d > Integer.MAX_VALUE)) {
              return null; // Jackson's to refuse
            }
            v = f == 22 ? (int) d : QueueMessages.millis(d);
          }
        }
        default -> {
          int start = i;
          int end = number();
          if (end < 0 || !integer(start, end)) {
            return null;
          }
          v = longValue(start, end);
          if ((f != 5 && f != 24) && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            return null;
          }
        }
      }
      switch (f) {
        case 4 -> s.waiting = (int) v;
        case 5 -> oldestWaitMs = v;
        case 6 -> s.agentsLoggedIn = (int) v;
        case 7 -> s.agentsOnQueue = (int) v;
        case 8 -> s.agentsAvailable = (int) v;
        case 9 -> s.agentsOnContact = (int) v;
        case 10 -> s.agentsOnBreak = (int) v;
        case 11 -> s.offered = (int) v;
        case 12 -> s.answered = (int) v;
        case 13 -> s.answeredInSl = (int) v;
        case 14 -> s.abandoned = (int) v;
        case 15 -> s.shortAbandoned = (int) v;
        case 18 -> s.openAlerts = (int) v;
        case 19 -> s.arrived = (int) v;
        case 20 -> s.handleTimeMs = v;
        case 21 -> s.estimatedWaitMs = v;
        case 22 -> s.agentsRequired = (int) v;
        case 23 -> s.callbacksPending = (int) v;
        case 24 -> oldestCallbackMs = v;
        default -> {}
      }
    }
    if (i != b.length - 1 || b[i] != '}') {
      return null;
    }
    return QueueMessages.finish(s, oldestWaitMs, oldestCallbackMs);
  }

  /** Moves past {@code expected} if the bytes at the position are it. */
  private boolean skip(byte[] expected) {
    int end = i + expected.length;
    if (end > b.length || !Arrays.equals(b, i, end, expected, 0, expected.length)) {
      return false;
    }
    i = end;
    return true;
  }

  /** A string of printable ASCII without escapes, moved past; null for anything else. */
  private String ascii() {
    byte[] b = this.b;
    int start = i + 1;
    if (start > b.length || b[i] != '"') {
      return null;
    }
    for (int k = start; k < b.length; k++) {
      byte c = b[k];
      if (c == '"') {
        i = k + 1;
        return new String(b, start, k - start, StandardCharsets.ISO_8859_1);
      }
      if (c < 0x20 || c == '\\') { // bytes >= 0x80 are negative
        return null;
      }
    }
    return null;
  }

  /**
   * Moves past a number as JSON writes it ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?})
   * and returns where it ends; -1 (not moved) if there is none.
   */
  private int number() {
    int k = i;
    if (k < b.length && b[k] == '-') {
      k++;
    }
    if (k < b.length && b[k] == '0') {
      k++;
    } else if (k < b.length && b[k] >= '1' && b[k] <= '9') {
      k = digits(k);
    } else {
      return -1;
    }
    if (k < b.length && b[k] == '.') {
      int after = digits(k + 1);
      if (after == k + 1) {
        return -1;
      }
      k = after;
    }
    if (k < b.length && (b[k] == 'e' || b[k] == 'E')) {
      k++;
      if (k < b.length && (b[k] == '+' || b[k] == '-')) {
        k++;
      }
      int after = digits(k);
      if (after == k) {
        return -1;
      }
      k = after;
    }
    i = k;
    return k;
  }

  private int digits(int k) {
    byte[] b = this.b;
    while (k < b.length && b[k] >= '0' && b[k] <= '9') {
      k++;
    }
    return k;
  }

  /** The number is an integer of at most 18 digits (a long, parsed without overflow). */
  private boolean integer(int start, int end) {
    int digits = end - start - (b[start] == '-' ? 1 : 0);
    if (digits > 18) {
      return false;
    }
    for (int k = start; k < end; k++) {
      if (b[k] == '.' || b[k] == 'e' || b[k] == 'E') {
        return false;
      }
    }
    return true;
  }

  /** The integer {@link #integer} accepted. */
  private long longValue(int start, int end) {
    boolean negative = b[start] == '-';
    long v = 0;
    for (int k = negative ? start + 1 : start; k < end; k++) {
      v = v * 10 + (b[k] - '0');
    }
    return negative ? -v : v;
  }

  private static Channel channel(String name) {
    for (Channel c : Channel.values()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }
}
