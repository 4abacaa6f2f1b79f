package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.alert.AlertRules;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.interval.Thresholds;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * What the live view writes must not depend on how its inputs' partitions interleave, or a job
 * restored from a checkpoint rewrites the steps after it differently from the run that crashed, and
 * a change-only series keeps rows of both (queue_health is keyed by queue and moment: a row the
 * restored run does not write again stays). Agents' presence changes fall on whole minutes, as
 * cadence steps do; the case here is one found by CrashRestartITCase: one agent's change at a
 * step's very millisecond arriving after the watermark has reached that millisecond (its partition
 * had an earlier event of that millisecond, the other partitions were ahead).
 *
 * <p>The watermarks are the sources' (out-of-orderness bound 30 s): {@link #shown} is the watermark
 * once every partition has shown an event at that time.
 */
class QueueMonitorOrderTest {
  private static final Duration BOUND = Duration.ofSeconds(30);

  private static KeyedOneInputStreamOperatorTestHarness<TenantKey, QueueSignal, QueueSnapshot>
      harness(OperatorSubtaskState restoreFrom) throws Exception {
    return harness(restoreFrom, false);
  }

  private static KeyedOneInputStreamOperatorTestHarness<TenantKey, QueueSignal, QueueSnapshot>
      harness(OperatorSubtaskState restoreFrom, boolean bounded) throws Exception {
    PipelineConfig config = PipelineConfig.defaults(); // change-only snapshots, the default
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new QueueMonitor(
                    LiveTiming.eventTimeOnly(BOUND),
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(15),
                    Thresholds.from(config),
                    AlertRules.from(config),
                    QueueHealthStage.everyStep(config),
                    bounded)),
            QueueSignal::key,
            TypeInformation.of(TenantKey.class));
    if (restoreFrom != null) {
      harness.initializeState(restoreFrom);
    }
    harness.open();
    return harness;
  }

  private static long at(String hhmmss) {
    return Instant.parse("2026-01-05T" + hhmmss + "Z").toEpochMilli();
  }

  /** The sources' watermark once every partition has shown an event at {@code hhmmss}. */
  private static Watermark shown(String hhmmss) {
    return new Watermark(at(hhmmss) - BOUND.toMillis() - 1);
  }

  private static StreamRecord<QueueSignal> agent(String agent, String time, AgentStatus status) {
    QueueSignal s = QueueSignal.agent("acme", "billing", agent, status, at(time));
    return new StreamRecord<>(s, s.at);
  }

  private static StreamRecord<QueueSignal> queued(String contact, String time) {
    LiveContact c = new LiveContact();
    c.tenantId = "acme";
    c.interactionId = contact;
    c.channel = Channel.VOICE;
    QueueSignal s = QueueSignal.waitStarted(c, "billing", at(time));
    return new StreamRecord<>(s, s.at);
  }

  private static final AgentStatus ON_QUEUE = AgentStatus.of(true, false, 0, 1);
  private static final AgentStatus ON_BREAK = AgentStatus.of(false, true, 0, 1);

  /** Inputs and watermarks in one order, fed to a harness. */
  private static void feed(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, QueueSignal, QueueSnapshot> h,
      List<Object> inputs)
      throws Exception {
    for (Object in : inputs) {
      if (in instanceof Watermark w) {
        h.processWatermark(w);
      } else {
        @SuppressWarnings("unchecked")
        StreamRecord<QueueSignal> r = (StreamRecord<QueueSignal>) in;
        h.processElement(r);
      }
    }
  }

  /** The rows as queue_health keeps them: one per queue and moment, the last written. */
  private static Map<String, String> table(List<QueueSnapshot> written) {
    Map<String, String> rows = new TreeMap<>();
    for (QueueSnapshot s : written) {
      rows.put(s.queueId + "@" + Instant.ofEpochMilli(s.at), Arrays.toString(QueueLive.figures(s)));
    }
    return rows;
  }

  /** Before the checkpoint: a and b on queue, the steps to 10:09:50 judged. */
  private static final List<Object> BEFORE =
      List.of(
          agent("a", "10:00:00", ON_QUEUE),
          agent("b", "10:00:00", ON_QUEUE),
          queued("c-1", "10:09:30"),
          shown("10:09:55"));

  /**
   * At 10:10:00 c goes on queue and a on a break; a's change came after the watermark reached it.
   */
  private static final Object C_ON = agent("c", "10:10:00", ON_QUEUE);

  private static final Object A_BREAK = agent("a", "10:10:00", ON_BREAK);
  private static final List<Object> A_LAST =
      List.of(C_ON, shown("10:10:00"), A_BREAK, shown("10:10:30"), shown("10:11:00"));
  private static final List<Object> A_FIRST =
      List.of(C_ON, A_BREAK, shown("10:10:00"), shown("10:10:30"), shown("10:11:00"));

  @Test
  void aRunRestoredFromACheckpointWritesTheRowsAnUninterruptedRunWrites() throws Exception {
    List<Object> all = new ArrayList<>(BEFORE);
    all.addAll(A_FIRST);
    var uninterrupted = harness(null);
    feed(uninterrupted, all);
    Map<String, String> expected = table(uninterrupted.extractOutputValues());
    uninterrupted.close();

    // The run that crashes: checkpointed after BEFORE, then a's change comes late for its step
    // and
    // the rows written after the checkpoint stay in the table.
    var crashed = harness(null);
    feed(crashed, BEFORE);
    OperatorSubtaskState checkpoint = crashed.snapshot(1, 1);
    feed(crashed, A_LAST);
    List<QueueSnapshot> written = new ArrayList<>(crashed.extractOutputValues());
    crashed.close();
    // Restored from the checkpoint: the inputs after it are read again, in another interleaving.
    var restored = harness(checkpoint);
    feed(restored, A_FIRST);
    written.addAll(restored.extractOutputValues());
    restored.close();

    assertThat(expected)
        .as("a's break at 10:10:00 is in the 10:10:00 step")
        .containsEntry(
            "billing@2026-01-05T10:10:00Z",
            Arrays.toString(
                new long[] {
                  Channel.VOICE.ordinal(),
                  1,
                  at("10:09:30"),
                  3,
                  2,
                  2,
                  0,
                  1,
                  0,
                  0,
                  0,
                  0,
                  0,
                  0,
                  // arrived, handle time (none yet: -1), estimated wait, agents required (-1)
                  1,
                  -1,
                  0,
                  -1,
                  // callbacks pending, the oldest's request (none)
                  0,
                  0
                }));
    assertThat(table(written)).isEqualTo(expected);
  }

  @Test
  void aStepCountsEveryInputOfItsMillisecondWhereverTheWatermarkWas() throws Exception {
    List<Object> late = new ArrayList<>(BEFORE);
    late.addAll(A_LAST);
    List<Object> early = new ArrayList<>(BEFORE);
    early.addAll(A_FIRST);
    var one = harness(null);
    feed(one, late);
    var other = harness(null);
    feed(other, early);
    assertThat(table(one.extractOutputValues())).isEqualTo(table(other.extractOutputValues()));
    one.close();
    other.close();
  }

  @Test
  void theInputsOfOneMomentRaiseTheSameAlertsInAnyOrder() throws Exception {
    // Nobody on queue, nobody waiting; at 09:00:05 a contact arrives as an agent comes on queue:
    // judged between the two, no-agent-available would raise (and clear a minute later) in one
    // order only.
    List<List<QueueAlert>> alerts = new ArrayList<>();
    for (boolean contactFirst : new boolean[] {true, false}) {
      var h = harness(null);
      List<Object> inputs = new ArrayList<>();
      inputs.add(agent("a", "09:00:00", ON_BREAK));
      inputs.add(contactFirst ? queued("c-1", "09:00:05") : agent("a", "09:00:05", ON_QUEUE));
      inputs.add(contactFirst ? agent("a", "09:00:05", ON_QUEUE) : queued("c-1", "09:00:05"));
      inputs.add(shown("09:01:30"));
      feed(h, inputs);
      alerts.add(
          h.getSideOutput(QueueMonitor.ALERTS) == null
              ? List.of()
              : h.getSideOutput(QueueMonitor.ALERTS).stream().map(StreamRecord::getValue).toList());
      h.close();
    }
    assertThat(alerts.get(0)).as("contact first").isEmpty();
    assertThat(alerts.get(1)).as("agent first").isEmpty();
  }

  @Test
  void aStragglerCountsFromTheStepAfterItReachedKafkaHoweverFarTheOtherPartitionsWereRead()
      throws Exception {
    // c-2 queued at 10:09:00 but reached Kafka at 10:10:05 (its partition clock then): applied
    // when the edge passes 10:10:05, whether the edge was at 10:09:30 or 10:10:00 when it came.
    List<Map<String, String>> tables = new ArrayList<>();
    for (String edgeOnArrival : new String[] {"10:09:30", "10:10:00"}) {
      var h = harness(null);
      List<Object> inputs = new ArrayList<>(BEFORE);
      inputs.add(shown(edgeOnArrival));
      StreamRecord<QueueSignal> straggler = queued("c-2", "10:09:00");
      straggler.getValue().knownAt = at("10:10:05");
      inputs.add(straggler);
      inputs.add(shown("10:11:00"));
      feed(h, inputs);
      tables.add(table(h.extractOutputValues()));
      h.close();
    }
    assertThat(tables.get(0)).isEqualTo(tables.get(1));
    assertThat(tables.get(0))
        .as("two waiting from the step at 10:10:10, the oldest since 10:09:00")
        .containsEntry(
            "billing@2026-01-05T10:10:10Z",
            Arrays.toString(
                new long[] {
                  Channel.VOICE.ordinal(),
                  2,
                  at("10:09:00"),
                  2,
                  2,
                  2,
                  0,
                  0,
                  0,
                  0,
                  0,
                  0,
                  0,
                  0,
                  // arrived, handle time, estimated wait (none without a handle time), required
                  2,
                  -1,
                  -1,
                  -1,
                  0,
                  0
                }));
  }

  @Test
  void aReplaysEndJudgesEachQueueToAWindowAfterItsLastInputWhereverTheWatermarkStopped()
      throws Exception {
    // The same input, its watermark moved to the end of the data before the input ends, or left
    // at 10:00:00 (a whole replay read between two periodic watermarks) when it jumps to the end.
    List<Object> inputs = new ArrayList<>(BEFORE);
    inputs.add(C_ON);
    inputs.add(A_BREAK);
    inputs.add(queued("c-2", "10:20:00"));
    List<Map<String, String>> tables = new ArrayList<>();
    for (String lastWatermark : new String[] {"10:00:00", "10:20:00", "11:00:00"}) {
      var h = harness(null, true);
      List<Object> run = new ArrayList<>(inputs);
      run.add(shown(lastWatermark));
      run.add(Watermark.MAX_WATERMARK);
      feed(h, run);
      tables.add(table(h.extractOutputValues()));
      h.close();
    }
    assertThat(tables.get(1)).isEqualTo(tables.get(0));
    assertThat(tables.get(2)).isEqualTo(tables.get(0));
    assertThat(tables.get(0).keySet())
        .as("judged after the last input (10:20:00), to a window after it and no further")
        .contains("billing@2026-01-05T10:20:00Z")
        .noneMatch(k -> k.compareTo("billing@2026-01-05T10:35:00Z") > 0);
  }
}
