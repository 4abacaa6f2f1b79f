package io.ccpulse.simulator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.simulator.cli.ImportMain;
import io.ccpulse.simulator.output.KafkaTopics;
import io.ccpulse.simulator.output.TopicNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The import command publishes good lines to a real broker and reports bad ones by line number. */
class ImportITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void importsTheExampleAndSkipsABadLine() throws Exception {
    TopicNames topics = KafkaTopics.create(KAFKA, 2);
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("examples/history.jsonl")));
    lines.add(3, "{\"event_id\":\"oops\",\"tenant_id\":\"acme\"}");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ImportMain.run(
            new String[] {
              "--input",
              "-",
              "--output",
              "kafka",
              "--bootstrap-servers",
              KAFKA.bootstrapServers(),
              "--topic-interactions",
              topics.interactions(),
              "--topic-agent-states",
              topics.agentStates(),
              "--topic-surveys",
              topics.surveys()
            },
            new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            // A week after the example's day: well within the tables' default retention.
            java.time.Clock.fixed(
                java.time.Instant.parse("2025-11-10T00:00:00Z"), java.time.ZoneOffset.UTC));

    String report = err.toString(StandardCharsets.UTF_8);
    assertThat(status).as(report).isEqualTo(3);
    assertThat(report)
        .contains(
            "line 4: cannot tell the event type",
            "Imported 26 of 27 events",
            "1 bad lines skipped");

    List<ConsumerRecord<byte[], byte[]>> interactions =
        KafkaTopics.readAll(KAFKA, topics.interactions(), 16);
    assertThat(interactions).hasSize(16);
    EventCodec<InteractionEvent> codec = EventCodec.interactions();
    for (ConsumerRecord<byte[], byte[]> r : interactions) {
      InteractionEvent e = codec.decode(r.value()).event();
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(e.getInteractionId());
      assertThat(r.timestamp()).isEqualTo(e.getOccurredAt().toEpochMilli());
    }
    assertThat(KafkaTopics.readAll(KAFKA, topics.agentStates(), 8)).hasSize(8);
    assertThat(KafkaTopics.readAll(KAFKA, topics.surveys(), 2)).hasSize(2);
  }
}
