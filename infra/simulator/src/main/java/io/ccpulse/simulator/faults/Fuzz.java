package io.ccpulse.simulator.faults;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.events.RejectReason;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.model.Rng;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.scenario.FuzzSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;

/**
 * The malformed events of a fuzz stream ({@link FuzzSettings}), each with one defect and the reason
 * the pipeline must reject it under. All are valid Avro (unreadable bytes and unknown schemas are
 * faults of their own): what is wrong is in the values. Every event id is clean and unique ({@code
 * evz-<tag>-<n>}), so a check can find each event's rejection by its id.
 *
 * <p>Beside the single events, two contacts test the pipeline's per-contact bounds: one that holds
 * without end (no leg is open, so the first events are impossible; past the contact limit they are
 * too many), and, when the day is long enough, one whose events run past the contact span. Their
 * events come every half second and every 20 minutes: the contact stays remembered (the pipeline
 * forgets a finished contact 30 minutes after its last event), so the limits, not a fresh contact,
 * decide.
 */
final class Fuzz {
  /**
   * One bad event, when it is delivered (on time: it must be rejected for its defect, not for
   * lateness).
   */
  record Bad(EventStream stream, String key, SpecificRecord event, long at, FuzzedEvent what) {}

  /** The kinds of single bad events, drawn in turn from the seed. */
  private enum Kind {
    CONTROL_IN_ID,
    INVISIBLE_IN_ID,
    SEPARATOR_IN_TENANT,
    ID_TOO_LONG,
    TEXT_TOO_LONG,
    IN_1970,
    IN_9999,
    MISSING_FIELD,
    UNKNOWN_TENANT,
    AGENT_CONTROL_IN_ID,
    AGENT_TOO_MANY_QUEUES,
    AGENT_IN_1970,
    SURVEY_CSAT_OUT_OF_RANGE,
    SURVEY_NPS_OUT_OF_RANGE,
    SURVEY_ID_TOO_LONG,
    SURVEY_IN_9999
  }

  private static final String[] CONTROLS = {
    "\u0001", "\n", "\t", "\u0000", "\u007f", "\u009b", "\r"
  };
  private static final String[] INVISIBLES = {
    "\u200b", "\u202e", "\ufeff", "\u2028", "\u2029", "\u00ad"
  };
  private static final Channel[] CHANNELS = Channel.values();
  private static final long HOLD_STEP_MS = 500;
  private static final long STRETCH_STEP_MS = 20 * 60_000;

  private final FuzzSettings settings;
  private final List<String> tenants;
  private final long start;
  private final long end;
  private final Rng rng;
  private final String prefix;
  private long next;

  Fuzz(long seed, FuzzSettings settings, List<String> tenants, long start, long end) {
    this.settings = settings;
    this.tenants = tenants;
    this.start = start;
    this.end = end;
    this.rng = Rng.derive(seed, "fuzz");
    this.prefix =
        String.format("evz-%08x-", Rng.derive(seed ^ start, "fuzz-tag").nextLong() & 0xFFFFFFFFL);
  }

  /** Every bad event, in no particular order. */
  List<Bad> generate() {
    List<Bad> out = new ArrayList<>();
    List<Kind> kinds = new ArrayList<>(List.of(Kind.values()));
    if (!settings.tenantsListed()) {
      kinds.remove(Kind.UNKNOWN_TENANT); // the pipeline would serve that tenant: not a bad event
    }
    for (int i = 0; i < settings.events(); i++) {
      out.add(single(kinds.get(rng.index(kinds.size())), rng.between(start, end)));
    }
    if (settings.enabled()) {
      out.add(agent(10_000, rng.between(start, end), "a login naming 10,000 queues"));
    }
    holdingContact(out);
    stretchedContact(out);
    return out;
  }

  private Bad single(Kind kind, long at) {
    String n = Long.toString(next, 36);
    switch (kind) {
      case CONTROL_IN_ID:
        return interaction(
            answered(at).setInteractionId("ix-fuzz-" + n + pick(CONTROLS) + "x"),
            RejectReason.INVALID_ID,
            "control character in interaction_id");
      case INVISIBLE_IN_ID:
        return interaction(
            answered(at).setAgentId("ag-fuzz" + pick(INVISIBLES) + n),
            RejectReason.INVALID_ID,
            "invisible or line-separator character in agent_id");
      case SEPARATOR_IN_TENANT:
        return interaction(
            answered(at).setTenantId(tenant() + "/fuzz"),
            RejectReason.INVALID_ID,
            "'/' in tenant_id");
      case ID_TOO_LONG:
        return interaction(
            answered(at).setQueueId(longText((int) rng.between(1_000, 10_000))),
            RejectReason.FIELD_TOO_LONG,
            "queue_id of thousands of characters");
      case TEXT_TOO_LONG:
        return interaction(
            answered(at)
                .setType(InteractionType.WRAPUP_ENDED)
                .setWrapupCode(longText((int) rng.between(1_000, 5_000))),
            RejectReason.FIELD_TOO_LONG,
            "wrapup_code of thousands of characters");
      case IN_1970:
        return interaction(
            answered(at).setOccurredAt(Instant.ofEpochMilli(rng.between(0, 365L * 86_400_000))),
            RejectReason.ANCIENT_TIMESTAMP,
            "occurred_at in 1970");
      case IN_9999:
        return interaction(
            answered(at)
                .setOccurredAt(
                    Instant.parse("9999-01-01T00:00:00Z").plusSeconds(rng.between(0, 31_000_000))),
            RejectReason.FUTURE_TIMESTAMP,
            "occurred_at in 9999");
      case MISSING_FIELD:
        return interaction(
            answered(at).setType(InteractionType.QUEUED).setQueueId(null),
            RejectReason.INVALID_FIELD,
            "QUEUED without queue_id");
      case UNKNOWN_TENANT:
        return interaction(
            answered(at).setTenantId("zz-unknown-" + rng.index(5)),
            RejectReason.UNKNOWN_TENANT,
            "a tenant the pipeline does not serve");
      case AGENT_CONTROL_IN_ID:
        return agent(
            AgentStateEvent.newBuilder(login(at, 2)).setAgentId("ag-fuzz-" + n + pick(CONTROLS)),
            RejectReason.INVALID_ID,
            "control character in agent_id");
      case AGENT_TOO_MANY_QUEUES:
        return agent(1_000, at, "a login naming 1,000 queues");
      case AGENT_IN_1970:
        return agent(
            AgentStateEvent.newBuilder(login(at, 2))
                .setOccurredAt(Instant.ofEpochMilli(rng.between(0, 86_400_000))),
            RejectReason.ANCIENT_TIMESTAMP,
            "occurred_at in 1970");
      case SURVEY_CSAT_OUT_OF_RANGE:
        return survey(
            survey(at).setCsat(rng.chance(0.5) ? 0 : (int) rng.between(6, 100)),
            RejectReason.INVALID_FIELD,
            "csat outside 1 to 5");
      case SURVEY_NPS_OUT_OF_RANGE:
        return survey(
            survey(at)
                .setNps(rng.chance(0.5) ? -(int) rng.between(1, 10) : (int) rng.between(11, 100)),
            RejectReason.INVALID_FIELD,
            "nps (likelihood to recommend) outside 0 to 10");
      case SURVEY_ID_TOO_LONG:
        return survey(
            survey(at).setInteractionId(longText((int) rng.between(1_000, 10_000))),
            RejectReason.FIELD_TOO_LONG,
            "interaction_id of thousands of characters");
      case SURVEY_IN_9999:
        return survey(
            survey(at).setOccurredAt(Instant.parse("9999-12-31T23:59:59Z")),
            RejectReason.FUTURE_TIMESTAMP,
            "occurred_at in 9999");
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  /**
   * A contact holding without end: impossible (no leg) up to the contact limit, too many after it.
   */
  private void holdingContact(List<Bad> out) {
    String contact = "ix-fuzz-holds-" + prefix.substring(4, 12);
    String tenant = tenants.get(0); // one contact: one tenant
    long first = start + 10 * 60_000;
    for (int i = 0; i < settings.contactEvents(); i++) {
      InteractionEvent.Builder e =
          answered(first + i * HOLD_STEP_MS)
              .setTenantId(tenant)
              .setInteractionId(contact)
              .setAgentId("ag-fuzz-holds")
              .setType(i % 2 == 0 ? InteractionType.HOLD_STARTED : InteractionType.HOLD_ENDED);
      boolean kept = i < settings.maxContactEvents();
      out.add(
          interaction(
              e,
              kept ? RejectReason.IMPOSSIBLE_TRANSITION : RejectReason.TOO_MANY_EVENTS,
              kept ? "a hold with no leg open" : "a hold past the contact's event limit"));
    }
  }

  /** A contact whose last event comes just past the span limit from its first. */
  private void stretchedContact(List<Bad> out) {
    long first = start + 5 * 60_000;
    long span = settings.maxContactSpan().toMillis();
    long last = first + span + 60_000;
    long steps = span / STRETCH_STEP_MS + 1;
    if (!settings.enabled() || last > end || steps + 1 > settings.maxContactEvents()) {
      return; // the day is too short to stretch a contact past the limit
    }
    String contact = "ix-fuzz-stretched-" + prefix.substring(4, 12);
    String tenant = tenants.get(tenants.size() - 1);
    for (long k = 0; k < steps; k++) {
      out.add(
          interaction(
              answered(first + k * STRETCH_STEP_MS)
                  .setTenantId(tenant)
                  .setInteractionId(contact)
                  .setAgentId("ag-fuzz-stretched")
                  .setType(InteractionType.HOLD_STARTED),
              RejectReason.IMPOSSIBLE_TRANSITION,
              "a hold with no leg open"));
    }
    out.add(
        interaction(
            answered(last)
                .setTenantId(tenant)
                .setInteractionId(contact)
                .setAgentId("ag-fuzz-stretched")
                .setType(InteractionType.HOLD_STARTED),
            RejectReason.CONTACT_TOO_LONG,
            "an event past the contact span"));
  }

  /** A well-formed ANSWERED of a real tenant: each kind then spoils one thing. */
  private InteractionEvent.Builder answered(long at) {
    return InteractionEvent.newBuilder()
        .setEventId("unset")
        .setTenantId(tenant())
        .setInteractionId("ix-fuzz-" + next)
        .setChannel(CHANNELS[rng.index(CHANNELS.length)])
        .setType(InteractionType.ANSWERED)
        .setOccurredAt(Instant.ofEpochMilli(at))
        .setQueueId("q-fuzz")
        .setAgentId("ag-fuzz");
  }

  private AgentStateEvent login(long at, int queues) {
    return AgentStateEvent.newBuilder()
        .setEventId("unset")
        .setTenantId(tenant())
        .setAgentId("ag-fuzz-" + next)
        .setState(AgentState.LOGGED_IN)
        .setOccurredAt(Instant.ofEpochMilli(at))
        .setQueueIds(IntStream.range(0, queues).mapToObj(i -> "q-" + i).toList())
        .setMaxConcurrentContacts(1)
        .build();
  }

  private SurveyEvent.Builder survey(long at) {
    return SurveyEvent.newBuilder()
        .setEventId("unset")
        .setTenantId(tenant())
        .setInteractionId("ix-fuzz-" + next)
        .setChannel(Channel.CHAT)
        .setAgentId("ag-fuzz")
        .setCsat(4)
        .setOccurredAt(Instant.ofEpochMilli(at));
  }

  private Bad interaction(InteractionEvent.Builder e, RejectReason reason, String defect) {
    String id = nextId();
    InteractionEvent event = e.setEventId(id).build();
    return new Bad(
        EventStream.INTERACTIONS,
        id,
        event,
        deliveredAt(event.getOccurredAt().toEpochMilli()),
        new FuzzedEvent(EventStream.INTERACTIONS, id, reason, defect));
  }

  private Bad agent(int queues, long at, String defect) {
    return agent(
        AgentStateEvent.newBuilder(login(at, queues)), RejectReason.TOO_MANY_QUEUES, defect);
  }

  private Bad agent(AgentStateEvent.Builder e, RejectReason reason, String defect) {
    String id = nextId();
    AgentStateEvent event = e.setEventId(id).build();
    return new Bad(
        EventStream.AGENT_STATES,
        id,
        event,
        deliveredAt(event.getOccurredAt().toEpochMilli()),
        new FuzzedEvent(EventStream.AGENT_STATES, id, reason, defect));
  }

  private Bad survey(SurveyEvent.Builder e, RejectReason reason, String defect) {
    String id = nextId();
    SurveyEvent event = e.setEventId(id).build();
    return new Bad(
        EventStream.SURVEYS,
        id,
        event,
        deliveredAt(event.getOccurredAt().toEpochMilli()),
        new FuzzedEvent(EventStream.SURVEYS, id, reason, defect));
  }

  /**
   * On time when the time is within the day; an absurd time is delivered at some moment of the day.
   */
  private long deliveredAt(long occurredAt) {
    return occurredAt >= start && occurredAt <= end ? occurredAt : rng.between(start, end);
  }

  private String nextId() {
    return prefix + Long.toString(next++, 36);
  }

  private String tenant() {
    return tenants.get(rng.index(tenants.size()));
  }

  private String pick(String[] options) {
    return options[rng.index(options.length)];
  }

  private String longText(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append((char) ('a' + rng.index(26)));
    }
    return sb.toString();
  }
}
