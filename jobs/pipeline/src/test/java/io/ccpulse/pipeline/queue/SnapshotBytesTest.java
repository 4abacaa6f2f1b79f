package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte reader takes the messages the live job writes and reads them as Jackson does; whatever
 * it declines, Jackson reads (or refuses) as before.
 */
class SnapshotBytesTest {
  private static final long T = 1_767_600_000_000L; // 2026-01-05T08:00:00Z

  @Test
  void readsWhatTheLiveJobWritesAsJacksonDoes() {
    Random random = new Random(7);
    for (int n = 0; n < 2_000; n++) {
      QueueSnapshot s = randomSnapshot(random, "t" + random.nextInt(50), "q-" + n);
      byte[] json = QueueMessages.toJson(s).getBytes(StandardCharsets.UTF_8);

      QueueSnapshot read = SnapshotBytes.read(json);

      assertThat(read).as(new String(json, StandardCharsets.UTF_8)).isNotNull();
      assertThat(read).usingRecursiveComparison().isEqualTo(QueueMessages.parsed(json));
      assertThat(QueueMessages.toJson(read)).isEqualTo(QueueMessages.toJson(s));
    }
  }

  @Test
  void declinesWhatItWasNotMadeFor() {
    Random random = new Random(11);
    for (String id : new String[] {"t\"1", "t\\1", "tenant-é", "t\t1"}) {
      byte[] json =
          QueueMessages.toJson(randomSnapshot(random, id, "q")).getBytes(StandardCharsets.UTF_8);
      assertThat(SnapshotBytes.read(json)).as(id).isNull();
      assertThat(QueueMessages.snapshot(json).tenantId).isEqualTo(id);
    }
    String written = QueueMessages.toJson(randomSnapshot(random, "t", "q"));
    for (String other :
        new String[] {
          written.replace(",\"queue_id\"", ", \"queue_id\""), // a space
          written.replace("\"waiting\":", "\"waiting\":0"), // a leading zero: not JSON
          written.replace("\"arrived\":", "\"arrived\":1.5,\"x\":"), // a field unknown here
          written.replace("}", ",\"added_later\":1}"),
          written.substring(0, written.length() - 1), // cut short
          " " + written
        }) {
      assertThat(SnapshotBytes.read(other.getBytes(StandardCharsets.UTF_8))).as(other).isNull();
    }
  }

  /**
   * Every message made from a written one by changing, dropping or adding one byte reads the same,
   * or is refused the same, with the byte reader in front of Jackson as with Jackson alone.
   */
  @Test
  void anyMessageOneByteAwayFromAWrittenOneIsDecidedAsJacksonDecidesIt() {
    Random random = new Random(13);
    byte[] bytes = "0123456789-+.eE\"\\ n,:{}a\u0000".getBytes(StandardCharsets.ISO_8859_1);
    int byteReaderRead = 0;
    for (int n = 0; n < 10_000; n++) {
      byte[] written =
          QueueMessages.toJson(randomSnapshot(random, "t1", "q1")).getBytes(StandardCharsets.UTF_8);
      byte[] changed = changeOneByte(written, random, bytes[random.nextInt(bytes.length)]);
      Object jackson = outcome(() -> QueueMessages.parsed(changed));
      Object both = outcome(() -> QueueMessages.snapshot(changed));
      String message = new String(changed, StandardCharsets.ISO_8859_1);
      if (jackson instanceof Exception) {
        assertThat(both).as(message).isInstanceOf(Exception.class);
      } else {
        assertThat(both).as(message).usingRecursiveComparison().isEqualTo(jackson);
      }
      if (outcome(() -> SnapshotBytes.read(changed)) instanceof QueueSnapshot) {
        byteReaderRead++;
      }
    }
    assertThat(byteReaderRead).as("changed messages the byte reader read").isGreaterThan(500);
  }

  private static byte[] changeOneByte(byte[] written, Random random, byte b) {
    int at = random.nextInt(written.length);
    return switch (random.nextInt(3)) {
      case 0 -> {
        byte[] c = written.clone();
        c[at] = b;
        yield c;
      }
      case 1 -> {
        byte[] c = new byte[written.length - 1];
        System.arraycopy(written, 0, c, 0, at);
        System.arraycopy(written, at + 1, c, at, written.length - at - 1);
        yield c;
      }
      default -> {
        byte[] c = Arrays.copyOf(written, written.length + 1);
        System.arraycopy(written, at, c, at + 1, written.length - at);
        c[at] = b;
        yield c;
      }
    };
  }

  private interface Read {
    QueueSnapshot read();
  }

  private static Object outcome(Read read) {
    try {
      return read.read();
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static QueueSnapshot randomSnapshot(Random r, String tenantId, String queueId) {
    QueueSnapshot s = new QueueSnapshot();
    s.tenantId = tenantId;
    s.queueId = queueId;
    s.channel = r.nextInt(5) == 0 ? null : Channel.values()[r.nextInt(Channel.values().length)];
    s.at = T + r.nextInt(86_400) * 1000L + (r.nextBoolean() ? r.nextInt(1000) : 0);
    s.waiting = r.nextInt(3) == 0 ? 0 : r.nextInt(40);
    s.oldestWaitSince = s.at - r.nextInt(900_000);
    s.agentsLoggedIn = r.nextInt(300);
    s.agentsOnQueue = r.nextInt(200);
    s.agentsAvailable = r.nextInt(50);
    s.agentsOnContact = r.nextInt(150);
    s.agentsOnBreak = r.nextInt(20);
    s.offered = r.nextInt(3) == 0 ? 0 : r.nextInt(6_000);
    s.answered = r.nextInt(s.offered + 1);
    s.answeredInSl = r.nextInt(s.answered + 1);
    s.abandoned = s.offered - s.answered;
    s.shortAbandoned = r.nextInt(s.abandoned + 1);
    s.openAlerts = r.nextInt(4);
    s.arrived = r.nextInt(6_000);
    s.handleTimeMs = r.nextInt(4) == 0 ? -1 : r.nextInt(1_800_000);
    s.estimatedWaitMs = r.nextInt(4) == 0 ? -1 : r.nextInt(600_000);
    s.agentsRequired = r.nextInt(4) == 0 ? -1 : r.nextInt(500);
    s.callbacksPending = r.nextInt(3) == 0 ? r.nextInt(10) : 0;
    s.oldestCallbackSince = s.callbacksPending == 0 ? 0 : s.at - r.nextInt(3_600_000);
    return s;
  }
}
