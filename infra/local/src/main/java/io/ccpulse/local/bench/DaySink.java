package io.ccpulse.local.bench;

import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.RecordSink;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Passes records on a simulated day at a time: when a record's delivery time reaches the next UTC
 * midnight, everything before it is flushed and the day that ended is handed to {@link DayEnd}
 * (which may wait as long as it likes) before the record goes on. Delivery time, not event time,
 * draws the line: records come in delivery order, and a late one belongs to the day it was
 * published in.
 */
final class DaySink implements RecordSink {
  private static final long DAY_MS = 86_400_000L;

  /** Called once per simulated day, after the day's records are flushed. */
  interface DayEnd {
    /**
     * @param day the UTC date that ended
     * @param records passed on so far, this day's included
     */
    void ended(LocalDate day, long records) throws Exception;
  }

  private final RecordSink next;
  private final DayEnd dayEnd;
  private LocalDate day;
  private long nextMidnight;
  private long records;
  private long recordsAtLastEnd;

  /**
   * @param start the simulation's start: the first day is its UTC date
   */
  DaySink(RecordSink next, Instant start, DayEnd dayEnd) {
    this.next = next;
    this.dayEnd = dayEnd;
    this.day = LocalDate.ofInstant(start, ZoneOffset.UTC);
    this.nextMidnight = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  @Override
  public void accept(DeliveredRecord record) {
    while (record.deliveredAtMillis() >= nextMidnight) {
      endDay();
    }
    next.accept(record);
    records++;
  }

  /** Ends the day the last record fell in, unless it has ended already. */
  void finish() {
    if (records != recordsAtLastEnd) {
      endDay();
    }
  }

  /** Records passed on so far. */
  long records() {
    return records;
  }

  private void endDay() {
    next.flush();
    try {
      dayEnd.ended(day, records);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("at the end of " + day + ": " + e.getMessage(), e);
    }
    recordsAtLastEnd = records;
    day = day.plusDays(1);
    nextMidnight += DAY_MS;
  }

  @Override
  public void flush() {
    next.flush();
  }

  @Override
  public void close() {
    next.close();
  }
}
