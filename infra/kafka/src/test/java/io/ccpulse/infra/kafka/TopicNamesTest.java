package io.ccpulse.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.internals.Topic;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

  @Test
  void baseThenTestThenRandomSuffix() {
    assertThat(TopicNames.unique("calls", "roundTrip()")).matches("calls-roundTrip-[0-9a-f]{8}");
    assertThat(TopicNames.unique("calls", "")).matches("calls-[0-9a-f]{8}");
  }

  @Test
  void sameBaseAndTestGiveDistinctNames() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      names.add(TopicNames.unique("calls", "t"));
    }
    assertThat(names).hasSize(1000);
  }

  @Test
  void namesAreLegalAndFreeOfCollisionCharacters() {
    String name = TopicNames.unique("agent_events.v1", "[1] value=äöü " + "x".repeat(400));

    Topic.validate(name);
    assertThat(Topic.hasCollisionChars(name)).isFalse();
    assertThat(name).startsWith("agent-events-v1-1-value-x");
  }

  @Test
  void unusableBaseIsRejected() {
    assertThatThrownBy(() -> TopicNames.unique("__", "t"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
