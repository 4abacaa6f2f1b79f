package io.ccpulse.pipeline.interval;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.pipeline.testing.RoundTrip;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.junit.jupiter.api.Test;

/**
 * An entity's kept intervals against a plain sorted map through random intervals made, sent,
 * changed again and forgotten, dozens at a time as a replay gathers them between watermarks.
 */
class KeptIntervalsTest {
  private static final long SIZE = 60_000;
  private static final long LATENESS = 300_000;

  /** What the model keeps of an interval: its handled count, version and whether it is pending. */
  private record Model(long handled, long version, boolean pending) {}

  @Test
  void itIsWrittenAndReadByFlinksSerializerWithPlacesLeftEmpty() throws Exception {
    KeptIntervals k = new KeptIntervals();
    for (long start = 0; start < 3 * SIZE; start += SIZE) {
      int i = k.interval(start); // before k.figures is read: it may grow the arrays
      k.figures[i].handled = start / SIZE + 1;
    }
    k.version(0, 42);
    k.forgetUpTo(SIZE - 1 + LATENESS, SIZE, LATENESS); // two of four places used, two empty
    assertThat(k.count).isEqualTo(2);
    assertThat(k.figures).hasSize(4).containsNull();

    TypeSerializer<KeptIntervals> serializer =
        TypeInformation.of(KeptIntervals.class).createSerializer(new SerializerConfigImpl());
    assertThat(serializer).isInstanceOf(PojoSerializer.class); // a state type: no Kryo
    KeptIntervals back = RoundTrip.of(serializer, k);
    assertThat(back).usingRecursiveComparison().isEqualTo(k);
    assertThat(back.figures[1].handled).isEqualTo(3);
  }

  @Test
  void itKeepsWhatASortedMapKeepsAndKnowsWhatIsDueFirst() {
    Random random = new Random(18);
    KeptIntervals k = new KeptIntervals();
    TreeMap<Long, Model> model = new TreeMap<>();
    long now = 0;
    for (int step = 0; step < 20_000; step++) {
      int op = random.nextInt(10);
      if (op < 6) { // a sum for one of the next 40 minutes, or a recent one
        long start = (now / SIZE + random.nextInt(45) - 5) * SIZE;
        if (start < 0 || start + SIZE - 1 + LATENESS <= now) {
          continue;
        }
        int i = k.interval(start);
        k.figures[i].handled++;
        k.pending[i] = true;
        Model m = model.getOrDefault(start, new Model(0, 0, false));
        model.put(start, new Model(m.handled + 1, m.version, true));
      } else if (op < 8) { // the watermark moves: what is due is sent, what is past forgotten
        now += random.nextInt(20) * SIZE / 4;
        for (int i = 0; i < k.count; i++) {
          if (k.pending[i] && k.starts[i] + SIZE - 1 <= now) {
            long v = k.version(i, step + 1);
            Model m = model.get(k.starts[i]);
            model.put(k.starts[i], new Model(m.handled, v, false));
          }
        }
        k.forgetUpTo(now, SIZE, LATENESS);
        long watermark = now;
        model
            .entrySet()
            .removeIf(e -> !e.getValue().pending && e.getKey() + SIZE - 1 + LATENESS <= watermark);
      }
      assertThat(k.count).isEqualTo(model.size());
      int i = 0;
      long due = KeptIntervals.NONE;
      for (var e : model.entrySet()) {
        assertThat(k.starts[i]).isEqualTo(e.getKey());
        assertThat(k.figures[i].handled).isEqualTo(e.getValue().handled);
        assertThat(k.versions[i]).isEqualTo(e.getValue().version);
        assertThat(k.pending[i]).isEqualTo(e.getValue().pending);
        long d = e.getKey() + SIZE - 1 + (e.getValue().pending ? 0 : LATENESS);
        due = due == KeptIntervals.NONE ? d : Math.min(due, d);
        i++;
      }
      assertThat(k.firstDue(SIZE, LATENESS)).isEqualTo(due);
    }
  }
}
