package io.ccpulse.simulator.faults;

import io.ccpulse.events.RejectReason;
import io.ccpulse.simulator.output.EventStream;

/**
 * One malformed event of a fuzz stream: its stream and event id, the reason the pipeline must
 * reject it under, and what is wrong with it (for people).
 */
public record FuzzedEvent(EventStream stream, String eventId, RejectReason reason, String defect) {}
