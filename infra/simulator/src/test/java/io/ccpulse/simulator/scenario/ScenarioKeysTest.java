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
    Scenario s =
        apply(
            Preset.SMALL,
            "seed",
            "9",
            "duration",
            "3h",
            "tenants",
            "2",
            "queues",
            "5",
            "agents",
            "30",
            "intervals",
            "1min,5min,15min",
            "service-level-threshold",
            "30s",
            "fault-duplicate",
            "0.1",
            "lateness",
            "10m",
            "voice.talk-median",
            "5m",
            "chat.capacity",
            "4");
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
  void understaffNamesAQueueAStartAndALength() {
    Understaffing u = apply(Preset.DEFAULT, "understaff", "t01.voice.sales@2h+45m").understaffing();
    assertThat(u)
        .isEqualTo(
            new Understaffing("t01.voice.sales", Duration.ofHours(2), Duration.ofMinutes(45)));
    assertThat(u.toString()).isEqualTo("t01.voice.sales@2h+45m");
    assertThat(Understaffing.parse(u.toString())).isEqualTo(u);
    // No queue: the first tenant's main voice queue; no length: 30 minutes.
    assertThat(apply(Preset.DEFAULT, "understaff", "@90m").understaffing())
        .isEqualTo(
            new Understaffing("t01.voice.support", Duration.ofMinutes(90), Duration.ofMinutes(30)));
    assertThat(apply(Preset.DEFAULT, "understaff", "off").understaffing()).isNull();
    assertThat(Preset.DEFAULT.scenario(1).understaffing()).isNull();
    assertThat(
            apply(Preset.SMALL, "erlang-a", "true", "understaff", "@1h").understaffing().queueId())
        .isEqualTo("t01.voice.erlang");
  }

  @Test
  void understaffRejectsUnknownQueuesAndStartsOutsideTheWindow() {
    assertThatThrownBy(() -> apply(Preset.DEFAULT, "understaff", "t01.voice.nope@2h"))
        .hasMessageContaining("no queue 't01.voice.nope'")
        .hasMessageContaining("t01.voice.support");
    assertThatThrownBy(() -> apply(Preset.SMALL, "understaff", "@2h"))
        .hasMessageContaining("arrival window");
    assertThatThrownBy(() -> apply(Preset.SMALL, "understaff", "t01.voice.support"))
        .hasMessageContaining("QUEUE_ID@START[+LENGTH]");
    assertThatThrownBy(() -> apply(Preset.SMALL, "understaff", "@1h+0m"))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> apply(Preset.SMALL, "understaff", "@soon"))
        .hasMessageContaining("understaff");
  }

  @Test
  void rejectsUnknownKeysAndBadValues() {
    assertThatThrownBy(() -> apply(Preset.SMALL, "sede", "1"))
        .hasMessageContaining("unknown setting 'sede'");
    assertThatThrownBy(() -> apply(Preset.SMALL, "fault-duplicate", "2"))
        .hasMessageContaining("fault-duplicate");
    assertThatThrownBy(() -> apply(Preset.SMALL, "intervals", "90ms"))
        .hasMessageContaining("whole positive seconds");
    assertThatThrownBy(() -> Preset.of("huge"))
        .hasMessageContaining("small, default, large, weeks");
  }
}
