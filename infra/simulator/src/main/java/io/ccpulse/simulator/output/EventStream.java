package io.ccpulse.simulator.output;

/** The three event streams, each its own topic. */
public enum EventStream {
  /** InteractionEvent, keyed by interaction_id. */
  INTERACTIONS("ccpulse.interactions"),
  /** AgentStateEvent, keyed by agent_id. */
  AGENT_STATES("ccpulse.agent-states"),
  /** SurveyEvent, keyed by interaction_id. */
  SURVEYS("ccpulse.surveys");

  private final String defaultTopic;

  EventStream(String defaultTopic) {
    this.defaultTopic = defaultTopic;
  }

  public String defaultTopic() {
    return defaultTopic;
  }
}
