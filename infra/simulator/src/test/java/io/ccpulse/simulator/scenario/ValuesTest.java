package io.ccpulse.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void durations() {
    assertThat(Values.duration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Values.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Values.duration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Values.duration("PT8H")).isEqualTo(Duration.ofHours(8));
    assertThat(Values.duration("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Values.duration("15min")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Values.duration("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Values.duration("5 minutes")).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> Values.duration("60")).hasMessageContaining("must be a duration");
    assertThatThrownBy(() -> Values.duration("")).hasMessageContaining("must be a duration");
  }

  @Test
  void instantsAndRates() {
    assertThat(Values.instant("2026-01-05")).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
    assertThat(Values.instant("2026-01-05T09:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
    assertThat(Values.instant("now")).isBetween(Instant.now().minusSeconds(61), Instant.now());
    assertThat(Values.ratePerMinute("12")).isEqualTo(12);
    assertThat(Values.ratePerMinute("0.5/s")).isEqualTo(30);
    assertThat(Values.ratePerMinute("120/h")).isEqualTo(2);
    assertThatThrownBy(() -> Values.ratePerMinute("3/week")).hasMessageContaining("unit");
    assertThatThrownBy(() -> Values.probability("1.5")).hasMessageContaining("[0, 1]");
    assertThat(Values.intervals("1min, 15min"))
        .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(15));
    assertThat(Values.intervals("5m,1h"))
        .containsExactly(Duration.ofMinutes(5), Duration.ofHours(1));
  }
}
