package io.ccpulse.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Replays events in event-time order and asserts the life-cycle rules of contacts and agents.
 * Written for the tests, independently of the truth calculator.
 */
final class LifecycleChecker {
  private enum Phase {
    TALKING,
    HELD,
    ENDED
  }

  private static final class Leg {
    Phase phase = Phase.TALKING;
    final long answered;
    long holdStart;
    long held;
    long connectedEnd;

    Leg(long answered) {
      this.answered = answered;
    }
  }

  private static final class Contact {
    final Channel channel;
    String waitingIn;
    boolean queueTransferPending;
    String directAgent;
    String callbackQueue;
    String callbackAgent;
    final Map<String, Leg> legs = new HashMap<>();
    boolean talkEnded;
    boolean abandoned;
    long last;

    Contact(Channel channel) {
      this.channel = channel;
    }

    boolean over() {
      return waitingIn == null
          && legs.isEmpty()
          && !queueTransferPending
          && directAgent == null
          && callbackQueue == null
          && callbackAgent == null;
    }
  }

  private static final class Agent {
    AgentState state;
    int legs;
    int exclusive;
  }

  private final Map<String, Contact> contacts = new HashMap<>();
  private final Map<String, Agent> agents = new HashMap<>();
  private long completed;
  private long abandoned;
  private long legs;
  private long negative;
  private long callbacksRequested;
  private long callbackLegs;
  private int maxChats;

  void accept(SpecificRecord e) {
    if (e instanceof AgentStateEvent a) {
      agent(a);
    } else if (e instanceof InteractionEvent i) {
      interaction(i);
    }
  }

  private void agent(AgentStateEvent a) {
    Agent ag = agents.computeIfAbsent(a.getAgentId(), k -> new Agent());
    if (a.getState() == AgentState.LOGGED_IN) {
      assertThat(ag.state).as("login of %s", a.getAgentId()).isIn(null, AgentState.LOGGED_OUT);
    } else {
      assertThat(ag.state)
          .as("state change of %s while logged out", a.getAgentId())
          .isNotIn(null, AgentState.LOGGED_OUT);
    }
    if (a.getState() != AgentState.AVAILABLE) {
      assertThat(ag.legs).as("%s goes %s with open legs", a.getAgentId(), a.getState()).isZero();
    }
    ag.state = a.getState();
  }

  private void interaction(InteractionEvent i) {
    long t = i.getOccurredAt().toEpochMilli();
    String what = i.getType() + " of " + i.getInteractionId() + " at " + i.getOccurredAt();
    Contact c = contacts.get(i.getInteractionId());
    if (c == null) {
      assertThat(i.getType()).as("first event " + what).isEqualTo(InteractionType.QUEUED);
      c = new Contact(i.getChannel());
      contacts.put(i.getInteractionId(), c);
    }
    assertThat(c.over() && c.last > 0).as("event after the contact ended: " + what).isFalse();
    if (t < c.last) {
      negative++;
    }
    c.last = t;
    String agent = i.getAgentId();
    Leg leg = agent == null ? null : c.legs.get(agent);
    switch (i.getType()) {
      case QUEUED -> {
        assertThat(c.waitingIn).as(what).isNull();
        c.queueTransferPending = false;
        c.waitingIn = i.getQueueId();
      }
      case ABANDONED -> {
        assertThat(c.waitingIn).as(what).isEqualTo(i.getQueueId());
        c.waitingIn = null;
        c.abandoned = true;
      }
      case CALLBACK_REQUESTED -> {
        assertThat(c.channel).as(what).isEqualTo(Channel.VOICE);
        assertThat(c.waitingIn).as(what).isEqualTo(i.getQueueId());
        c.waitingIn = null;
        c.callbackQueue = i.getQueueId();
        callbacksRequested++;
      }
      case CALLBACK_DIALED -> {
        assertThat(c.callbackQueue).as(what).isEqualTo(i.getQueueId());
        assertThat(agents.get(agent).state).as(what).isEqualTo(AgentState.AVAILABLE);
        c.callbackQueue = null;
        c.callbackAgent = agent;
      }
      case ANSWERED -> {
        assertThat(
                c.waitingIn != null || agent.equals(c.directAgent) || agent.equals(c.callbackAgent))
            .as("answered without a wait: " + what)
            .isTrue();
        assertThat(leg).as(what).isNull();
        Agent a = agents.get(agent);
        assertThat(a.state).as("agent state at " + what).isEqualTo(AgentState.AVAILABLE);
        boolean exclusive = c.channel == Channel.VOICE || c.channel == Channel.EMAIL;
        assertThat(a.exclusive).as("exclusive leg open at " + what).isZero();
        if (exclusive) {
          assertThat(a.legs).as("busy agent at " + what).isZero();
        }
        a.legs++;
        a.exclusive += exclusive ? 1 : 0;
        if (!exclusive) {
          maxChats = Math.max(maxChats, a.legs);
        }
        c.waitingIn = null;
        c.directAgent = null;
        callbackLegs += agent.equals(c.callbackAgent) ? 1 : 0;
        c.callbackAgent = null;
        c.legs.put(agent, new Leg(t));
        legs++;
      }
      case HOLD_STARTED -> {
        assertThat(leg.phase).as(what).isEqualTo(Phase.TALKING);
        leg.phase = Phase.HELD;
        leg.holdStart = t;
      }
      case HOLD_ENDED -> {
        assertThat(leg.phase).as(what).isEqualTo(Phase.HELD);
        leg.phase = Phase.TALKING;
        leg.held += t - leg.holdStart;
      }
      case TALK_ENDED, TRANSFERRED -> {
        assertThat(leg.phase).as(what).isEqualTo(Phase.TALKING);
        leg.phase = Phase.ENDED;
        leg.connectedEnd = t;
        if (leg.connectedEnd - leg.answered - leg.held < 0) {
          negative++;
        }
        if (i.getType() == InteractionType.TALK_ENDED) {
          c.talkEnded = true;
        } else if (i.getTargetAgentId() != null) {
          c.directAgent = i.getTargetAgentId();
        } else {
          assertThat(i.getTargetQueueId()).as(what).isNotNull().isNotEqualTo(i.getQueueId());
          c.queueTransferPending = true;
        }
      }
      case WRAPUP_ENDED -> {
        assertThat(leg.phase).as(what).isEqualTo(Phase.ENDED);
        if (t < leg.connectedEnd) {
          negative++;
        }
        c.legs.remove(agent);
        Agent a = agents.get(agent);
        a.legs--;
        a.exclusive -= (c.channel == Channel.VOICE || c.channel == Channel.EMAIL) ? 1 : 0;
      }
      default -> throw new AssertionError(what);
    }
    if (c.over()) {
      // The contact just ended: by an abandon, or by talk ending on its last leg.
      assertThat(c.abandoned != c.talkEnded).as("one outcome for " + i.getInteractionId()).isTrue();
      if (c.abandoned) {
        abandoned++;
      } else {
        completed++;
      }
    }
  }

  void finish() {
    // Nothing to settle: open contacts are reported by openContacts().
  }

  long contacts() {
    return contacts.size();
  }

  List<String> openContacts() {
    List<String> open = new ArrayList<>();
    contacts.forEach(
        (id, c) -> {
          if (!c.over()) {
            open.add(id);
          }
        });
    return open;
  }

  long callbacksRequested() {
    return callbacksRequested;
  }

  /** Legs started by the agent who dialed the contact's callback. */
  long callbackLegs() {
    return callbackLegs;
  }

  long completed() {
    return completed;
  }

  /** Contacts that ended in an abandon. */
  long abandoned() {
    return abandoned;
  }

  long legs() {
    return legs;
  }

  long negativeDurations() {
    return negative;
  }

  int maxConcurrentChats() {
    return maxChats;
  }

  List<String> loggedInAtEnd() {
    List<String> in = new ArrayList<>();
    agents.forEach(
        (id, a) -> {
          if (a.state != AgentState.LOGGED_OUT) {
            in.add(id);
          }
        });
    return in;
  }
}
