package io.ccpulse.pipeline.burnout;

import static io.ccpulse.pipeline.burnout.Inputs.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class QueueUsualHandleTest {
  @Test
  void stampsEachLegWithTheQueuesMeanSoFarOverTheBaselinePeriod() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new QueueUsualHandle(Duration.ofDays(7))),
            BurnoutInput::queueKey,
            TypeInformation.of(TenantKey.class))) {
      harness.open();
      long t = at("05", "09:00");
      for (int i = 0; i < 20; i++) { // 20 legs: half 200 s, half 400 s
        BurnoutInput leg =
            Inputs.leg(t + i * 60_000L, "i-" + i, i % 2 == 0 ? 200_000 : 400_000, false);
        harness.processElement(new StreamRecord<>(leg, leg.at));
      }
      BurnoutInput wrong = Inputs.leg(at("05", "09:30"), "x", 2_300_000, false);
      harness.processElement(new StreamRecord<>(wrong, wrong.at));
      harness.processElement(
          new StreamRecord<>(Inputs.retraction(wrong), wrong.at)); // taken back again
      BurnoutInput next = Inputs.leg(at("05", "09:40"), "i-20", 900_000, false);
      harness.processElement(new StreamRecord<>(next, next.at));
      BurnoutInput nextWeek = Inputs.leg(at("13", "10:00"), "i-21", 300_000, false); // 8 days on
      harness.processElement(new StreamRecord<>(nextWeek, nextWeek.at));

      List<Long> usual = harness.extractOutputValues().stream().map(l -> l.queueUsualMs).toList();
      assertThat(usual.subList(0, 20)).as("fewer than 20 legs: not known").containsOnly(0L);
      assertThat(usual.get(20)).isEqualTo(300_000); // the wrong leg saw the 20 before it
      assertThat(usual.get(21))
          .as("the retraction is judged as its leg was, nearly")
          .isEqualTo((20 * 300_000L + 2_300_000) / 21);
      assertThat(usual.get(22)).as("after the retraction").isEqualTo(300_000);
      assertThat(usual.get(23)).as("a week later the old hours are gone").isZero();
      assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }
  }
}
