package io.ccpulse.pipeline.source;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * What the pipeline needs to know about one event record type: its codec, its event time, the
 * fields that identify it in a rejection, and the checks a decoded event must pass.
 */
public final class EventKind<T extends SpecificRecord> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A function that travels with the job graph. */
  interface Fn<A, B> extends Function<A, B>, Serializable {}

  /** The checks of one record type, with the limits they apply. */
  interface Check<A>
      extends java.util.function.BiFunction<EventChecks, A, EventChecks.Invalid>, Serializable {}

  /** A supplier that travels with the job graph. */
  interface Make<A> extends Supplier<A>, Serializable {}

  /** Replaces an event's recurring ids by their shared copies. */
  interface Share<A> extends java.util.function.BiConsumer<A, RepeatedIds>, Serializable {}

  public static final EventKind<InteractionEvent> INTERACTION =
      new EventKind<>(
          "InteractionEvent",
          EventCodec::interactions,
          InteractionEvent::getOccurredAt,
          InteractionEvent::getTenantId,
          InteractionEvent::getEventId,
          e -> e.getType().name(),
          EventChecks::interaction,
          (e, ids) -> {
            e.setTenantId(ids.of(e.getTenantId()));
            e.setQueueId(ids.of(e.getQueueId()));
            e.setAgentId(ids.of(e.getAgentId()));
            e.setTargetQueueId(ids.of(e.getTargetQueueId()));
            e.setTargetAgentId(ids.of(e.getTargetAgentId()));
            e.setWrapupCode(ids.of(e.getWrapupCode()));
          });

  public static final EventKind<AgentStateEvent> AGENT_STATE =
      new EventKind<>(
          "AgentStateEvent",
          EventCodec::agentStates,
          AgentStateEvent::getOccurredAt,
          AgentStateEvent::getTenantId,
          AgentStateEvent::getEventId,
          e -> e.getState().name(),
          EventChecks::agentState,
          (e, ids) -> {
            e.setTenantId(ids.of(e.getTenantId()));
            e.setAgentId(ids.of(e.getAgentId()));
            e.getQueueIds().replaceAll(ids::of);
          });

  public static final EventKind<SurveyEvent> SURVEY =
      new EventKind<>(
          "SurveyEvent",
          EventCodec::surveys,
          SurveyEvent::getOccurredAt,
          SurveyEvent::getTenantId,
          SurveyEvent::getEventId,
          e -> "SURVEY",
          EventChecks::survey,
          (e, ids) -> {
            e.setTenantId(ids.of(e.getTenantId()));
            e.setAgentId(ids.of(e.getAgentId()));
            e.setQueueId(ids.of(e.getQueueId()));
          });

  private final String recordName;
  private final Make<EventCodec<T>> codec;
  private final Fn<T, Instant> occurredAt;
  private final Fn<T, String> tenant;
  private final Fn<T, String> eventId;
  private final Fn<T, String> type;
  private final Check<T> invalid;
  private final Share<T> share;

  private EventKind(
      String recordName,
      Make<EventCodec<T>> codec,
      Fn<T, Instant> occurredAt,
      Fn<T, String> tenant,
      Fn<T, String> eventId,
      Fn<T, String> type,
      Check<T> invalid,
      Share<T> share) {
    this.recordName = recordName;
    this.codec = codec;
    this.occurredAt = occurredAt;
    this.tenant = tenant;
    this.eventId = eventId;
    this.type = type;
    this.invalid = invalid;
    this.share = share;
  }

  public String recordName() {
    return recordName;
  }

  /** A new codec; codecs are not serializable, so operators create theirs in open(). */
  public EventCodec<T> codec() {
    return codec.get();
  }

  public Instant occurredAt(T event) {
    return occurredAt.apply(event);
  }

  public String tenant(T event) {
    return tenant.apply(event);
  }

  public String eventId(T event) {
    return eventId.apply(event);
  }

  /** The event's type within its record, e.g. QUEUED or BREAK. */
  public String type(T event) {
    return type.apply(event);
  }

  /** Why a decoded event cannot be used by its type's own rules, or null if it can. */
  EventChecks.Invalid invalid(EventChecks checks, T event) {
    return invalid.apply(checks, event);
  }

  /**
   * Replaces the event's recurring ids (tenant, queue, agent...) by the copies {@code ids} keeps.
   */
  void shareIds(T event, RepeatedIds ids) {
    share.accept(event, ids);
  }

  /** The type of a stream of this kind's events: sent on as the bytes they were read from. */
  public TypeInformation<Inbound<T>> inboundType() {
    return new InboundType<>(this);
  }

  /** The kind of the record type {@code recordName}. */
  static EventKind<?> named(String recordName) {
    for (EventKind<?> k : List.of(INTERACTION, AGENT_STATE, SURVEY)) {
      if (k.recordName.equals(recordName)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no event kind " + recordName);
  }

  @Override
  public String toString() {
    return recordName;
  }
}
