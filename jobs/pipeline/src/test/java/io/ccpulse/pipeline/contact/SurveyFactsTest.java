package io.ccpulse.pipeline.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.Inbound;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SurveyFactsTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private KeyedOneInputStreamOperatorTestHarness<TenantKey, Inbound<SurveyEvent>, ContactFact>
      harness;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new SurveyFacts(Duration.ofMinutes(5), Duration.ofDays(1))),
            SurveyFacts::key,
            TypeInformation.of(TenantKey.class));
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void send(String id, long secondsAfterT0) throws Exception {
    send(id, secondsAfterT0, null);
  }

  private void send(String id, long secondsAfterT0, Integer nps) throws Exception {
    SurveyEvent s =
        SurveyEvent.newBuilder()
            .setEventId(id)
            .setTenantId("acme")
            .setInteractionId("i-1")
            .setChannel(Channel.CHAT)
            .setAgentId("a-1")
            .setQueueId("q")
            .setCsat(2)
            .setOccurredAt(T0.plusSeconds(secondsAfterT0))
            .setNps(nps)
            .build();
    harness.processElement(
        new StreamRecord<>(Inbound.of(s, "surveys", 0, 0), s.getOccurredAt().toEpochMilli()));
  }

  @Test
  void aResponseIsAFactOnceAndTheFirstIsNeverTooLate() throws Exception {
    send("s-1", 0); // before any watermark: not late
    send("s-1", 0); // duplicate
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind).isEqualTo(FactKind.SURVEY);
              assertThat(f.csat).isEqualTo(2);
              assertThat(f.channel).isEqualTo(Channel.CHAT);
              assertThat(f.nps).as("not asked").isEqualTo(-1);
            });
  }

  @Test
  void carriesTheLikelihoodToRecommendWhenTheSurveyAskedIt() throws Exception {
    send("s-1", 0, 0);
    send("s-2", 1, 10);
    assertThat(harness.extractOutputValues()).extracting(f -> f.nps).containsExactly(0, 10);
  }

  @Test
  void aResponseLaterThanTheLatenessIsRejected() throws Exception {
    harness.processWatermark(new Watermark(T0.plusSeconds(600).toEpochMilli()));
    send("s-2", 300); // 5 minutes behind: within
    send("s-3", 299); // just beyond
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.getSideOutput(SurveyFacts.REJECTED))
        .singleElement()
        .satisfies(r -> assertThat(r.getValue().reason).isEqualTo("TOO_LATE"));
  }
}
