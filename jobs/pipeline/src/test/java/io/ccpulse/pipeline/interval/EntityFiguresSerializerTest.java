package io.ccpulse.pipeline.interval;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.contact.FactKind;
import io.ccpulse.pipeline.testing.RoundTrip;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.junit.jupiter.api.Test;

/** The sums' own serializer reads back what it wrote: every figure, the parts, a fact alone. */
class EntityFiguresSerializerTest {
  private final EntityFiguresSerializer serializer =
      new EntityFiguresSerializer(new SerializerConfigImpl());

  @Test
  void everyFigureZeroOrNotAndThePartsComeBackEqual() throws Exception {
    Random random = new Random(30);
    for (int n = 0; n < 500; n++) {
      EntityFigures e =
          EntityFigures.of(
              IntervalKey.of(
                  "t" + n, EntityKind.values()[n % 3], "e-" + n, Channel.values()[n % 3]),
              1_767_600_000_000L + n * 60_000L);
      long[] v = new long[IntervalFigures.COUNT];
      for (int i = 0; i < v.length; i++) {
        v[i] = random.nextInt(3) == 0 ? random.nextLong() : 0;
      }
      e.figures = IntervalFigures.of(v);
      assertThat(e.figures.values()).containsExactly(v);
      assertThat(roundTrip(e)).usingRecursiveComparison().isEqualTo(e);
    }
  }

  @Test
  void everyFieldOfTheFiguresIsInTheirValues() throws Exception {
    IntervalFigures f = new IntervalFigures();
    long n = 1;
    int fields = 0;
    for (Field field : IntervalFigures.class.getFields()) {
      if (field.getType() == long.class && !Modifier.isStatic(field.getModifiers())) {
        field.setLong(f, n++); // each its own value, so a field left out or read twice shows
        fields++;
      }
    }
    assertThat(fields).isEqualTo(IntervalFigures.COUNT);
    assertThat(IntervalFigures.of(f.values())).usingRecursiveComparison().isEqualTo(f);
  }

  @Test
  void nullsAndAFactThatCameAloneComeBack() throws Exception {
    EntityFigures e = new EntityFigures(); // nothing set
    assertThat(roundTrip(e)).usingRecursiveComparison().isEqualTo(e);

    e = EntityFigures.of(IntervalKey.of("acme", EntityKind.QUEUE, "q", null), 0);
    e.figures.handled = -1;
    e.fact = new ContactFact();
    e.fact.kind = FactKind.LEG;
    e.fact.interactionId = "i-1";
    e.fact.sign = -1;
    assertThat(roundTrip(e)).usingRecursiveComparison().isEqualTo(e);
    assertThat(serializer.copy(e)).usingRecursiveComparison().isEqualTo(e);
  }

  private EntityFigures roundTrip(EntityFigures e) throws Exception {
    EntityFigures back = RoundTrip.of(serializer, e);
    assertThat(back).isNotSameAs(e);
    return back;
  }
}
