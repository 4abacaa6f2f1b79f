package io.ccpulse.pipeline.source;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.RejectReason;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a decoded event must be before the job keeps anything of it, beyond what the Avro schema
 * enforces: the fields its type needs, ids the job can key by, text of a bounded length, a time
 * within sane bounds, a tenant the job serves. Checked at decode time, once, so every later stage
 * can trust its input, and state grows only with events that passed.
 */
public final class EventChecks implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Why an event cannot be used. */
  public record Invalid(RejectReason reason, String detail) implements Serializable {}

  private final int maxIdLength;
  private final int maxTextLength;
  private final int maxAgentQueues;
  private final long earliestMs;
  private final long maxClockSkewMs;

  /** The tenants served; empty means any. A HashSet: it travels with the job graph. */
  private final HashSet<String> tenants;

  EventChecks(
      int maxIdLength,
      int maxTextLength,
      int maxAgentQueues,
      Instant earliest,
      Duration maxClockSkew,
      Set<String> tenants) {
    this.maxIdLength = maxIdLength;
    this.maxTextLength = maxTextLength;
    this.maxAgentQueues = maxAgentQueues;
    this.earliestMs = earliest.toEpochMilli();
    this.maxClockSkewMs = maxClockSkew.toMillis();
    this.tenants = new HashSet<>(tenants);
  }

  public static EventChecks from(PipelineConfig config) {
    Instant earliest;
    try {
      earliest = Instant.parse(config.get("input.earliest").trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "input.earliest must be an instant like 2000-01-01T00:00:00Z, got "
              + config.get("input.earliest"),
          e);
    }
    Set<String> tenants = new HashSet<>();
    Arrays.stream(config.get("input.tenants").split(","))
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .forEach(tenants::add);
    return new EventChecks(
        positive(config, "input.max-id-length"),
        positive(config, "input.max-text-length"),
        positive(config, "input.max-agent-queues"),
        earliest,
        config.getDuration("event-time.max-clock-skew"),
        tenants);
  }

  /** Why {@code event} cannot be used, or null if it can; {@code now} is wall-clock time. */
  <T extends org.apache.avro.specific.SpecificRecord> Invalid check(
      EventKind<T> kind, T event, long now) {
    Invalid invalid = kind.invalid(this, event);
    if (invalid == null) {
      invalid = tenant(kind.tenant(event));
    }
    return invalid != null ? invalid : time(kind.occurredAt(event).toEpochMilli(), now);
  }

  Invalid interaction(InteractionEvent e) {
    if (blank(e.getEventId()) || blank(e.getTenantId()) || blank(e.getInteractionId())) {
      return field("event_id, tenant_id and interaction_id must not be empty");
    }
    Invalid ids =
        first(
            tenantId(e.getTenantId()),
            id("event_id", e.getEventId()),
            id("interaction_id", e.getInteractionId()),
            id("customer_id", e.getCustomerId()),
            id("queue_id", e.getQueueId()),
            id("agent_id", e.getAgentId()),
            id("target_queue_id", e.getTargetQueueId()),
            id("target_agent_id", e.getTargetAgentId()),
            text("wrapup_code", e.getWrapupCode()));
    if (ids != null) {
      return ids;
    }
    switch (e.getType()) {
      case QUEUED:
      case ABANDONED:
      case CALLBACK_REQUESTED:
        return blank(e.getQueueId()) ? field(e.getType() + " needs queue_id") : null;
      case ANSWERED:
      case CALLBACK_DIALED:
      case HOLD_STARTED:
      case HOLD_ENDED:
      case TALK_ENDED:
      case WRAPUP_ENDED:
        return blank(e.getAgentId()) ? field(e.getType() + " needs agent_id") : null;
      case TRANSFERRED:
        if (blank(e.getAgentId())) {
          return field("TRANSFERRED needs agent_id (the transferring agent)");
        }
        return blank(e.getTargetQueueId()) && blank(e.getTargetAgentId())
            ? field("TRANSFERRED needs target_queue_id or target_agent_id")
            : null;
      default:
        return null;
    }
  }

  Invalid agentState(AgentStateEvent e) {
    if (blank(e.getEventId()) || blank(e.getTenantId()) || blank(e.getAgentId())) {
      return field("event_id, tenant_id and agent_id must not be empty");
    }
    // Before the queue ids are looked at one by one: 10,000 of them is refused at the cost of one.
    List<String> queues = e.getQueueIds();
    if (queues.size() > maxAgentQueues) {
      return new Invalid(
          RejectReason.TOO_MANY_QUEUES,
          e.getState()
              + " names "
              + queues.size()
              + " queues (input.max-agent-queues: "
              + maxAgentQueues
              + ")");
    }
    Invalid ids =
        first(
            tenantId(e.getTenantId()),
            id("event_id", e.getEventId()),
            id("agent_id", e.getAgentId()));
    for (int i = 0; ids == null && i < queues.size(); i++) {
      ids =
          blank(queues.get(i))
              ? field("queue_ids must not hold an empty id")
              : id("queue_ids[" + i + "]", queues.get(i));
    }
    if (ids != null) {
      return ids;
    }
    if (e.getMaxConcurrentContacts() != null && e.getMaxConcurrentContacts() < 1) {
      return field(
          "max_concurrent_contacts must be at least 1, got " + e.getMaxConcurrentContacts());
    }
    if (e.getState() == AgentState.LOGGED_IN && queues.isEmpty()) {
      return field("LOGGED_IN needs the queue_ids the agent serves");
    }
    return null;
  }

  Invalid survey(SurveyEvent e) {
    if (blank(e.getEventId())
        || blank(e.getTenantId())
        || blank(e.getInteractionId())
        || blank(e.getAgentId())) {
      return field("event_id, tenant_id, interaction_id and agent_id must not be empty");
    }
    Invalid ids =
        first(
            tenantId(e.getTenantId()),
            id("event_id", e.getEventId()),
            id("interaction_id", e.getInteractionId()),
            id("agent_id", e.getAgentId()),
            id("queue_id", e.getQueueId()));
    if (ids != null) {
      return ids;
    }
    if (e.getCsat() < 1 || e.getCsat() > 5) {
      return field("csat must be 1 to 5, got " + e.getCsat());
    }
    Integer nps = e.getNps();
    return nps != null && (nps < 0 || nps > 10)
        ? field("nps (likelihood to recommend) must be 0 to 10 or absent, got " + nps)
        : null;
  }

  private Invalid tenant(String tenantId) {
    if (tenants.isEmpty() || tenants.contains(tenantId)) {
      return null;
    }
    return new Invalid(RejectReason.UNKNOWN_TENANT, "tenant_id is not one of input.tenants");
  }

  private Invalid time(long at, long now) {
    long ahead = at - now;
    if (ahead > maxClockSkewMs) {
      return new Invalid(
          RejectReason.FUTURE_TIMESTAMP,
          "occurred_at is "
              + Duration.ofMillis(ahead)
              + " ahead of this clock (allowed: "
              + Duration.ofMillis(maxClockSkewMs)
              + ")");
    }
    if (at < earliestMs) {
      return new Invalid(
          RejectReason.ANCIENT_TIMESTAMP,
          "occurred_at "
              + Instant.ofEpochMilli(at)
              + " is before input.earliest ("
              + Instant.ofEpochMilli(earliestMs)
              + ")");
    }
    return null;
  }

  /**
   * The tenant comes first wherever ids are joined (configuration and message keys): no '/' in it.
   */
  private Invalid tenantId(String tenantId) {
    Invalid id = id("tenant_id", tenantId);
    if (id == null && tenantId.indexOf('/') >= 0) {
      return new Invalid(
          RejectReason.INVALID_ID, "tenant_id contains '/' at position " + tenantId.indexOf('/'));
    }
    return id;
  }

  /** An id: at most the id length, and nothing invisible or line-breaking in it. Null is fine. */
  private Invalid id(String name, CharSequence value) {
    return value == null ? null : bounded(name, value, maxIdLength);
  }

  /** Free text (a wrap-up code): only its length is bounded; it is stored, never keyed by. */
  private Invalid text(String name, CharSequence value) {
    return value == null || value.length() <= maxTextLength
        ? null
        : new Invalid(
            RejectReason.FIELD_TOO_LONG,
            name
                + " is "
                + value.length()
                + " characters long (input.max-text-length: "
                + maxTextLength
                + ")");
  }

  private static Invalid bounded(String name, CharSequence value, int max) {
    // The detail names the field and the position, never the value: it may be megabytes or
    // unprintable (the raw payload in rejected_events has it).
    if (value.length() > max) {
      return new Invalid(
          RejectReason.FIELD_TOO_LONG,
          name + " is " + value.length() + " characters long (input.max-id-length: " + max + ")");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        continue; // printable ASCII, what ids are made of: nothing to look up
      }
      String what = unfit(c);
      if (what != null) {
        return new Invalid(
            RejectReason.INVALID_ID,
            name
                + " contains "
                + String.format("U+%04X", (int) c)
                + " ("
                + what
                + ") at position "
                + i);
      }
    }
    return null;
  }

  /** What is wrong with {@code c} in an id or a text field, or null if nothing. */
  static String unfit(char c) {
    if (Character.isISOControl(c)) {
      return "a control character";
    }
    switch (Character.getType(c)) {
      case Character.FORMAT:
        return "an invisible format character";
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return "a line separator";
      default:
        return null;
    }
  }

  private static Invalid first(Invalid... checks) {
    for (Invalid i : checks) {
      if (i != null) {
        return i;
      }
    }
    return null;
  }

  private static Invalid field(String detail) {
    return new Invalid(RejectReason.INVALID_FIELD, detail);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static int positive(PipelineConfig config, String key) {
    int n = config.getInt(key);
    if (n < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + n);
    }
    return n;
  }
}
