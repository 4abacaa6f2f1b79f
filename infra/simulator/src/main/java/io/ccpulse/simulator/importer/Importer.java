package io.ccpulse.simulator.importer;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.Fault;
import io.ccpulse.simulator.output.RecordSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Imports history: JSON lines, one event per line, validated ({@link EventJson}) and published in
 * the pipeline's encoding. A bad line is reported with its number and skipped; nothing is dropped
 * silently. In event-time order the events are sorted by occurred_at (ties in file order) before
 * publishing; as given, each is published as soon as it is read.
 */
public final class Importer {
  /** Publishing order. */
  public enum Order {
    EVENT_TIME,
    AS_GIVEN;

    public static Order of(String s) {
      return switch (s) {
        case "event-time" -> EVENT_TIME;
        case "as-given" -> AS_GIVEN;
        default ->
            throw new IllegalArgumentException("order is event-time or as-given, not '" + s + "'");
      };
    }
  }

  private final EventCodec<InteractionEvent> interactions = EventCodec.interactions();
  private final EventCodec<AgentStateEvent> agentStates = EventCodec.agentStates();
  private final EventCodec<SurveyEvent> surveys = EventCodec.surveys();

  private record Line(long number, EventJson.Parsed parsed, byte[] bytes) {}

  /**
   * Reads every line and publishes the good ones to {@code sink} (which is flushed, not closed).
   *
   * @param onBadLine told of each bad line as it is found (e.g. to print it)
   */
  public ImportReport run(
      BufferedReader in, Order order, RecordSink sink, Consumer<ImportReport.BadLine> onBadLine)
      throws IOException {
    return run(in, order, sink, onBadLine, null, true);
  }

  /**
   * The same, checking first that no event falls before the tables' retention: every line is read
   * before anything is published, and if some event would be dropped at once by a table's TTL and
   * {@code acceptLoss} is false, nothing is published ({@link ImportReport#refused()}).
   *
   * @param retention what the tables keep, counted over the good lines; null for no check
   */
  public ImportReport run(
      BufferedReader in,
      Order order,
      RecordSink sink,
      Consumer<ImportReport.BadLine> onBadLine,
      Retention retention,
      boolean acceptLoss)
      throws IOException {
    ImportReport report = new ImportReport();
    List<Line> held = new ArrayList<>();
    String text;
    long number = 0;
    while ((text = in.readLine()) != null) {
      number++;
      if (text.isBlank()) {
        continue;
      }
      report.line();
      Line line;
      try {
        EventJson.Parsed p = EventJson.parse(text);
        line = new Line(number, p, encode(p));
      } catch (RuntimeException e) {
        ImportReport.BadLine bad = new ImportReport.BadLine(number, e.getMessage());
        report.bad(number, e.getMessage());
        onBadLine.accept(bad);
        continue;
      }
      if (retention != null) {
        retention.add(line.parsed.occurredAtMillis());
      }
      if (order == Order.AS_GIVEN && retention == null) {
        publish(line, sink, report);
      } else {
        held.add(line);
      }
    }
    if (retention != null) {
      boolean refused = retention.losesAny() && !acceptLoss;
      report.retention(retention, refused);
      if (refused) {
        return report;
      }
    }
    if (order == Order.EVENT_TIME) {
      // As the original stream delivered them: by when each was received (its time where not
      // given).
      held.sort(
          Comparator.comparingLong((Line l) -> l.parsed.receivedAtMillis())
              .thenComparingLong(Line::number));
    }
    for (Line l : held) {
      publish(l, sink, report);
    }
    sink.flush();
    return report;
  }

  private void publish(Line l, RecordSink sink, ImportReport report) {
    EventJson.Parsed p = l.parsed;
    // The record timestamp is when it was received (the event time if not given): history keeps
    // its own time in Kafka's time index.
    sink.accept(
        new DeliveredRecord(
            p.stream(), p.key(), l.bytes, p.receivedAtMillis(), p.occurredAtMillis(), Fault.NONE));
    report.count(p.stream());
  }

  private byte[] encode(EventJson.Parsed p) {
    if (p.event() instanceof InteractionEvent e) {
      return interactions.encode(e);
    } else if (p.event() instanceof AgentStateEvent e) {
      return agentStates.encode(e);
    }
    return surveys.encode((SurveyEvent) p.event());
  }
}
