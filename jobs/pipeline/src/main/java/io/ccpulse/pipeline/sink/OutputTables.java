package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.agent.AgentTimeRow;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.burnout.BurnoutRow;
import io.ccpulse.pipeline.burnout.Factor;
import io.ccpulse.pipeline.burnout.LevelChange;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.contact.ContactResolution;
import io.ccpulse.pipeline.ingest.IngestCount;
import io.ccpulse.pipeline.interval.IntervalRow;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import io.ccpulse.pipeline.source.RejectedEvent;

/**
 * Every ClickHouse table the job writes, each declared once: its columns in the migration's types,
 * and where each value comes from. The job hands a declaration to {@link PipelineSinks#table}; the
 * ClickHouse sink and the tests' sink are both made from it. Adding a table: a declaration here and
 * a migration (OutputTablesITCase checks every declaration against the migrated tables).
 */
public final class OutputTables {
  private OutputTables() {}

  /** rejected_events (migrations V001, V009). */
  public static final OutputTable<RejectedEvent> REJECTED_EVENTS =
      OutputTable.<RejectedEvent>named("rejected_events")
          .time("rejected_at", r -> r.rejectedAt)
          .lowCardinality("source_topic", r -> r.sourceTopic)
          .int32("source_partition", r -> r.sourcePartition)
          .int64("source_offset", r -> r.sourceOffset)
          .lowCardinality("reason", r -> r.reason)
          .string("detail", r -> r.detail)
          .lowCardinality("event_type", r -> r.eventType)
          .lowCardinality("tenant_id", r -> r.tenantId)
          .string("event_id", r -> r.eventId)
          .nullableTime("occurred_at", r -> r.occurredAt)
          .bytes("payload", r -> r.payload)
          .build();

  /** ingest_counts (migration V002). */
  public static final OutputTable<IngestCount> INGEST_COUNTS =
      OutputTable.<IngestCount>named("ingest_counts")
          .lowCardinality("tenant_id", r -> r.tenantId)
          .lowCardinality("event_type", r -> r.eventType)
          .uint32("interval_size_s", r -> r.intervalSizeSeconds)
          .time("interval_start", r -> r.intervalStart)
          .uint64("events", r -> r.events)
          .uint64("version", r -> r.version)
          .retainedBy(r -> r.intervalStart)
          .build();

  /** interval_metrics (migrations V003, V026, V034). */
  public static final OutputTable<IntervalRow> INTERVAL_METRICS =
      OutputTable.<IntervalRow>named("interval_metrics")
          .lowCardinality("tenant_id", r -> r.tenantId)
          .lowCardinality("entity_kind", r -> r.kind.name())
          .string("entity_id", r -> r.entityId)
          .lowCardinality("channel", r -> r.channel.name())
          .uint32("interval_size_s", r -> r.intervalSizeSeconds)
          .time("interval_start", r -> r.intervalStart)
          .uint64("handled", r -> r.figures.handled)
          .uint64("talk_ms", r -> r.figures.talkMs)
          .uint64("hold_ms", r -> r.figures.holdMs)
          .uint64("acw_ms", r -> r.figures.acwMs)
          .uint64("handle_ms", r -> r.figures.handleMs)
          .uint64("hold_count", r -> r.figures.holdCount)
          .uint64("held_contacts", r -> r.figures.heldContacts)
          .uint64("transferred_out", r -> r.figures.transferredOut)
          .uint64("incomplete_legs", r -> r.figures.incompleteLegs)
          .uint64("callbacks_handled", r -> r.figures.callbacksHandled)
          .uint64("entered", r -> r.figures.entered)
          .uint64("transferred_in", r -> r.figures.transferredIn)
          .uint64("offered", r -> r.figures.offered)
          .uint64("answered", r -> r.figures.answered)
          .uint64("abandoned", r -> r.figures.abandoned)
          .uint64("short_abandoned", r -> r.figures.shortAbandoned)
          .uint64("moved_unanswered", r -> r.figures.movedUnanswered)
          .uint64("callbacks_requested", r -> r.figures.callbacksRequested)
          .uint64("callbacks_dialed", r -> r.figures.callbacksDialed)
          .uint64("callback_wait_ms", r -> r.figures.callbackWaitMs)
          .uint64("abandon_time_ms", r -> r.figures.abandonTimeMs)
          .uint64("wait_answered_ms", r -> r.figures.waitAnsweredMs)
          .uint64("wait_max_ms", r -> r.figures.waitMaxMs)
          .uint64("answered_within_sl", r -> r.figures.answeredWithinSl)
          .uint64("csat_responses", r -> r.figures.csatResponses)
          .uint64("csat_sum", r -> r.figures.csatSum)
          .uint64("csat_satisfied", r -> r.figures.csatSatisfied)
          .uint64("nps_responses", r -> r.figures.npsResponses)
          .uint64("nps_promoters", r -> r.figures.npsPromoters)
          .uint64("nps_detractors", r -> r.figures.npsDetractors)
          .uint64("version", r -> r.version)
          .retainedBy(r -> r.intervalStart)
          .readLive(r -> r.intervalStart)
          .build();

  /**
   * contact_facts (migrations V004, V034): completed legs and queue outcomes, for ad-hoc analysis.
   * A retraction is written as a deleting row (is_deleted = 1), so FINAL no longer shows the fact.
   */
  public static final OutputTable<ContactFact> CONTACT_FACTS =
      OutputTable.<ContactFact>named("contact_facts")
          .lowCardinality("tenant_id", f -> f.tenantId)
          .string("interaction_id", f -> f.interactionId)
          .lowCardinality("fact", f -> f.kind.name())
          .time("at", f -> f.at)
          .lowCardinality("channel", f -> f.channel.name())
          .lowCardinality("queue_id", f -> f.queueId)
          .string("agent_id", f -> f.agentId)
          .string("customer_id", f -> f.customerId)
          .nullableTime("answered_at", f -> f.answeredAt == 0 ? null : f.answeredAt)
          .uint64("wait_ms", f -> f.waitMs)
          .uint64("talk_ms", f -> f.talkMs)
          .uint64("hold_ms", f -> f.holdMs)
          .uint32("hold_count", f -> f.holdCount)
          .uint64("acw_ms", f -> f.acwMs)
          .uint64("handle_ms", ContactFact::handleMs)
          .bool("transferred", f -> f.transferred)
          .bool("callback", f -> f.callback)
          .uint8("csat", f -> f.csat)
          .uint64("version", f -> f.version)
          .uint8("is_deleted", f -> f.sign < 0 ? 1 : 0)
          .retainedBy(r -> r.at)
          .build();

  /** contact_resolutions (migration V025): one row per conversation, once it is over. */
  public static final OutputTable<ContactResolution> CONTACT_RESOLUTIONS =
      OutputTable.<ContactResolution>named("contact_resolutions")
          .lowCardinality("tenant_id", r -> r.tenantId)
          .string("interaction_id", r -> r.interactionId)
          .lowCardinality("channel", r -> r.channel.name())
          .lowCardinality("queue_id", r -> r.queueId)
          .string("customer_id", r -> r.customerId)
          .time("started_at", r -> r.startedAt)
          .time("resolved_at", r -> r.resolvedAt)
          .uint64("resolution_ms", ContactResolution::resolutionMs)
          .uint32("legs", r -> r.legs)
          .uint32("transfers", r -> r.transfers)
          .uint32("holds", r -> r.holds)
          .uint64("hold_ms", r -> r.holdMs)
          .uint64("handle_ms", r -> r.handleMs)
          .bool("abandoned", r -> r.abandoned)
          .uint64("version", r -> r.version)
          .retainedBy(r -> r.resolvedAt)
          .build();

  /** agent_time (migration V005). */
  public static final OutputTable<AgentTimeRow> AGENT_TIME =
      OutputTable.<AgentTimeRow>named("agent_time")
          .lowCardinality("tenant_id", r -> r.tenantId)
          .string("agent_id", r -> r.agentId)
          .uint32("interval_size_s", r -> r.intervalSizeSeconds)
          .time("interval_start", r -> r.intervalStart)
          .uint64("logged_in_ms", r -> r.time.loggedInMs)
          .uint64("available_ms", r -> r.time.availableMs)
          .uint64("busy_ms", r -> r.time.busyMs)
          .uint64("available_idle_ms", r -> r.time.availableIdleMs)
          .uint64("version", r -> r.version)
          .retainedBy(r -> r.intervalStart)
          .build();

  /** burnout_assessments (migration V006): one row per agent per interval of a shift. */
  public static final OutputTable<BurnoutRow> BURNOUT_ASSESSMENTS = burnoutAssessments();

  private static OutputTable<BurnoutRow> burnoutAssessments() {
    OutputTable.Builder<BurnoutRow> table =
        OutputTable.<BurnoutRow>named("burnout_assessments")
            .lowCardinality("tenant_id", r -> r.tenantId)
            .string("agent_id", r -> r.agentId)
            .uint32("interval_size_s", r -> r.intervalSizeSeconds)
            .time("interval_start", r -> r.intervalStart)
            .time("assessed_at", r -> r.assessedAt)
            .time("shift_start", r -> r.shiftStart)
            .uint8("score", r -> r.score)
            .lowCardinality("level", r -> r.level.name());
    for (Factor f : Factor.values()) {
      table.nullableFloat64(f.column, r -> r.value(f)); // NULL: too little to judge
    }
    return table
        .uint64("contacts", r -> r.contacts)
        .string("factors", r -> r.factors)
        .uint64("version", r -> r.version)
        .retainedBy(r -> r.intervalStart)
        .build();
  }

  /** burnout_level_changes (migration V006). */
  public static final OutputTable<LevelChange> BURNOUT_LEVEL_CHANGES =
      OutputTable.<LevelChange>named("burnout_level_changes")
          .lowCardinality("tenant_id", c -> c.tenantId)
          .string("agent_id", c -> c.agentId)
          .time("at", c -> c.at)
          .lowCardinality("from_level", c -> c.from.name())
          .lowCardinality("to_level", c -> c.to.name())
          .uint8("score", c -> c.score)
          .string("factors", c -> c.factors)
          .uint64("version", c -> c.version)
          .retainedBy(r -> r.at)
          .readLive(r -> r.at)
          .build();

  /** queue_health (migrations V007, V030, V035). */
  public static final OutputTable<QueueSnapshot> QUEUE_HEALTH =
      OutputTable.<QueueSnapshot>named("queue_health")
          .lowCardinality("tenant_id", s -> s.tenantId)
          .lowCardinality("queue_id", s -> s.queueId)
          .lowCardinality("channel", s -> s.channel == null ? "" : s.channel.name())
          .time("at", s -> s.at)
          .uint32("waiting", s -> s.waiting)
          .uint64("oldest_wait_ms", QueueSnapshot::oldestWaitMs)
          .uint32("agents_logged_in", s -> s.agentsLoggedIn)
          .uint32("agents_on_queue", s -> s.agentsOnQueue)
          .uint32("agents_available", s -> s.agentsAvailable)
          .uint32("agents_on_contact", s -> s.agentsOnContact)
          .uint32("agents_on_break", s -> s.agentsOnBreak)
          .uint32("offered", s -> s.offered)
          .uint32("answered", s -> s.answered)
          .uint32("answered_in_sl", s -> s.answeredInSl)
          .uint32("abandoned", s -> s.abandoned)
          .uint32("short_abandoned", s -> s.shortAbandoned)
          .nullableFloat64("service_level", QueueSnapshot::serviceLevel)
          .nullableFloat64("abandon_rate", QueueSnapshot::abandonRate)
          .uint16("open_alerts", s -> s.openAlerts)
          // V030: the wait estimate and the staffing gap (NULL: no telling)
          .uint32("arrived", s -> s.arrived)
          .nullableFloat64("handle_time_s", QueueSnapshot::handleTimeSeconds)
          .nullableFloat64("estimated_wait_s", QueueSnapshot::estimatedWaitSeconds)
          .nullableFloat64("agents_required", QueueSnapshot::agentsRequiredOrNaN)
          // V035: callbacks requested and not dialed yet
          .uint32("callbacks_pending", s -> s.callbacksPending)
          .uint64("oldest_callback_ms", QueueSnapshot::oldestCallbackMs)
          .retainedBy(r -> r.at)
          .readLive(r -> r.at)
          .build();

  /** queue_alerts (migration V007): one row per raise and per clear. */
  public static final OutputTable<QueueAlert> QUEUE_ALERTS =
      OutputTable.<QueueAlert>named("queue_alerts")
          .string("alert_id", a -> a.alertId)
          .lowCardinality("tenant_id", a -> a.tenantId)
          .lowCardinality("queue_id", a -> a.queueId)
          .lowCardinality("rule", a -> a.rule.key())
          .lowCardinality("severity", a -> a.severity)
          .lowCardinality("status", a -> a.status.name())
          .nullableFloat64("value", a -> a.value)
          .float64("threshold", a -> a.threshold)
          .time("raised_at", a -> a.raisedAt)
          .nullableTime("cleared_at", a -> a.clearedAt == Long.MIN_VALUE ? null : a.clearedAt)
          .retainedBy(r -> r.raisedAt)
          .readLive(r -> r.clearedAt == Long.MIN_VALUE ? r.raisedAt : r.clearedAt)
          .build();

  /** sink_rejections (migration V008): the dead letter of every table above. */
  static final OutputTable<SinkRejection> SINK_REJECTIONS =
      OutputTable.<SinkRejection>named("sink_rejections")
          .time("rejected_at", SinkRejection::rejectedAt)
          .lowCardinality("table_name", SinkRejection::table)
          .int32("error_code", SinkRejection::errorCode)
          .string("error", SinkRejection::error)
          .string("row", SinkRejection::row)
          .build();
}
