package io.ccpulse.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.infra.kafka.KafkaBrokerMain.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaBrokerMainTest {

  @Test
  void defaults() {
    Options o = Options.parse(List.of());

    assertThat(o.host()).isEqualTo("127.0.0.1");
    assertThat(o.port()).isEqualTo(9092);
    assertThat(o.controllerPort()).isZero();
    assertThat(o.dataDir()).isEqualTo(Path.of(".local", "kafka"));
    assertThat(o.properties()).isEmpty();
    assertThat(o.help()).isFalse();
  }

  @Test
  void separateAndInlineValues() {
    Options o =
        Options.parse(
            List.of(
                "--port",
                "0",
                "--data=/tmp/k",
                "--host",
                "localhost",
                "--controller-port=19093",
                "--set",
                "log.retention.hours=1",
                "--set=a.b=c=d"));

    assertThat(o.port()).isZero();
    assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/k"));
    assertThat(o.host()).isEqualTo("localhost");
    assertThat(o.controllerPort()).isEqualTo(19093);
    assertThat(o.properties()).isEqualTo(Map.of("log.retention.hours", "1", "a.b", "c=d"));
  }

  @Test
  void help() {
    assertThat(Options.parse(List.of("--port", "1", "--help")).help()).isTrue();
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> Options.parse(List.of("--prot", "1"))).hasMessageContaining("--prot");
    assertThatThrownBy(() -> Options.parse(List.of("--port", "x"))).hasMessageContaining("--port");
    assertThatThrownBy(() -> Options.parse(List.of("--port", "70000")))
        .hasMessageContaining("70000");
    assertThatThrownBy(() -> Options.parse(List.of("--data")))
        .hasMessageContaining("--data needs a value");
    assertThatThrownBy(() -> Options.parse(List.of("--set", "novalue")))
        .hasMessageContaining("name=value");
  }
}
