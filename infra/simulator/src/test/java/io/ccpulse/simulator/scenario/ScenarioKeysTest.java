package io.ccpulse.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.events.Channel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioKeysTest {
  private static Scenario apply(Preset preset, String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    Scenario.Builder b = preset.builder();
    ScenarioKeys.apply(b, m);
    return b.build();
  }

  @Test
  void setsScenarioFields() {
    Scenario s = apply(Preset.SMALL, "seed", "9", "duration", "3h", "tenants", "2", "queues", "5", "agents", "30",
        "intervals", "60,300,900", "service-level-threshold", "30s", "fault-duplicate", "0.1", "lateness", "10m",
        "voice.talk-median", "5m", "chat.capacity", "4");
    assertThat(s.seed()).isEqualTo(9);
    assertThat(s.duration()).isEqualTo(Duration.ofHours(3));
    assertThat(s.tenants()).isEqualTo(2);
    assertThat(s.queuesPerTenant()).isEqualTo(5);
    assertThat(s.agents()).isEqualTo(30);
    assertThat(s.truth().intervals()).hasSize(3);
    assertThat(s.truth().serviceLevelThreshold()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.faults().duplicateRate()).isEqualTo(0.1);
    assertThat(s.faults().tooLateDelay(s.truth())).isEqualTo(Duration.ofMinutes(40));
    assertThat(s.channel(Channel.VOICE).talk().median()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.channel(Channel.CHAT).capacity()).isEqualTo(4);
  }

  @Test
  void orderOfKeysDoesNotMatter() {
    Scenario a = apply(Preset.SMALL, "agents", "7", "erlang-a", "true", "lambda", "3");
    Scenario b = apply(Preset.SMALL, "lambda", "3", "erlang-a", "true", "agents", "7");
    assertThat(a.erlangA()).isEqualTo(b.erlangA()).isEqualTo(new ErlangA(3, 0.25, 0.5, 7));
    Scenario c = apply(Preset.SMALL, "fault-unreadable", "0.2", "no-faults", "true");
    assertThat(c.faults().unreadableRate()).isEqualTo(0.2);
    assertThat(c.faults().duplicateRate()).isZero();
  }

  @Test
  void rejectsUnknownKeysAndBadValues() {
    assertThatThrownBy(() -> apply(Preset.SMALL, "sede", "1")).hasMessageContaining("unknown setting 'sede'");
    assertThatThrownBy(() -> apply(Preset.SMALL, "fault-duplicate", "2")).hasMessageContaining("fault-duplicate");
    assertThatThrownBy(() -> apply(Preset.SMALL, "intervals", "90ms")).hasMessageContaining("whole positive seconds");
    assertThatThrownBy(() -> Preset.of("huge")).hasMessageContaining("small, default, large");
  }
}
