package io.ccpulse.simulator.engine;

import io.ccpulse.simulator.output.EventStream;
import org.apache.avro.specific.SpecificRecord;

/**
 * Receives what the engine produces, in event-time order: clean events and the impossible
 * transitions it injects. The fault layer implements it.
 */
public interface EventSink {
  /**
   * A real event.
   *
   * @param tooLate true for every event of a contact picked for the too-late fault (delivered after
   *     the allowed lateness, left out of the truth)
   */
  void event(
      EventStream stream, String key, SpecificRecord event, long occurredAt, boolean tooLate);

  /** An extra event that cannot follow what its contact already did; the pipeline rejects it. */
  void impossible(EventStream stream, String key, SpecificRecord event, long occurredAt);

  /** Called before the engine runs anything at {@code now}: nothing emitted later is earlier. */
  void advance(long now);
}
