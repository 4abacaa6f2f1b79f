package io.ccpulse.simulator.engine;

import io.ccpulse.events.AgentState;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.ChannelProfile;
import io.ccpulse.simulator.model.Pace;
import io.ccpulse.simulator.model.PlannedState;
import java.util.ArrayList;
import java.util.List;

/** An agent at run time: presence, open legs, and what is waiting to happen when free. */
final class AgentRt {
  final AgentProfile profile;
  final int index;
  final List<QueueRt> queues = new ArrayList<>();
  boolean loggedIn;
  AgentState state;

  /** Open legs plus contacts alerting (routed, not yet answered). */
  int legs;

  /** A voice or email leg is open: nothing else may be routed. */
  boolean exclusive;

  /** When the agent last became free of all legs, for longest-idle routing. */
  long idleSince;

  /** A planned break that came due during a contact; it starts when the agent is free. */
  PlannedState pending;

  boolean shiftOver;

  /** How the agent works on the current shift. */
  Pace pace = Pace.USUAL;

  long shiftStartedAt;

  /**
   * Serves the understaffed queue during its stretch: takes no contacts, goes NOT_READY once free.
   */
  boolean withdrawn;

  /**
   * NOT_READY for the understaffing with no timer to end it: the stretch's end or the shift's does.
   */
  boolean held;

  AgentRt(AgentProfile profile, int index) {
    this.profile = profile;
    this.index = index;
  }

  String id() {
    return profile.id();
  }

  /**
   * Available, and room for one more contact of this channel. An agent with a break due, or past
   * the end of the shift, finishes the contacts it has and takes no new ones (an ACD's "pending"
   * status): otherwise a chat agent, never without an open chat, would never get its break or go
   * home. The same holds for an agent withdrawn by understaffing.
   */
  boolean canTake(ChannelProfile p) {
    if (!loggedIn
        || state != AgentState.AVAILABLE
        || exclusive
        || pending != null
        || (shiftOver && legs > 0)
        || withdrawn) {
      return false;
    }
    int room = Math.min(p.capacity(), profile.capacity()) + (pace.eager() ? 1 : 0);
    return p.exclusive() ? legs == 0 : legs < room;
  }

  /**
   * Routing preference: an eager agent first, then fewest open contacts (chat), then longest idle,
   * then agent order.
   */
  boolean preferredOver(AgentRt other) {
    if (pace.eager() != other.pace.eager()) {
      return pace.eager(); // takes the next chat before colleagues with fewer open
    }
    if (legs != other.legs) {
      return legs < other.legs;
    }
    if (idleSince != other.idleSince) {
      return idleSince < other.idleSince;
    }
    return index < other.index;
  }
}
