package io.ccpulse.simulator.script;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.Channel;
import io.ccpulse.events.SurveyEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * A hand-written sequence of events on one day (UTC), for small worked examples: the truth of a
 * script can be checked against figures worked out by hand, and the same script can be published to
 * the pipeline. Times are {@code HH:mm:ss} or {@code HH:mm:ss.SSS}; events get ids {@code s-1},
 * {@code s-2}, ... in the order written.
 *
 * <pre>{@code
 * Script s = Script.on(LocalDate.parse("2026-01-05"));
 * s.agent("08:00:00", "t1", "a1", AgentState.LOGGED_IN, "q1");
 * s.contact("t1", "c1", Channel.VOICE).queued("08:01:00", "q1").answered("08:01:20", "a1")
 *     .talkEnded("08:05:00", "a1").wrapupEnded("08:06:00", "a1");
 * }</pre>
 */
public final class Script {
  private final LocalDate day;
  private final List<Timed> events = new ArrayList<>();
  private int nextId = 1;

  record Timed(long at, int order, SpecificRecord event) {}

  private Script(LocalDate day) {
    this.day = day;
  }

  public static Script on(LocalDate day) {
    return new Script(day);
  }

  /** The instant of a time of day on the script's day. */
  public Instant at(String time) {
    return LocalTime.parse(time).atDate(day).toInstant(ZoneOffset.UTC);
  }

  /** Starts (or continues) writing one contact's events. */
  public ScriptContact contact(String tenantId, String interactionId, Channel channel) {
    return new ScriptContact(this, tenantId, interactionId, channel, null);
  }

  /** Same, with a customer id. */
  public ScriptContact contact(
      String tenantId, String interactionId, Channel channel, String customerId) {
    return new ScriptContact(this, tenantId, interactionId, channel, customerId);
  }

  /** An agent state change; queues and capacity are sent on LOGGED_IN. */
  public Script agent(
      String time, String tenantId, String agentId, AgentState state, String... queueIds) {
    boolean login = state == AgentState.LOGGED_IN;
    add(
        new AgentStateEvent(
            id(),
            tenantId,
            agentId,
            state,
            at(time),
            login ? List.of(queueIds) : List.of(),
            login ? 1 : null));
    return this;
  }

  public Script survey(
      String time,
      String tenantId,
      String interactionId,
      Channel channel,
      String agentId,
      String queueId,
      int csat) {
    return survey(time, tenantId, interactionId, channel, agentId, queueId, csat, null);
  }

  /** A survey that also asked the likelihood to recommend (0..10; null: not asked). */
  public Script survey(
      String time,
      String tenantId,
      String interactionId,
      Channel channel,
      String agentId,
      String queueId,
      int csat,
      Integer nps) {
    add(
        new SurveyEvent(
            id(), tenantId, interactionId, channel, agentId, queueId, csat, at(time), nps));
    return this;
  }

  /** The events in event-time order (ties in the order written). */
  public List<SpecificRecord> events() {
    return events.stream()
        .sorted(Comparator.comparingLong(Timed::at).thenComparingInt(Timed::order))
        .map(Timed::event)
        .toList();
  }

  String id() {
    return "s-" + nextId++;
  }

  void add(SpecificRecord event) {
    long at = ((Instant) event.get(event.getSchema().getField("occurred_at").pos())).toEpochMilli();
    events.add(new Timed(at, events.size(), event));
  }
}
