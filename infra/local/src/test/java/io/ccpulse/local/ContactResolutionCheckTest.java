package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.local.AnalystViewCheck.ViewRow;
import io.ccpulse.simulator.truth.ContactFactTruth;
import io.ccpulse.simulator.truth.ContactResolutionTruth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The contact-level check, worked by hand: the percentiles and daily averages it expects, and that
 * it notices a missing, extra or wrong row in each view.
 */
class ContactResolutionCheckTest {
  private static final long NINE = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();

  private static final List<ContactResolutionTruth> CONTACTS =
      List.of(
          // 1 leg, 2 holds, resolved in 250 s.
          new ContactResolutionTruth(
              "t1",
              "c1",
              Channel.VOICE,
              "q1",
              "k1",
              NINE,
              NINE + 250_000,
              1,
              0,
              2,
              40_000,
              238_000,
              false),
          // 3 legs, 2 transfers, no hold, resolved in 600 s.
          new ContactResolutionTruth(
              "t1",
              "c2",
              Channel.VOICE,
              "q1",
              null,
              NINE,
              NINE + 600_000,
              3,
              2,
              0,
              0,
              500_000,
              false));

  private static List<ContactFactTruth> legs(String agent, long... handleSeconds) {
    List<ContactFactTruth> legs = new ArrayList<>();
    for (long h : handleSeconds) {
      legs.add(
          new ContactFactTruth(
              "LEG",
              "t1",
              "c" + h,
              NINE,
              Channel.CHAT,
              "q2",
              agent,
              null,
              NINE - 1,
              0,
              h * 1000,
              0,
              0,
              0,
              false,
              false,
              0));
    }
    return legs;
  }

  @Test
  void nearestRankPercentiles() {
    List<Long> four = List.of(10L, 20L, 30L, 40L);
    assertThat(ContactResolutionCheck.nearestRank(four, 50)).isEqualTo(20); // the lower middle
    assertThat(ContactResolutionCheck.nearestRank(four, 90)).isEqualTo(40); // rank ⌈3.6⌉ = 4
    List<Long> ten = LongStream.rangeClosed(1, 10).boxed().toList();
    assertThat(ContactResolutionCheck.nearestRank(ten, 50)).isEqualTo(5);
    assertThat(ContactResolutionCheck.nearestRank(ten, 90)).isEqualTo(9);
    List<Long> twenty = LongStream.rangeClosed(1, 20).boxed().toList();
    assertThat(ContactResolutionCheck.nearestRank(twenty, 90)).isEqualTo(18);
    assertThat(ContactResolutionCheck.nearestRank(List.of(7L), 90)).isEqualTo(7);
  }

  @Test
  void theDailyAveragesOfAQueueAreSumsOverContacts() {
    ViewRow day = ContactResolutionCheck.expectedDaily(CONTACTS).get(0);
    assertThat(day.key()).isEqualTo("t1 q1 VOICE 2026-01-05");
    assertThat(day.values())
        .containsEntry("contacts", 2L)
        .containsEntry("legs", 4L)
        .containsEntry("transfers", 2L)
        .containsEntry("contacts_transferred", 1L)
        .containsEntry("holds", 2L)
        .containsEntry("contacts_held", 1L)
        .containsEntry("resolution_ms", 850_000L)
        .containsEntry("resolution_max_ms", 600_000L)
        .containsEntry("transfers_avg", 1.0)
        .containsEntry("holds_avg", 1.0)
        .containsEntry("resolution_avg_s", 425.0)
        .containsEntry("transferred_share", 0.5);
  }

  @Test
  void handleTimePercentilesPerQueueAndAgent() {
    List<ContactFactTruth> facts = new ArrayList<>(legs("a1", 300, 100, 200, 400));
    facts.addAll(legs("a2", 50));
    Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
    ContactResolutionCheck.expectedHandleTimes(facts).forEach(r -> byKey.put(r.key(), r.values()));
    assertThat(byKey.get("t1 QUEUE q2 CHAT 2026-01-05"))
        .containsEntry("handled", 5L)
        .containsEntry("handle_ms", 1_050_000L)
        .containsEntry("handle_median_ms", 200_000L) // 50 100 [200] 300 400
        .containsEntry("handle_p90_ms", 400_000L) // rank ⌈4.5⌉ = 5
        .containsEntry("handle_max_ms", 400_000L);
    assertThat(byKey.get("t1 AGENT a1 CHAT 2026-01-05"))
        .containsEntry("handle_median_ms", 200_000L) // 100 [200] 300 400: the lower middle
        .containsEntry("handle_p90_ms", 400_000L);
    assertThat(byKey.get("t1 AGENT a2 CHAT 2026-01-05"))
        .containsEntry("handle_median_ms", 50_000L)
        .containsEntry("handle_p90_ms", 50_000L);
  }

  @Test
  void noticesAMissingAnExtraAndAWrongRowInEachView() {
    List<ContactFactTruth> facts = legs("a1", 100, 200);
    List<ViewRow> rows = ContactResolutionCheck.expectedRows(CONTACTS);
    List<ViewRow> daily = ContactResolutionCheck.expectedDaily(CONTACTS);
    List<ViewRow> handles = ContactResolutionCheck.expectedHandleTimes(facts);
    assertThat(ContactResolutionCheck.compare(CONTACTS, facts, rows, daily, handles).allMatch())
        .isTrue();

    List<ViewRow> missing = rows.subList(1, rows.size());
    assertThat(
            ContactResolutionCheck.compare(CONTACTS, facts, missing, daily, handles).differences())
        .singleElement()
        .asString()
        .contains("contact_resolutions missing t1 c1");

    List<ViewRow> wrongTransfers = new ArrayList<>(rows);
    Map<String, Object> changed = new LinkedHashMap<>(rows.get(1).values());
    changed.put("transfers", 1L);
    wrongTransfers.set(1, new ViewRow(rows.get(1).key(), changed));
    assertThat(
            ContactResolutionCheck.compare(CONTACTS, facts, wrongTransfers, daily, handles)
                .differences())
        .singleElement()
        .asString()
        .contains("transfers expected 2 got 1");

    List<ViewRow> wrongAverage = new ArrayList<>();
    Map<String, Object> avg = new LinkedHashMap<>(daily.get(0).values());
    avg.put("resolution_avg_s", 425.5);
    wrongAverage.add(new ViewRow(daily.get(0).key(), avg));
    wrongAverage.add(new ViewRow("t1 q9 VOICE 2026-01-05", avg));
    assertThat(
            ContactResolutionCheck.compare(CONTACTS, facts, rows, wrongAverage, handles)
                .differenceCount())
        .isEqualTo(2);

    List<ViewRow> wrongMedian = new ArrayList<>();
    for (ViewRow r : handles) {
      Map<String, Object> v = new LinkedHashMap<>(r.values());
      v.put("handle_median_ms", 150_000L); // the mean of the middle two, not the lower one
      wrongMedian.add(new ViewRow(r.key(), v));
    }
    assertThat(
            ContactResolutionCheck.compare(CONTACTS, facts, rows, daily, wrongMedian)
                .differenceCount())
        .isEqualTo(2); // the queue's row and the agent's
  }
}
