package io.ccpulse.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  private static CommandLine parse(String... args) {
    return CommandLine.parse(args, Set.of("debug"));
  }

  @Test
  void spaceOrEqualsFlagsAndTheLastValueWins() {
    CommandLine cl = parse("--port", "9092", "--host=0.0.0.0", "--debug", "--port=9093");
    assertThat(cl.positiveInt("port", 1)).isEqualTo(9093);
    assertThat(cl.value("host", "x")).isEqualTo("0.0.0.0");
    assertThat(cl.flag("debug")).isTrue();
    assertThat(cl.flag("quiet")).isFalse();
    cl.rejectUnread();
  }

  @Test
  void repeatableOptionsKeepEveryValueInOrder() {
    CommandLine cl = parse("--set", "a=1", "--set=b=2");
    assertThat(cl.values("set")).containsExactly("a=1", "b=2");
    assertThat(cl.pairs("set")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThatThrownBy(() -> parse("--set", "nopair").pairs("set"))
        .hasMessage("--set takes name=value, not nopair");
  }

  @Test
  void unreadOptionsPassOnOrFail() {
    CommandLine cl = parse("--preset", "small", "--metrics.intervals", "1min", "--seed=7");
    assertThat(cl.value("preset", "default")).isEqualTo("small");
    assertThat(cl.unread()).isEqualTo(Map.of("metrics.intervals", "1min", "seed", "7"));
    assertThatThrownBy(cl::rejectUnread).hasMessage("unknown option --metrics.intervals");
  }

  @Test
  void aMissingValueOrABareWordIsAUsageError() {
    assertThatThrownBy(() -> parse("--port"))
        .isInstanceOf(CommandLine.UsageException.class)
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> parse("--port", "--host", "h")).hasMessage("--port needs a value");
    assertThatThrownBy(() -> parse("9092")).hasMessageContaining("unexpected argument '9092'");
    assertThatThrownBy(() -> parse("--")).hasMessageContaining("unexpected argument");
  }

  @Test
  void typedValuesSayWhatTheyTake() {
    CommandLine cl = parse("--rounds", "0", "--debug=maybe", "--outage", "90", "--wait", "2min");
    assertThatThrownBy(() -> cl.positiveInt("rounds", 3))
        .hasMessage("--rounds takes a whole number above 0, not 0");
    assertThatThrownBy(() -> cl.flag("debug")).hasMessage("--debug takes true or false, not maybe");
    assertThatThrownBy(() -> cl.duration("outage", Duration.ZERO))
        .isInstanceOf(CommandLine.UsageException.class)
        .hasMessageContaining("--outage must be a duration");
    assertThat(cl.duration("wait", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
    assertThat(parse("-h").help()).isTrue();
  }
}
