package io.ccpulse.local;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.Channel;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.script.Script;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Events of a tenant of their own ({@value #TENANT}), a day after the data, on every partition of
 * every topic: they carry an unbounded job's watermark past the end of the data, so every interval
 * closes and every timer of the real tenants fires. Their own rows are left out of comparisons.
 */
public final class FlushEvents {
  public static final String TENANT = "flush";

  private FlushEvents() {}

  public static void publish(Properties producer, TopicNames topics, int partitions, LocalDate day)
      throws Exception {
    Script script = Script.on(day);
    for (int p = 0; p < partitions; p++) {
      script.agent("12:00:00", TENANT, "flush-agent-" + p, AgentState.LOGGED_IN, "flush-queue");
      script.contact(TENANT, "flush-contact-" + p, Channel.VOICE).queued("12:00:00", "flush-queue");
      script.survey(
          "12:00:00",
          TENANT,
          "flush-contact-" + p,
          Channel.VOICE,
          "flush-agent-" + p,
          "flush-queue",
          5);
    }
    int[] next = new int[3]; // the next partition, per topic
    try (KafkaProducer<byte[], byte[]> out = new KafkaProducer<>(producer)) {
      for (SpecificRecord event : script.events()) {
        String topic;
        String key;
        byte[] value;
        int stream;
        if (event instanceof InteractionEvent e) {
          topic = topics.interactions();
          key = e.getInteractionId();
          value = EventCodec.interactions().encode(e);
          stream = 0;
        } else if (event instanceof AgentStateEvent e) {
          topic = topics.agentStates();
          key = e.getAgentId();
          value = EventCodec.agentStates().encode(e);
          stream = 1;
        } else {
          SurveyEvent e = (SurveyEvent) event;
          topic = topics.surveys();
          key = e.getInteractionId();
          value = EventCodec.surveys().encode(e);
          stream = 2;
        }
        out.send(
                new ProducerRecord<>(
                    topic, next[stream]++, null, key.getBytes(StandardCharsets.UTF_8), value))
            .get();
      }
    }
  }
}
