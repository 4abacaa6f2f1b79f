package io.ccpulse.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.PacedSink;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.scenario.Understaffing;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The job unbounded, fed live at real time with events stamped now (as a contact center's would
 * be): a default day whose busiest voice queue loses its staff shortly after the paced feed starts.
 * For every alert raised while paced, the wall time from the moment its breaching event was due in
 * Kafka (the feed maps event time to wall time one to one) to the alert message reaching a consumer
 * of the alerts topic. For the rules that breach on an event that is the event's own produce time;
 * for the oldest wait, which breaches by time passing, it is the instant the limit was passed, and
 * for a rule with a raise-after (understaffed) the instant its breach had lasted that long: the
 * alert's raised_at in every case.
 */
final class AlertLatencyRun {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One alert raised during the paced feed: its rule and the delay in ms. */
  record Alert(String rule, String queue, Instant raisedAt, long delayMs) {}

  private AlertLatencyRun() {}

  static List<Alert> run(
      BenchStack stack, PipelineConfig base, long seed, int minutes, PrintStream out)
      throws Exception {
    // The paced feed starts at feedStart (wall clock = event time); the understaffing 30 s later.
    long feedStart = (System.currentTimeMillis() / 1000 + 20) * 1000;
    Scenario scenario =
        Preset.DEFAULT
            .builder()
            .seed(seed)
            .start(Instant.ofEpochMilli(feedStart).minus(Duration.ofHours(2)).plusSeconds(30))
            .understaffing(Understaffing.at(Duration.ofHours(2)))
            .build();
    Simulation sim = Simulator.run(scenario);
    long cutoff = feedStart + minutes * 60_000L;
    List<DeliveredRecord> before =
        sim.stream().filter(r -> r.deliveredAtMillis() < feedStart).toList();
    List<DeliveredRecord> feed =
        sim.stream()
            .filter(r -> r.deliveredAtMillis() >= feedStart && r.deliveredAtMillis() < cutoff)
            .toList();

    TopicNames topics = stack.createTopics("alerts");
    ClickHouseEndpoint db = stack.freshDatabase("bench_alerts");
    PipelineConfig config = stack.jobConfig(base, topics, db, false);
    String alertsTopic = config.get("kafka.topic.queue-alerts");
    JobID job = stack.submit(stack.graph(config, "ccpulse bench alerts", true));
    List<Alert> alerts = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> read(stack.bootstrapServers(), alertsTopic, feedStart, stop, alerts, out),
            "alert-reader");
    try {
      LatencyRun.awaitRunning(stack, job);
      reader.start();
      try (KafkaOutput kafka = new KafkaOutput(stack.bootstrapServers(), topics)) {
        out.printf(
            "Catching up: %,d records of the two hours before, at full speed%n", before.size());
        before.forEach(kafka::accept);
        kafka.flush();
        long wait = feedStart - System.currentTimeMillis();
        if (wait < 0) {
          throw new IllegalStateException(
              "the catch-up took longer than the 20 s planned; nothing live to measure");
        }
        Thread.sleep(wait);
        out.printf(
            "Feeding %,d records at real time for %d minutes; %s from %s%n",
            feed.size(),
            minutes,
            scenario.understaffing().queueId(),
            Instant.ofEpochMilli(feedStart + 30_000));
        PacedSink paced = new PacedSink(kafka, 1.0, Instant.ofEpochMilli(feedStart));
        feed.forEach(paced::accept);
        paced.flush();
      }
      awaitQuiet(alerts, out); // the last alerts on their way
      if (stack.restarted(job)) {
        throw new IllegalStateException("the alert job failed over; its delays are no measurement");
      }
    } finally {
      stop.set(true);
      reader.join(10_000);
      stack.cancel(job);
    }
    synchronized (alerts) {
      return new ArrayList<>(alerts);
    }
  }

  /**
   * Waits until no new alert has arrived for 3 s (the live view judges at least every cadence step,
   * 10 s of event time, so a breach in the last records shows within a few seconds), at most 60 s.
   */
  private static void awaitQuiet(List<Alert> alerts, PrintStream out) throws InterruptedException {
    long t0 = System.currentTimeMillis();
    int seen = -1;
    long quietSince = t0;
    while (System.currentTimeMillis() - quietSince < 3_000
        && System.currentTimeMillis() - t0 < 60_000) {
      int now;
      synchronized (alerts) {
        now = alerts.size();
      }
      if (now != seen) {
        seen = now;
        quietSince = System.currentTimeMillis();
      }
      Thread.sleep(100);
    }
    out.printf(
        "Feed done; no new alert for 3 s after %.1f s of waiting (%d alerts)%n",
        (System.currentTimeMillis() - t0) / 1000.0, seen);
  }

  private static void read(
      String bootstrap,
      String topic,
      long feedStart,
      AtomicBoolean stop,
      List<Alert> alerts,
      PrintStream out) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "bench-alert-reader");
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
          long received = System.currentTimeMillis();
          JsonNode m = tree(r.value());
          if (!"RAISED".equals(m.path("status").asText())) {
            continue;
          }
          Instant raisedAt = Instant.parse(m.get("raised_at").asText());
          if (raisedAt.toEpochMilli() < feedStart) {
            continue; // raised on the catch-up: not live
          }
          Alert a =
              new Alert(
                  m.get("rule").asText(),
                  m.get("queue_id").asText(),
                  raisedAt,
                  received - raisedAt.toEpochMilli());
          out.printf(
              "  %s %s raised at %s, on the alerts topic %s later%n",
              a.queue(),
              a.rule(),
              CLOCK.format(raisedAt), // not toString: a whole second has no fraction
              Figures.seconds(a.delayMs()));
          synchronized (alerts) {
            alerts.add(a);
          }
        }
      }
    }
  }

  private static JsonNode tree(byte[] message) {
    try {
      return JSON.readTree(message);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON message on the alerts topic", e);
    }
  }
}
