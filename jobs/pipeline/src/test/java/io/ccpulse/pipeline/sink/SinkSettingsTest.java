package io.ccpulse.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {
  private static final SinkSettings EVERY_2S =
      new SinkSettings(
          50_000, Duration.ofSeconds(2), -1, Duration.ofMillis(200), Duration.ofSeconds(5));

  @Test
  void aBatchGoesAtTheNextMultipleOfTheFlushIntervalOnTheClock() {
    assertThat(EVERY_2S.flushAt(0)).isEqualTo(2_000);
    assertThat(EVERY_2S.flushAt(1)).isEqualTo(2_000);
    assertThat(EVERY_2S.flushAt(1_999)).isEqualTo(2_000);
    assertThat(EVERY_2S.flushAt(2_000)).isEqualTo(4_000);
    assertThat(EVERY_2S.flushAt(1_765_000_001_234L)).isEqualTo(1_765_000_002_000L);
  }

  @Test
  void anAnalysisTablesBatchGoesTheIntervalAfterItsFirstRow() {
    SinkSettings analysis =
        new SinkSettings(
            50_000,
            Duration.ofSeconds(30),
            -1,
            Duration.ofMillis(200),
            Duration.ofSeconds(5),
            false);
    assertThat(analysis.flushAt(1_765_000_001_234L)).isEqualTo(1_765_000_031_234L);
  }

  @Test
  void aRowWaitsAtMostTheIntervalAndHalfOfItOnAverage() {
    Random random = new Random(7);
    long sum = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      long now = 1_765_000_000_000L + random.nextInt(1_000_000);
      long wait = EVERY_2S.flushAt(now) - now;
      assertThat(wait).isBetween(1L, 2_000L);
      sum += wait;
    }
    assertThat(sum / (double) n).isBetween(950.0, 1_050.0);
  }

  /** A live table's: 2 s batches, 30 s ones while its rows are more than an hour old. */
  static final SinkSettings LIVE =
      new SinkSettings(
          1000,
          Duration.ofSeconds(2),
          0,
          Duration.ofMillis(10),
          Duration.ofMillis(200),
          true,
          Duration.ofSeconds(30),
          Duration.ofHours(1));

  @Test
  void aLiveTablesBatchOfRowsFarBehindTheClockWaitsAsAnAnalysisTablesDoes() {
    long start = 1_765_000_001_234L;
    long due = LIVE.flushAt(start); // 1_765_000_002_000
    long hour = 3_600_000;

    assertThat(LIVE.catchUpFlushAt(start, due, due - 5_000))
        .as("live rows go on time")
        .isEqualTo(-1);
    assertThat(LIVE.catchUpFlushAt(start, due, due - hour)).as("an hour old, just").isEqualTo(-1);
    assertThat(LIVE.catchUpFlushAt(start, due, due - hour - 1))
        .as("a replay's rows wait")
        .isEqualTo(start + 30_000);
    assertThat(LIVE.catchUpFlushAt(start, start + 30_000, due - 30 * hour))
        .as("and go when they have waited")
        .isEqualTo(-1);
    assertThat(LIVE.catchUpFlushAt(start, due, Long.MIN_VALUE)).as("no row time").isEqualTo(-1);
    assertThat(EVERY_2S.catchUpFlushAt(start, due, due - 30 * hour))
        .as("without a lag, never")
        .isEqualTo(-1);
  }
}
