package io.ccpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatedIdsTest {

  @Test
  void anIdSeenBeforeIsTheCopyKeptThenAndNullStaysNull() {
    RepeatedIds ids = new RepeatedIds();
    String first = ids.of(new String("queue-1"));
    String again = ids.of(new String("queue-1"));
    assertThat(again).isSameAs(first).isEqualTo("queue-1");
    assertThat(ids.of(null)).isNull();
  }

  @Test
  void pastItsLimitItStartsOverSoNoInputGrowsItWithoutBound() {
    RepeatedIds ids = new RepeatedIds();
    for (int i = 0; i < 3 * RepeatedIds.LIMIT; i++) {
      assertThat(ids.of("id-" + i)).isEqualTo("id-" + i);
      assertThat(ids.size()).isLessThanOrEqualTo(RepeatedIds.LIMIT + 1);
    }
  }
}
