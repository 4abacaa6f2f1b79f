package io.ccpulse.pipeline.source;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import java.io.Serializable;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * What the pipeline needs to know about one event record type: its codec, its event time, the
 * fields that identify it in a rejection, and the checks a decoded event must pass.
 */
public abstract class EventKind<T extends SpecificRecord> implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final EventKind<InteractionEvent> INTERACTION = new EventKind<>("InteractionEvent") {
    @Override
    public EventCodec<InteractionEvent> codec() {
      return EventCodec.interactions();
    }

    @Override
    public Instant occurredAt(InteractionEvent e) {
      return e.getOccurredAt();
    }

    @Override
    public String tenant(InteractionEvent e) {
      return e.getTenantId();
    }

    @Override
    public String eventId(InteractionEvent e) {
      return e.getEventId();
    }

    @Override
    public String type(InteractionEvent e) {
      return e.getType().name();
    }

    @Override
    public String invalid(InteractionEvent e) {
      return EventChecks.interaction(e);
    }

    @Override
    public TypeInformation<Inbound<InteractionEvent>> inboundType() {
      return TypeInformation.of(new TypeHint<Inbound<InteractionEvent>>() {});
    }
  };

  public static final EventKind<AgentStateEvent> AGENT_STATE = new EventKind<>("AgentStateEvent") {
    @Override
    public EventCodec<AgentStateEvent> codec() {
      return EventCodec.agentStates();
    }

    @Override
    public Instant occurredAt(AgentStateEvent e) {
      return e.getOccurredAt();
    }

    @Override
    public String tenant(AgentStateEvent e) {
      return e.getTenantId();
    }

    @Override
    public String eventId(AgentStateEvent e) {
      return e.getEventId();
    }

    @Override
    public String type(AgentStateEvent e) {
      return e.getState().name();
    }

    @Override
    public String invalid(AgentStateEvent e) {
      return EventChecks.agentState(e);
    }

    @Override
    public TypeInformation<Inbound<AgentStateEvent>> inboundType() {
      return TypeInformation.of(new TypeHint<Inbound<AgentStateEvent>>() {});
    }
  };

  public static final EventKind<SurveyEvent> SURVEY = new EventKind<>("SurveyEvent") {
    @Override
    public EventCodec<SurveyEvent> codec() {
      return EventCodec.surveys();
    }

    @Override
    public Instant occurredAt(SurveyEvent e) {
      return e.getOccurredAt();
    }

    @Override
    public String tenant(SurveyEvent e) {
      return e.getTenantId();
    }

    @Override
    public String eventId(SurveyEvent e) {
      return e.getEventId();
    }

    @Override
    public String type(SurveyEvent e) {
      return "SURVEY";
    }

    @Override
    public String invalid(SurveyEvent e) {
      return EventChecks.survey(e);
    }

    @Override
    public TypeInformation<Inbound<SurveyEvent>> inboundType() {
      return TypeInformation.of(new TypeHint<Inbound<SurveyEvent>>() {});
    }
  };

  private final String recordName;

  private EventKind(String recordName) {
    this.recordName = recordName;
  }

  public String recordName() {
    return recordName;
  }

  /** A new codec; codecs are not serializable, so operators create theirs in open(). */
  public abstract EventCodec<T> codec();

  public abstract Instant occurredAt(T event);

  public abstract String tenant(T event);

  public abstract String eventId(T event);

  /** The event's type within its record, e.g. QUEUED or BREAK. */
  public abstract String type(T event);

  /** Why a decoded event cannot be used, or null if it can. */
  public abstract String invalid(T event);

  public abstract TypeInformation<Inbound<T>> inboundType();

  @Override
  public String toString() {
    return recordName;
  }
}
