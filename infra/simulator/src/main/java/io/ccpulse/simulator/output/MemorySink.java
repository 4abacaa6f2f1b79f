package io.ccpulse.simulator.output;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every record in memory, in delivery order. */
public final class MemorySink implements RecordSink {
  private final List<DeliveredRecord> records = new ArrayList<>();

  @Override
  public void accept(DeliveredRecord record) {
    records.add(record);
  }

  public List<DeliveredRecord> records() {
    return Collections.unmodifiableList(records);
  }
}
