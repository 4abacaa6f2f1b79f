package io.ccpulse.pipeline.burnout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The held inputs against a plain list doing what {@link Waiting#hold} promises. */
class WaitingTest {
  @Test
  void holdsInTimeOrderAndARetractionCancelsTheFirstWaitingInputItTakesBack() {
    Random random = new Random(5);
    for (int run = 0; run < 200; run++) {
      BurnoutInput[] waiting = Waiting.NONE;
      List<BurnoutInput> expected = new ArrayList<>();
      List<BurnoutInput> sent = new ArrayList<>();
      for (int n = 0; n < 40; n++) {
        BurnoutInput in;
        if (!sent.isEmpty() && random.nextInt(3) == 0) {
          in = Inputs.retraction(sent.get(random.nextInt(sent.size())));
        } else {
          // few instants and interactions, so inputs of one instant and equal ones are common
          in = Inputs.leg(1_000L * random.nextInt(6), "c-" + random.nextInt(3), 60_000, false);
          sent.add(in);
        }
        waiting = Waiting.hold(waiting, in);
        hold(expected, in);
      }
      assertThat(waiting).containsExactlyElementsOf(expected);
    }
  }

  /** The reference: the first input {@code in} cancels, from the start, else in its place. */
  private static void hold(List<BurnoutInput> waiting, BurnoutInput in) {
    for (int i = 0; i < waiting.size(); i++) {
      if (waiting.get(i).at == in.at && waiting.get(i).cancels(in)) {
        waiting.remove(i);
        return;
      }
    }
    int at = waiting.size();
    while (at > 0 && waiting.get(at - 1).at > in.at) {
      at--;
    }
    waiting.add(at, in);
  }
}
