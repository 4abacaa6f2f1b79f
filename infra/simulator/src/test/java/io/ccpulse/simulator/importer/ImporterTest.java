package io.ccpulse.simulator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.simulator.Records;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.MemorySink;
import io.ccpulse.simulator.scenario.TruthSettings;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.Figure;
import io.ccpulse.simulator.truth.TruthCalculator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImporterTest {
  private static final Path EXAMPLE = Path.of("examples/history.jsonl");

  private static ImportReport run(
      String text, Importer.Order order, MemorySink sink, List<ImportReport.BadLine> bad)
      throws IOException {
    return new Importer().run(new BufferedReader(new StringReader(text)), order, sink, bad::add);
  }

  @Test
  void theExampleImportsCompletely() throws IOException {
    MemorySink sink = new MemorySink();
    List<ImportReport.BadLine> bad = new ArrayList<>();
    ImportReport report = run(Files.readString(EXAMPLE), Importer.Order.EVENT_TIME, sink, bad);
    assertThat(bad).isEmpty();
    assertThat(report.published()).isEqualTo(Files.readAllLines(EXAMPLE).size());
    assertThat(report.published(EventStream.AGENT_STATES)).isEqualTo(8);
    assertThat(report.published(EventStream.SURVEYS)).isEqualTo(2);
    long last = Long.MIN_VALUE;
    for (DeliveredRecord r : sink.records()) {
      assertThat(r.occurredAtMillis()).isGreaterThanOrEqualTo(last);
      assertThat(r.deliveredAtMillis()).isEqualTo(r.occurredAtMillis());
      last = r.occurredAtMillis();
      Records.decode(r);
    }
  }

  @Test
  void theExampleIsAConsistentDay() throws IOException {
    MemorySink sink = new MemorySink();
    run(Files.readString(EXAMPLE), Importer.Order.EVENT_TIME, sink, new ArrayList<>());
    TruthCalculator truth = new TruthCalculator(TruthSettings.defaults());
    sink.records().forEach(r -> truth.accept(Records.decode(r)));
    assertThat(truth.openContacts()).isZero();
    long handled =
        truth.finish().stream()
            .filter(
                r -> r.kind() == EntityKind.TENANT_CHANNEL && r.intervalSize().toMinutes() == 15)
            .mapToLong(r -> r.get(Figure.HANDLED))
            .sum();
    assertThat(handled).isEqualTo(3);
  }

  @Test
  void badLinesAreReportedWithTheirNumbersAndSkipped() throws IOException {
    String text =
        String.join(
            "\n",
            "{\"event_id\":\"e1\",\"tenant_id\":\"t\",\"interaction_id\":\"i\",\"channel\":\"VOICE\",\"type\":\"QUEUED\","
                + "\"occurred_at\":\"2026-01-05T08:00:00Z\",\"queue_id\":\"q\"}",
            "",
            "not json",
            "{\"event_id\":\"e2\",\"tenant_id\":\"t\",\"interaction_id\":\"i\",\"channel\":\"FAX\",\"type\":\"QUEUED\","
                + "\"occurred_at\":\"2026-01-05T08:00:01Z\",\"queue_id\":\"q\"}",
            "{\"event_id\":\"e3\",\"tenant_id\":\"t\",\"interaction_id\":\"i\",\"channel\":\"VOICE\",\"type\":\"ANSWERED\","
                + "\"occurred_at\":\"2026-01-05T08:00:02Z\",\"queue_id\":\"q\"}",
            "{\"event_id\":\"e4\",\"tenant_id\":\"t\",\"interaction_id\":\"i\",\"channel\":\"VOICE\",\"agent_id\":\"a\","
                + "\"queue_id\":\"q\",\"csat\":9,\"occurred_at\":\"2026-01-05T08:10:00Z\"}",
            "{\"event_id\":\"e5\",\"tenant_id\":\"t\",\"agent_id\":\"a\",\"state\":\"AVAILABLE\",\"occurred_at\":\"yesterday\"}",
            "{\"event_id\":\"e6\",\"tenant_id\":\"t\",\"agent_id\":\"a\",\"state\":\"AVAILABLE\",\"occurred_at\":1767600000000,"
                + "\"colour\":\"blue\"}",
            "{\"tenant_id\":\"t\",\"agent_id\":\"a\",\"state\":\"AVAILABLE\",\"occurred_at\":1767600000000}",
            "{\"event_id\":\"e8\",\"tenant_id\":\"t\",\"agent_id\":\"a\",\"state\":\"AVAILABLE\",\"occurred_at\":1767600000000}");
    MemorySink sink = new MemorySink();
    List<ImportReport.BadLine> bad = new ArrayList<>();
    ImportReport report = run(text, Importer.Order.AS_GIVEN, sink, bad);
    assertThat(report.published()).isEqualTo(2);
    assertThat(report.lines()).isEqualTo(9);
    assertThat(bad)
        .extracting(ImportReport.BadLine::lineNumber)
        .containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(bad.get(0).reason()).contains("not valid JSON");
    assertThat(bad.get(1).reason()).contains("channel", "FAX");
    assertThat(bad.get(2).reason()).contains("ANSWERED needs agent_id");
    assertThat(bad.get(3).reason()).contains("csat must be 1 to 5");
    assertThat(bad.get(4).reason()).contains("occurred_at", "ISO-8601");
    assertThat(bad.get(5).reason()).contains("unknown field \"colour\"");
    assertThat(bad.get(6).reason()).contains("missing field \"event_id\"");
    assertThat(bad.get(6).toString()).startsWith("line 9: ");
    assertThat(report.badLines()).isEqualTo(bad);
  }

  @Test
  void orderIsEventTimeOrAsGiven() throws IOException {
    String late =
        "{\"event_id\":\"b\",\"tenant_id\":\"t\",\"interaction_id\":\"i\",\"channel\":\"CHAT\",\"type\":\"ABANDONED\","
            + "\"occurred_at\":\"2026-01-05T08:00:09Z\",\"queue_id\":\"q\"}";
    String early =
        "{\"event_id\":\"a\",\"tenant_id\":\"t\",\"interaction_id\":\"i\",\"channel\":\"CHAT\",\"type\":\"QUEUED\","
            + "\"occurred_at\":\"2026-01-05T08:00:00Z\",\"queue_id\":\"q\",\"customer_id\":null}";
    MemorySink sorted = new MemorySink();
    run(late + "\n" + early, Importer.Order.EVENT_TIME, sorted, new ArrayList<>());
    assertThat(sorted.records())
        .extracting(r -> ((InteractionEvent) Records.decode(r)).getEventId())
        .containsExactly("a", "b");
    MemorySink given = new MemorySink();
    run(late + "\n" + early, Importer.Order.AS_GIVEN, given, new ArrayList<>());
    assertThat(given.records())
        .extracting(r -> ((InteractionEvent) Records.decode(r)).getEventId())
        .containsExactly("b", "a");
    assertThat(given.records()).allMatch(r -> r.key().equals("i"));
  }
}
