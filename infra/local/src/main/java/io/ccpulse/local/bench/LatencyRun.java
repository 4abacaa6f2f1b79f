package io.ccpulse.local.bench;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.PacedSink;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.TruthRow;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;

/**
 * The job unbounded, fed live: a window of a simulated day published at {@code speed} × real time
 * (the day before it first, at full speed), and for every one-minute interval of one queue, the
 * wall time from the moment the watermark could pass the interval's end ({@link ProduceClock}) to
 * its first row being readable in ClickHouse ({@link RowPoller}).
 */
final class LatencyRun {
  private static final long MINUTE = 60_000;

  /**
   * After the feed ends, rows of intervals that could close are waited for until each is readable,
   * at most this long after the last one's watermark moment; the ones still missing are reported.
   */
  private static final long GRACE_MS = 60_000;

  /** One measured interval of the chosen queue; times in epoch millis (wall clock). */
  record Interval(
      long start, long watermarkMoment, long firstCrossing, long versionMs, long readableMs) {
    long latency() {
      return readableMs - watermarkMoment;
    }
  }

  /**
   * @param closable interval ends every feeding partition passed (+ bound) before the feed stopped
   * @param neverReadable of those, the ones whose row was not readable within the grace: left out
   */
  record Result(
      String queue,
      List<Interval> intervals,
      int expected,
      int closable,
      int neverReadable,
      List<Long> allQueues,
      long records,
      long longestGapMs,
      String polls) {}

  private LatencyRun() {}

  static Result run(
      BenchStack stack,
      PipelineConfig base,
      Scenario scenario,
      LocalTime from,
      int minutes,
      double speed,
      int partitions,
      PrintStream out)
      throws Exception {
    long start = scenario.start().atZone(ZoneOffset.UTC).with(from).toInstant().toEpochMilli();
    long cutoff = start + minutes * MINUTE;
    if (start < scenario.start().toEpochMilli() || cutoff > scenario.end().toEpochMilli()) {
      throw new IllegalArgumentException(
          "the latency window "
              + from
              + " + "
              + minutes
              + " min is outside the scenario's "
              + scenario.start()
              + " .. "
              + scenario.end());
    }
    // In memory first (a second for the default day): the records to feed, and from the truth the
    // queue with the most one-minute rows in the measured minutes, so the one queue followed is a
    // busy one.
    Simulation sim = Simulator.run(scenario);
    List<DeliveredRecord> before = sim.stream().filter(r -> r.deliveredAtMillis() < start).toList();
    List<DeliveredRecord> feed =
        sim.stream()
            .filter(r -> r.deliveredAtMillis() >= start && r.deliveredAtMillis() < cutoff)
            .toList();
    String queue = busiestQueue(sim.truth(), start, cutoff);
    int expected =
        (int)
            sim.truth().stream()
                .filter(
                    t ->
                        isQueueMinute(t, start, cutoff)
                            && queue.equals(t.queueId())
                            && t.intervalEnd().toEpochMilli() + bound(base) <= cutoff)
                .count();

    TopicNames topics = stack.createTopics("latency");
    ClickHouseEndpoint db = stack.freshDatabase("bench_latency");
    // The day is stamped in the past and fed faster than real time, which is what a replay looks
    // like to the sink (sink.catch-up-lag); what is measured is the live path, so its rows count as
    // live rows, which are stamped now.
    PipelineConfig config =
        stack.jobConfig(base, topics, db, false).with(Map.of("sink.catch-up-lag", "3650d"));
    JobID job = stack.submit(stack.graph(config, "ccpulse bench latency", false));
    awaitRunning(stack, job);
    out.printf(
        "Job running (unbounded, flush interval %s, max out-of-orderness %s).%n",
        config.get("sink.flush-interval"), config.get("event-time.max-out-of-orderness"));

    boolean cancelled = false;
    List<Long> allQueues = new ArrayList<>();
    List<Interval> measured = new ArrayList<>();
    try (KafkaOutput kafka = new KafkaOutput(stack.bootstrapServers(), topics)) {
      ProduceClock clock = new ProduceClock(kafka, bound(base), start + MINUTE, partitions);
      try (RowPoller poller =
          new RowPoller(
                  db,
                  seen -> {
                    if (seen.queue().equals(queue)
                        && seen.intervalStart() >= start) { // not the catch-up's rows
                      Long moment = clock.watermarkMoment(seen.intervalStart() + MINUTE);
                      out.printf(
                          "  %s  %s row readable %s after the watermark could pass its end (window fired after %s)%n",
                          Instant.ofEpochMilli(seen.intervalStart()).toString().substring(11, 16),
                          queue,
                          moment == null ? "-" : Figures.seconds(seen.readableMs() - moment),
                          moment == null ? "-" : Figures.seconds(seen.versionMs() - moment));
                    }
                  })
              .start()) {
        // The day before the window at full speed, so contacts and agents are mid-shift when it
        // opens,
        // then a pause for the job to catch up (well under the 1 min idleness), then the window,
        // paced.
        out.printf(
            "Catching up: %,d records before %s at full speed, then a 10 s pause%n",
            before.size(), Instant.ofEpochMilli(start));
        before.forEach(clock::accept);
        clock.flush();
        Thread.sleep(10_000);
        clock.resetPauses();
        out.printf(
            "Feeding %,d records (%s) of %s .. %s at %.0fx real time; following queue %s%n",
            feed.size(),
            perStream(feed),
            Instant.ofEpochMilli(start),
            Instant.ofEpochMilli(cutoff),
            speed,
            queue);
        PacedSink paced = new PacedSink(clock, speed, Instant.ofEpochMilli(start));
        feed.forEach(paced::accept);
        paced.flush();
        long fedAt = System.currentTimeMillis();
        List<Long> ends = clock.closableEnds();
        long lastMoment = ends.isEmpty() ? fedAt : clock.watermarkMoment(ends.get(ends.size() - 1));
        long waitUntil = Math.max(fedAt, lastMoment) + GRACE_MS;
        while (System.currentTimeMillis() < waitUntil
            && ends.stream().anyMatch(end -> poller.first(queue, end - MINUTE) == null)) {
          Thread.sleep(200);
        }
        List<Instant> unseen =
            ends.stream()
                .filter(end -> poller.first(queue, end - MINUTE) == null)
                .map(end -> Instant.ofEpochMilli(end - MINUTE))
                .toList();
        if (!unseen.isEmpty()) {
          out.printf(
              "Left out, not readable within %d s of the last watermark moment: %d intervals of %s starting %s%n",
              GRACE_MS / 1000, unseen.size(), queue, unseen);
        }
        for (long end : ends) {
          long moment = clock.watermarkMoment(end);
          RowPoller.Seen s = poller.first(queue, end - MINUTE);
          if (s != null) {
            measured.add(
                new Interval(
                    end - MINUTE, moment, clock.firstCrossing(end), s.versionMs(), s.readableMs()));
          }
        }
        for (RowPoller.Seen s : poller.all()) {
          Long moment = clock.watermarkMoment(s.intervalStart() + MINUTE);
          if (moment != null) {
            allQueues.add(s.readableMs() - moment);
          }
        }
        if (stack.restarted(job)) {
          throw new IllegalStateException(
              "the latency job failed over (see the log above); its delays are no measurement");
        }
        out.printf(
            "Feed done; ClickHouse polled every %d ms: %s%n",
            RowPoller.PERIOD_MS, poller.pollSummary());
        stack.cancel(job);
        cancelled = true;
        out.println("Job cancelled.");
        return new Result(
            queue,
            measured,
            expected,
            ends.size(),
            unseen.size(),
            allQueues,
            feed.size(),
            clock.longestGapMs(),
            poller.pollSummary());
      }
    } finally {
      if (!cancelled) {
        stack.cancel(job); // on the way out of a failure: never leave the unbounded job running
      }
    }
  }

  private static String perStream(List<DeliveredRecord> records) {
    return records.stream()
        .collect(
            Collectors.groupingBy(
                r -> r.stream().name().toLowerCase(), TreeMap::new, Collectors.counting()))
        .entrySet()
        .stream()
        .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static long bound(PipelineConfig config) {
    return config.getDuration("event-time.max-out-of-orderness").toMillis();
  }

  private static boolean isQueueMinute(TruthRow t, long start, long cutoff) {
    return t.kind() == EntityKind.QUEUE
        && t.intervalSize().equals(Duration.ofMinutes(1))
        && t.hasData()
        && t.intervalStart().toEpochMilli() >= start
        && t.intervalEnd().toEpochMilli() <= cutoff;
  }

  private static String busiestQueue(List<TruthRow> truth, long start, long cutoff) {
    Map<String, Long> rows =
        truth.stream()
            .filter(t -> isQueueMinute(t, start, cutoff))
            .collect(Collectors.groupingBy(TruthRow::queueId, TreeMap::new, Collectors.counting()));
    return rows.entrySet().stream()
        .max(
            Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .orElseThrow()
        .getKey();
  }

  /**
   * Until every task runs, so the feed does not start against a job still deploying (at most a
   * minute).
   */
  static void awaitRunning(BenchStack stack, JobID job) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (AccessExecutionVertex v :
          stack
              .flink()
              .getExecutionGraph(job)
              .get(10, TimeUnit.SECONDS)
              .getAllExecutionVertices()) {
        all &= v.getExecutionState() == ExecutionState.RUNNING;
      }
      if (all) {
        Thread.sleep(2000); // the source readers fetch their partitions' metadata and start polling
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the latency job did not reach RUNNING within a minute");
  }
}
