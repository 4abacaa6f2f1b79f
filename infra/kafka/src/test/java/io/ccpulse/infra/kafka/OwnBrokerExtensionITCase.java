package io.ccpulse.infra.kafka;

import static io.ccpulse.infra.kafka.Records.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A test class with a broker of its own may stop it and start it again; the shared one refuses. */
class OwnBrokerExtensionITCase {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.ownBroker();

  @Test
  void stopAndStartKeepTheAddressAndTheData() throws Exception {
    String topic = KAFKA.topic("kept", 2);
    String bootstrap = KAFKA.bootstrapServers();
    Records.produce(KAFKA.producerProperties(), topic, "a", "1", "b", "2");

    KAFKA.stopBroker();
    assertThat(KAFKA.broker().isRunning()).isFalse();
    assertThatThrownBy(() -> KAFKA.topic("while-stopped"))
        .isInstanceOf(IllegalStateException.class);
    KAFKA.startBroker();

    assertThat(KAFKA.bootstrapServers()).isEqualTo(bootstrap);
    Records.produce(KAFKA.producerProperties(), topic, "a", "3");
    assertThat(Records.consume(KAFKA.consumerProperties("kept"), topic, 3, Duration.ofSeconds(30)))
        .extracting(r -> string(r.key()) + "=" + string(r.value()))
        .containsExactlyInAnyOrder("a=1", "b=2", "a=3");
  }

  @Test
  void aTestLeftWithTheBrokerStoppedDoesNotStopTheNext() {
    KAFKA.stopBroker();
  }

  @Test
  void theSharedBrokerCannotBeStopped() {
    KafkaBrokerExtension shared = new KafkaBrokerExtension();
    assertThatThrownBy(shared::stopBroker)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ownBroker()");
  }

  @Test
  void ownBrokerIsNotTheSharedOne() {
    assertThat(KAFKA.broker()).isNotSameAs(new KafkaBrokerExtension().broker());
    KAFKA.topic("still-up"); // whatever ran before, this test starts with a running broker
  }
}
