package io.ccpulse.pipeline.burnout;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.pipeline.testing.RoundTrip;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** The burnout inputs' own serializer reads back every field it is given, nulls too. */
class BurnoutInputSerializerTest {
  private final BurnoutInputSerializer serializer = new BurnoutInputSerializer();

  /**
   * Each field its own value, none the default, so a field the serializer leaves out (one added to
   * the class later) or reads into another shows.
   */
  @Test
  void everyFieldComesBack() throws Exception {
    BurnoutInput in = new BurnoutInput();
    int n = 0;
    for (Field field : BurnoutInput.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      n++;
      Class<?> type = field.getType();
      if (type == String.class) {
        field.set(in, field.getName() + "-value");
      } else if (type == long.class) {
        field.setLong(in, 1_000_000_000_000L + n);
      } else if (type == int.class) {
        field.setInt(in, -n);
      } else if (type == boolean.class) {
        field.setBoolean(in, true);
      } else if (type.isEnum()) {
        Object[] constants = type.getEnumConstants();
        field.set(in, constants[constants.length - 1]);
      } else {
        throw new AssertionError("a field the test cannot fill: " + field);
      }
    }
    assertThat(n).isEqualTo(14);
    assertThat(roundTrip(in)).usingRecursiveComparison().isEqualTo(in);
    assertThat(serializer.copy(in)).usingRecursiveComparison().isEqualTo(in);
  }

  @Test
  void nullsComeBack() throws Exception {
    BurnoutInput in = new BurnoutInput(); // nothing set: every reference null
    assertThat(roundTrip(in)).usingRecursiveComparison().isEqualTo(in);
  }

  private BurnoutInput roundTrip(BurnoutInput in) throws Exception {
    BurnoutInput back = RoundTrip.of(serializer, in);
    assertThat(back).isNotSameAs(in);
    return back;
  }
}
