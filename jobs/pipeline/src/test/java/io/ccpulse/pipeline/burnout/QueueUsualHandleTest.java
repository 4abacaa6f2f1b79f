package io.ccpulse.pipeline.burnout;

import static io.ccpulse.pipeline.burnout.Inputs.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class QueueUsualHandleTest {
  private static final Duration LATENESS = Duration.ofMinutes(5);

  private static KeyedOneInputStreamOperatorTestHarness<TenantKey, BurnoutInput, BurnoutInput>
      harness() throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new QueueUsualHandle(Duration.ofDays(7), LATENESS)),
            BurnoutInput::queueKey,
            TypeInformation.of(TenantKey.class));
    harness.open();
    return harness;
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, BurnoutInput, BurnoutInput> h,
      BurnoutInput leg)
      throws Exception {
    h.processElement(new StreamRecord<>(leg, leg.at));
  }

  @Test
  void stampsEachLegWithTheQueuesMeanOfTheLegsBeforeItOverTheBaselinePeriod() throws Exception {
    try (var harness = harness()) {
      long t = at("05", "09:00");
      for (int i = 0; i < 20; i++) { // 20 legs: half 200 s, half 400 s
        send(harness, Inputs.leg(t + i * 60_000L, "i-" + i, i % 2 == 0 ? 200_000 : 400_000, false));
      }
      BurnoutInput wrong = Inputs.leg(at("05", "09:30"), "x", 2_300_000, false);
      send(harness, wrong);
      send(harness, Inputs.retraction(wrong)); // taken back while it waits: neither goes on
      BurnoutInput counted = Inputs.leg(at("05", "09:35"), "y", 2_300_000, false);
      send(harness, counted);
      BurnoutInput next = Inputs.leg(at("05", "09:40"), "i-20", 900_000, false);
      send(harness, next);
      harness.processWatermark(new Watermark(at("05", "09:50")));
      send(harness, Inputs.retraction(counted)); // behind the lateness: subtracted again, now
      BurnoutInput after = Inputs.leg(at("05", "09:52"), "i-21", 300_000, false);
      send(harness, after);
      BurnoutInput nextWeek = Inputs.leg(at("13", "10:00"), "i-22", 300_000, false); // 8 days on
      send(harness, nextWeek);
      harness.processWatermark(new Watermark(at("13", "11:00")));

      List<BurnoutInput> out = harness.extractOutputValues();
      assertThat(out).extracting(l -> l.interactionId).doesNotContain("x");
      List<Long> usual = out.stream().map(l -> l.queueUsualMs).toList();
      assertThat(usual.subList(0, 20)).as("fewer than 20 legs: not known").containsOnly(0L);
      assertThat(usual.get(20)).as("y saw the 20 before it").isEqualTo(300_000);
      assertThat(usual.get(21)).as("i-20 saw y too").isEqualTo((20 * 300_000L + 2_300_000) / 21);
      assertThat(out.get(22).sign).isEqualTo(-1);
      assertThat(usual.get(23))
          .as("after the retraction")
          .isEqualTo((21 * 300_000L + 600_000) / 21);
      assertThat(usual.get(24)).as("a week later the old hours are gone").isZero();
      assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
      assertThat(harness.numEventTimeTimers()).isZero();
    }
  }

  /**
   * Legs closed in parallel tasks reach the queue in any order, and the watermark moves on at any
   * point within the lateness: each leg is stamped the same.
   */
  @Test
  void theStampDependsOnTheLegsNotOnTheOrderTheyArriveIn() throws Exception {
    List<BurnoutInput> legs = new ArrayList<>();
    Random random = new Random(13);
    long t = at("05", "09:00");
    for (int i = 0; i < 60; i++) {
      // Three legs end at each instant; handle times from 100 s to 900 s.
      legs.add(
          Inputs.leg(t + (i / 3) * 30_000L, "i-" + i, 100_000 + random.nextInt(800_000), false));
    }
    List<String> first = null;
    for (int round = 0; round < 4; round++) {
      List<BurnoutInput> order = new ArrayList<>();
      for (BurnoutInput leg : legs) {
        order.add(Inputs.leg(leg.at, leg.interactionId, leg.handleMs, false));
      }
      if (round > 0) {
        // Within the lateness: shuffled in windows of 4 minutes of event time.
        for (int from = 0; from < order.size(); from += 24) {
          Collections.shuffle(order.subList(from, Math.min(order.size(), from + 24)), random);
        }
      }
      try (var harness = harness()) {
        long watermark = Long.MIN_VALUE;
        for (BurnoutInput leg : order) {
          send(harness, leg);
          if (random.nextInt(5) == 0 && leg.at - 60_000 > watermark) {
            watermark = leg.at - 60_000; // where it may be: a minute behind the latest read
            harness.processWatermark(new Watermark(watermark));
          }
        }
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        List<String> stamps =
            harness.extractOutputValues().stream()
                .map(l -> l.interactionId + "=" + l.queueUsualMs)
                .sorted()
                .toList();
        assertThat(stamps).hasSize(60);
        if (first == null) {
          first = stamps;
          assertThat(stamps).as("known from the 21st leg").anyMatch(s -> !s.endsWith("=0"));
        } else {
          assertThat(stamps).as("round %d", round).isEqualTo(first);
        }
      }
    }
  }

  @Test
  void aQueuesWaitingLegsShareOneTimer() throws Exception {
    try (var harness = harness()) {
      long t = at("05", "09:00");
      for (int i = 0; i < 30; i++) {
        send(harness, Inputs.leg(t + i * 20_000L, "i-" + i, 200_000, false));
      }
      assertThat(harness.numEventTimeTimers()).isOne();
      harness.processWatermark(new Watermark(t + 5 * 60_000 + 100_000)); // the first 6 stamped
      assertThat(harness.extractOutputValues()).hasSize(6);
      assertThat(harness.numEventTimeTimers()).isOne();
      assertThat(harness.numKeyedStateEntries()).isOne();
    }
  }

  /** The running total over the period is the sum of its hours, however legs come and go. */
  @Test
  void theTrailingTotalIsTheSumOfTheHoursWithinThePeriod() {
    KeptQueue q = new KeptQueue();
    Random random = new Random(7);
    List<BurnoutInput> counted = new ArrayList<>();
    List<BurnoutInput> all = new ArrayList<>();
    long baseline = Duration.ofDays(2).toMillis();
    long now = at("05", "00:00");
    for (int step = 0; step < 2_000; step++) {
      now += random.nextInt(300_000);
      // mostly legs ending now, some late (up to 3 days back), some taken back
      long at = random.nextInt(10) == 0 ? now - random.nextInt(3 * 86_400_000) : now;
      BurnoutInput leg = Inputs.leg(at, "i-" + step, 1_000 + random.nextInt(900_000), false);
      if (random.nextInt(8) == 0 && !counted.isEmpty()) {
        leg = Inputs.retraction(counted.remove(random.nextInt(counted.size())));
      } else {
        counted.add(leg);
      }
      q.count(leg);
      all.add(leg);
      q.forgetBefore(now, baseline);
      long hoursFrom = now - baseline; // an hour counts while it ends after this
      long handle = 0;
      long legs = 0;
      for (int i = 0; i < q.hours.length; i++) {
        assertThat(q.hours[i] + KeptQueue.HOUR).isGreaterThan(hoursFrom);
        handle += q.handleMs[i];
        legs += q.legs[i];
      }
      assertThat(q.totalHandleMs).isEqualTo(handle);
      assertThat(q.totalLegs).isEqualTo(legs);
      // and that is every leg of those hours, counted from the start (an hour once past the
      // period stays past it)
      long expectedHandle = 0;
      long expectedLegs = 0;
      for (BurnoutInput l : all) {
        if (Math.floorDiv(l.at, KeptQueue.HOUR) * KeptQueue.HOUR + KeptQueue.HOUR > hoursFrom) {
          expectedHandle += l.sign * l.handleMs;
          expectedLegs += l.sign;
        }
      }
      assertThat(handle).isEqualTo(expectedHandle);
      assertThat(legs).isEqualTo(expectedLegs);
    }
  }
}
