package io.ccpulse.simulator.script;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.Channel;
import java.time.LocalDate;

/**
 * A small day whose truth is worked out by hand (in the simulator's {@code HandWorkedTruthTest} and
 * docs/metrics.md §9), for checking any implementation of the metrics against it: replay it with
 * {@code Simulator.replay(WorkedExample.day(), TruthSettings.defaults())}. Voice queues q1, q2 and
 * chat queue qc of tenant t1, on 2026-01-05:
 *
 * <ul>
 *   <li>c1: answered in q1 after exactly 20 s, a hold 08:14–08:16 across the 08:15 boundary,
 *       transferred to q2, answered there by a2, surveyed at 08:31 (CSAT 5, likelihood to recommend
 *       9: a promoter);
 *   <li>c2: a short abandon (3 s) in q1; c3: a long one (60 s) across the 08:30 boundary;
 *   <li>c4: answered after 21 s, wrap-up ends exactly on the 08:15:00 boundary;
 *   <li>c5: a chat transferred straight to agent a5 (no second wait).
 * </ul>
 */
public final class WorkedExample {
  private WorkedExample() {}

  /** The day's events. */
  public static Script day() {
    Script s = Script.on(LocalDate.parse("2026-01-05"));
    s.agent("08:00:00", "t1", "a1", AgentState.LOGGED_IN, "q1");
    s.agent("08:00:00", "t1", "a2", AgentState.LOGGED_IN, "q2");
    s.agent("08:00:00", "t1", "a3", AgentState.LOGGED_IN, "q1");
    s.agent("08:00:00", "t1", "a4", AgentState.LOGGED_IN, "qc");
    s.agent("08:00:00", "t1", "a4", AgentState.AVAILABLE);
    s.agent("08:00:00", "t1", "a5", AgentState.LOGGED_IN, "qc");
    s.agent("08:00:00", "t1", "a5", AgentState.AVAILABLE);
    s.agent("08:00:10", "t1", "a3", AgentState.AVAILABLE);
    s.agent("08:00:30", "t1", "a1", AgentState.AVAILABLE);
    s.agent("08:01:00", "t1", "a2", AgentState.AVAILABLE);
    s.agent("08:20:00", "t1", "a3", AgentState.LOGGED_OUT);
    s.agent("08:30:00", "t1", "a2", AgentState.BREAK);
    s.agent("08:35:00", "t1", "a2", AgentState.AVAILABLE);
    s.agent("08:40:00", "t1", "a1", AgentState.LOGGED_OUT);
    s.agent("08:40:00", "t1", "a2", AgentState.LOGGED_OUT);
    s.agent("08:45:00", "t1", "a4", AgentState.LOGGED_OUT);
    s.agent("08:45:00", "t1", "a5", AgentState.LOGGED_OUT);

    s.contact("t1", "c1", Channel.VOICE, "cust-1")
        .queued("08:10:00", "q1")
        .answered("08:10:20", "a1")
        .holdStarted("08:14:00", "a1")
        .holdEnded("08:16:00", "a1")
        .transferredToQueue("08:18:00", "a1", "q2")
        .queued("08:18:00", "q2")
        .answered("08:18:45", "a2")
        .wrapupEnded("08:19:00", "a1")
        .talkEnded("08:25:00", "a2")
        .wrapupEnded("08:26:30", "a2");
    s.survey("08:31:00", "t1", "c1", Channel.VOICE, "a2", "q2", 5, 9);

    s.contact("t1", "c2", Channel.VOICE).queued("08:20:00", "q1").abandoned("08:20:03");
    s.contact("t1", "c3", Channel.VOICE).queued("08:29:50", "q1").abandoned("08:30:50");

    s.contact("t1", "c4", Channel.VOICE)
        .queued("08:02:00", "q1")
        .answered("08:02:21", "a3")
        .talkEnded("08:05:00", "a3")
        .wrapupEnded("08:15:00", "a3");

    s.contact("t1", "c5", Channel.CHAT)
        .queued("08:05:00", "qc")
        .answered("08:05:05", "a4")
        .transferredToAgent("08:06:00", "a4", "a5")
        .wrapupEnded("08:06:00", "a4")
        .answered("08:06:10", "a5")
        .talkEnded("08:10:00", "a5")
        .wrapupEnded("08:10:30", "a5");
    return s;
  }
}
