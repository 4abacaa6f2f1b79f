package io.ccpulse.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void oneTermInFlinksUnits() {
    assertThat(Durations.parse("k", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("k", "30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("k", "15min")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("k", "15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("k", "2 hours")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("k", "7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("k", "250 µs")).isEqualTo(Duration.ofNanos(250_000));
  }

  @Test
  void severalTermsDecimalsAndIso() {
    assertThat(Durations.parse("k", "1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("k", "1h 30min")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("k", "1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("k", "PT8H")).isEqualTo(Duration.ofHours(8));
    assertThat(Durations.parse("k", " 0 ")).isEqualTo(Duration.ZERO);
  }

  @Test
  void listsAsTheJobsDefaultIntervalsAreWritten() {
    assertThat(Durations.parseList("metrics.intervals", "1min,15min"))
        .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(15));
    assertThat(Durations.parseList("intervals", "1m, 5m,15m,"))
        .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
  }

  @Test
  void refusesWhatItCannotReadWithTheKeyInTheMessage() {
    for (String bad :
        new String[] {"", "60", "15 fortnights", "1h30", "h", "PT", "-5s", "1.5.2s"}) {
      assertThatThrownBy(() -> Durations.parse("alerts.oldest-wait.threshold", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("alerts.oldest-wait.threshold must be a duration such as");
    }
  }
}
