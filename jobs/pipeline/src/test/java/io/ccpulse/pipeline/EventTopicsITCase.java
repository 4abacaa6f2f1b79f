package io.ccpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Single-object Avro through the real broker: what a producer writes, a consumer reads back. */
class EventTopicsITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void eventsRoundTripKeyedByTheirEntity() throws Exception {
    String interactions = KAFKA.topic("interactions", 3);
    String states = KAFKA.topic("agent-states", 3);
    EventCodec<InteractionEvent> interactionCodec = EventCodec.interactions();
    EventCodec<AgentStateEvent> stateCodec = EventCodec.agentStates();
    List<InteractionEvent> sent =
        TestEvents.contact("acme", "i-1", Instant.parse("2026-01-05T09:00:00Z"));
    AgentStateEvent login =
        AgentStateEvent.newBuilder()
            .setEventId("s-1")
            .setTenantId("acme")
            .setAgentId("a-1")
            .setState(AgentState.LOGGED_IN)
            .setOccurredAt(Instant.parse("2026-01-05T08:00:00Z"))
            .setQueueIds(List.of("billing"))
            .setMaxConcurrentContacts(1)
            .build();

    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
      for (InteractionEvent e : sent) {
        producer.send(
            new ProducerRecord<>(
                interactions, key(e.getInteractionId()), interactionCodec.encode(e)));
      }
      producer.send(
          new ProducerRecord<>(states, key(login.getAgentId()), stateCodec.encode(login)));
    }

    List<ConsumerRecord<byte[], byte[]>> got = consume(interactions, sent.size());
    // One key, one partition: the contact's steps arrive in the order they were written.
    assertThat(got).extracting(ConsumerRecord::partition).containsOnly(got.get(0).partition());
    assertThat(got)
        .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsOnly("i-1");
    assertThat(got)
        .extracting(r -> interactionCodec.decode(r.value()).event())
        .containsExactlyElementsOf(sent);

    ConsumerRecord<byte[], byte[]> state = consume(states, 1).get(0);
    assertThat(new String(state.key(), StandardCharsets.UTF_8)).isEqualTo("a-1");
    assertThat(stateCodec.decode(state.value()).event()).isEqualTo(login);
  }

  private static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count) {
    Properties props = KAFKA.consumerProperties("reader-" + topic);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records).hasSize(count);
    return records;
  }

  private static byte[] key(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
