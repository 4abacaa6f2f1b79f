package io.ccpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.events.RejectReason;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each rule a decoded event must pass, with the reason and the words an operator reads. */
class EventChecksTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final long NOW = T0.plusSeconds(60).toEpochMilli();

  private final EventChecks checks = EventChecks.from(PipelineConfig.defaults());

  private static InteractionEvent.Builder answered() {
    return InteractionEvent.newBuilder()
        .setEventId("e-1")
        .setTenantId("acme")
        .setInteractionId("i-1")
        .setChannel(Channel.VOICE)
        .setType(InteractionType.ANSWERED)
        .setOccurredAt(T0)
        .setQueueId("billing")
        .setAgentId("a-1");
  }

  private static AgentStateEvent.Builder login(List<String> queues) {
    return AgentStateEvent.newBuilder()
        .setEventId("s-1")
        .setTenantId("acme")
        .setAgentId("a-1")
        .setState(AgentState.LOGGED_IN)
        .setOccurredAt(T0)
        .setQueueIds(queues)
        .setMaxConcurrentContacts(1);
  }

  private static SurveyEvent.Builder survey() {
    return SurveyEvent.newBuilder()
        .setEventId("v-1")
        .setTenantId("acme")
        .setInteractionId("i-1")
        .setChannel(Channel.CHAT)
        .setAgentId("a-1")
        .setCsat(4)
        .setOccurredAt(T0);
  }

  private EventChecks.Invalid interaction(InteractionEvent e) {
    return checks.check(EventKind.INTERACTION, e, NOW);
  }

  @Test
  void passesRealIds() {
    assertThat(interaction(answered().build())).isNull();
    // Amazon Connect names queues by ARN, with '/' in them; Genesys by UUID; both are fine.
    assertThat(
            interaction(
                answered()
                    .setQueueId("arn:aws:connect:eu-west-1:1:instance/x/queue/y")
                    .setAgentId("6f1c1a2e-5b7d-4c1e-9a40-2b1f3c4d5e6f")
                    .setCustomerId("kund€-ünïcødé")
                    .build()))
        .isNull();
    assertThat(checks.check(EventKind.AGENT_STATE, login(List.of("billing", "sales")).build(), NOW))
        .isNull();
    assertThat(checks.check(EventKind.SURVEY, survey().build(), NOW)).isNull();
  }

  @Test
  void rejectsControlAndInvisibleCharactersInAnyId() {
    for (String bad :
        List.of(
            "i\u00011",
            "i\n1",
            "i\t1",
            "i\u00001",
            "i\u200b1",
            "i\u20281",
            "i\u009f1",
            "i\u202e1")) {
      EventChecks.Invalid invalid = interaction(answered().setInteractionId(bad).build());
      assertThat(invalid.reason()).as(bad).isEqualTo(RejectReason.INVALID_ID);
      assertThat(invalid.detail())
          .startsWith("interaction_id contains U+")
          .endsWith("at position 1");
    }
    assertThat(interaction(answered().setAgentId("a\u00011").build()).detail())
        .isEqualTo("agent_id contains U+0001 (a control character) at position 1");
    assertThat(interaction(answered().setTargetQueueId("q\n").build()).reason())
        .isEqualTo(RejectReason.INVALID_ID);
    assertThat(interaction(answered().setEventId("e\u200b").build()).detail())
        .isEqualTo("event_id contains U+200B (an invisible format character) at position 1");
    assertThat(
            checks
                .check(EventKind.AGENT_STATE, login(List.of("ok", "bad\u0001")).build(), NOW)
                .detail())
        .isEqualTo("queue_ids[1] contains U+0001 (a control character) at position 3");
    assertThat(checks.check(EventKind.SURVEY, survey().setQueueId("\u2029").build(), NOW).reason())
        .isEqualTo(RejectReason.INVALID_ID);
  }

  @Test
  void judgesEveryCharacterInAnIdAsTheRuleDoesPrintableAsciiIncluded() {
    // printable ASCII skips the look-up: every character must still get the rule's verdict
    for (char c = 0; c < 0xFFFF; c++) {
      if (Character.isSurrogate(c)) {
        continue;
      }
      EventChecks.Invalid invalid = interaction(answered().setAgentId("a" + c).build());
      assertThat(invalid == null).as("U+%04X", (int) c).isEqualTo(EventChecks.unfit(c) == null);
    }
    assertThat(EventChecks.unfit(' ')).isNull();
    assertThat(EventChecks.unfit('\u007f')).isEqualTo("a control character");
  }

  @Test
  void rejectsTheSeparatorInATenantOnly() {
    EventChecks.Invalid invalid = interaction(answered().setTenantId("a/b").build());
    assertThat(invalid.reason()).isEqualTo(RejectReason.INVALID_ID);
    assertThat(invalid.detail()).isEqualTo("tenant_id contains '/' at position 1");
    assertThat(interaction(answered().setInteractionId("b/c").setAgentId("x/y").build())).isNull();
  }

  @Test
  void rejectsIdsAndTextOverTheirLimits() {
    EventChecks.Invalid longId = interaction(answered().setAgentId("a".repeat(10_000)).build());
    assertThat(longId.reason()).isEqualTo(RejectReason.FIELD_TOO_LONG);
    assertThat(longId.detail())
        .isEqualTo("agent_id is 10000 characters long (input.max-id-length: 128)");
    assertThat(interaction(answered().setAgentId("a".repeat(128)).build())).isNull();
    assertThat(interaction(answered().setTenantId("t".repeat(129)).build()).reason())
        .isEqualTo(RejectReason.FIELD_TOO_LONG);
    assertThat(
            interaction(
                    answered()
                        .setType(InteractionType.WRAPUP_ENDED)
                        .setWrapupCode("w".repeat(257))
                        .build())
                .detail())
        .isEqualTo("wrapup_code is 257 characters long (input.max-text-length: 256)");
    assertThat(
            interaction(
                answered()
                    .setType(InteractionType.WRAPUP_ENDED)
                    .setWrapupCode("w".repeat(256))
                    .build()))
        .isNull();

    EventChecks tight =
        EventChecks.from(PipelineConfig.defaults().with(Map.of("input.max-id-length", "8")));
    assertThat(
            tight
                .check(EventKind.INTERACTION, answered().setInteractionId("123456789").build(), NOW)
                .reason())
        .isEqualTo(RejectReason.FIELD_TOO_LONG);
  }

  @Test
  void rejectsAClockAtZeroAndTheFarFuture() {
    EventChecks.Invalid epoch = interaction(answered().setOccurredAt(Instant.EPOCH).build());
    assertThat(epoch.reason()).isEqualTo(RejectReason.ANCIENT_TIMESTAMP);
    assertThat(epoch.detail())
        .isEqualTo(
            "occurred_at 1970-01-01T00:00:00Z is before input.earliest (2000-01-01T00:00:00Z)");
    assertThat(
            interaction(answered().setOccurredAt(Instant.parse("1999-12-31T23:59:59.999Z")).build())
                .reason())
        .isEqualTo(RejectReason.ANCIENT_TIMESTAMP);
    assertThat(interaction(answered().setOccurredAt(Instant.parse("2000-01-01T00:00:00Z")).build()))
        .isNull();
    assertThat(
            interaction(answered().setOccurredAt(Instant.parse("9999-12-31T23:59:59Z")).build())
                .reason())
        .isEqualTo(RejectReason.FUTURE_TIMESTAMP);
    assertThat(
            checks
                .check(
                    EventKind.AGENT_STATE,
                    login(List.of("q")).setOccurredAt(Instant.EPOCH).build(),
                    NOW)
                .reason())
        .isEqualTo(RejectReason.ANCIENT_TIMESTAMP);
    assertThat(
            checks
                .check(
                    EventKind.SURVEY,
                    survey().setOccurredAt(Instant.ofEpochMilli(Long.MAX_VALUE / 2)).build(),
                    NOW)
                .reason())
        .isEqualTo(RejectReason.FUTURE_TIMESTAMP);
  }

  @Test
  void rejectsAnAgentServingTooManyQueuesAtTheCostOfCountingThem() {
    List<String> tenThousand = IntStream.range(0, 10_000).mapToObj(i -> "q-" + i).toList();
    EventChecks.Invalid invalid =
        checks.check(EventKind.AGENT_STATE, login(tenThousand).build(), NOW);
    assertThat(invalid.reason()).isEqualTo(RejectReason.TOO_MANY_QUEUES);
    assertThat(invalid.detail())
        .isEqualTo("LOGGED_IN names 10000 queues (input.max-agent-queues: 200)");
    assertThat(checks.check(EventKind.AGENT_STATE, login(tenThousand.subList(0, 200)).build(), NOW))
        .isNull();
    assertThat(
            checks
                .check(EventKind.AGENT_STATE, login(Collections.nCopies(2, " ")).build(), NOW)
                .reason())
        .isEqualTo(RejectReason.INVALID_FIELD);
  }

  @Test
  void rejectsUnknownTenantsOnlyWhenTheTenantsAreListed() {
    assertThat(interaction(answered().setTenantId("anyone").build())).isNull();
    EventChecks listed =
        EventChecks.from(PipelineConfig.defaults().with(Map.of("input.tenants", "acme, globex")));
    assertThat(listed.check(EventKind.INTERACTION, answered().build(), NOW)).isNull();
    assertThat(listed.check(EventKind.INTERACTION, answered().setTenantId("globex").build(), NOW))
        .isNull();
    EventChecks.Invalid stranger =
        listed.check(EventKind.INTERACTION, answered().setTenantId("initech").build(), NOW);
    assertThat(stranger.reason()).isEqualTo(RejectReason.UNKNOWN_TENANT);
    assertThat(stranger.detail()).isEqualTo("tenant_id is not one of input.tenants");
    assertThat(
            listed.check(EventKind.SURVEY, survey().setTenantId("initech").build(), NOW).reason())
        .isEqualTo(RejectReason.UNKNOWN_TENANT);
  }

  @Test
  void keepsTheMissingFieldChecks() {
    assertThat(interaction(answered().setAgentId(null).build()))
        .isEqualTo(new EventChecks.Invalid(RejectReason.INVALID_FIELD, "ANSWERED needs agent_id"));
    assertThat(checks.check(EventKind.SURVEY, survey().setCsat(0).build(), NOW))
        .isEqualTo(
            new EventChecks.Invalid(RejectReason.INVALID_FIELD, "csat must be 1 to 5, got 0"));
  }

  @Test
  void acceptsALikelihoodToRecommendOf0To10OrNoneAndRejectsAnyOther() {
    for (Integer nps : new Integer[] {null, 0, 6, 9, 10}) {
      assertThat(checks.check(EventKind.SURVEY, survey().setNps(nps).build(), NOW))
          .as("nps %s", nps)
          .isNull();
    }
    for (int nps : new int[] {-1, 11, 100}) {
      assertThat(checks.check(EventKind.SURVEY, survey().setNps(nps).build(), NOW))
          .isEqualTo(
              new EventChecks.Invalid(
                  RejectReason.INVALID_FIELD,
                  "nps (likelihood to recommend) must be 0 to 10 or absent, got " + nps));
    }
  }

  @Test
  void rejectsBadLimitsInTheConfiguration() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                EventChecks.from(
                    PipelineConfig.defaults().with(Map.of("input.earliest", "yesterday"))))
        .hasMessageContaining("input.earliest");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                EventChecks.from(
                    PipelineConfig.defaults().with(Map.of("input.max-id-length", "0"))))
        .hasMessageContaining("input.max-id-length must be at least 1");
  }
}
