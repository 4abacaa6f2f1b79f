package io.ccpulse.simulator.output;

import java.util.Objects;

/** The topic (and file) name of each stream. */
public record TopicNames(String interactions, String agentStates, String surveys) {
  public TopicNames {
    Objects.requireNonNull(interactions);
    Objects.requireNonNull(agentStates);
    Objects.requireNonNull(surveys);
  }

  /** {@code ccpulse.interactions}, {@code ccpulse.agent-states}, {@code ccpulse.surveys}. */
  public static TopicNames defaults() {
    return new TopicNames(
        EventStream.INTERACTIONS.defaultTopic(),
        EventStream.AGENT_STATES.defaultTopic(),
        EventStream.SURVEYS.defaultTopic());
  }

  public String of(EventStream stream) {
    return switch (stream) {
      case INTERACTIONS -> interactions;
      case AGENT_STATES -> agentStates;
      case SURVEYS -> surveys;
    };
  }
}
