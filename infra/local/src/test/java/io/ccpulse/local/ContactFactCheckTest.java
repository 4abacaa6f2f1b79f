package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.simulator.truth.ContactFactTruth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contact-fact check must notice a missing fact, an extra one, a wrong column and a fact stored
 * twice.
 */
class ContactFactCheckTest {
  private static final long NINE = java.time.Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();
  private static final List<ContactFactTruth> TRUTH =
      List.of(
          new ContactFactTruth(
              "ARRIVED",
              "t1",
              "c1",
              NINE,
              Channel.VOICE,
              "q1",
              null,
              "cust1",
              0,
              0,
              0,
              0,
              0,
              0,
              false,
              false,
              0),
          new ContactFactTruth(
              "ANSWERED",
              "t1",
              "c1",
              NINE + 12_000,
              Channel.VOICE,
              "q1",
              "a1",
              "cust1",
              0,
              12_000,
              0,
              0,
              0,
              0,
              false,
              false,
              0),
          new ContactFactTruth(
              "LEG",
              "t1",
              "c1",
              NINE + 400_000,
              Channel.VOICE,
              "q1",
              "a1",
              "cust1",
              NINE + 12_000,
              0,
              300_000,
              40_000,
              1,
              48_000,
              false,
              false,
              0),
          new ContactFactTruth(
              "SURVEY",
              "t1",
              "c1",
              NINE + 500_000,
              Channel.VOICE,
              "q1",
              "a1",
              null,
              0,
              0,
              0,
              0,
              0,
              0,
              false,
              false,
              4));

  private static List<String> expected() {
    return TRUTH.stream().map(ContactFactCheck::row).toList();
  }

  @Test
  void theSameFactsReportNothing() {
    assertThat(ContactFactCheck.compare(expected(), new ArrayList<>(expected())).allMatch())
        .isTrue();
    assertThat(ContactFactCheck.row(TRUTH.get(2)))
        .isEqualTo(
            "LEG t1/c1 at=2026-01-05T09:06:40Z VOICE queue=q1"
                + " agent=a1 customer=cust1 answered_at=2026-01-05T09:00:12Z wait=0 talk=300000 hold=40000/1 acw=48000"
                + " handle=388000 transferred=false callback=false csat=0");
  }

  @Test
  void aMissingFactIsReported() {
    ContactFactCheck.Report report = ContactFactCheck.compare(expected(), expected().subList(0, 3));
    assertThat(report.differences())
        .singleElement()
        .asString()
        .startsWith("missing in contact_facts: SURVEY");
  }

  @Test
  void anExtraOrRepeatedFactIsReported() {
    List<String> stored = new ArrayList<>(expected());
    stored.add(stored.get(0));
    assertThat(ContactFactCheck.compare(expected(), stored).differences())
        .singleElement()
        .asString()
        .startsWith("not in the truth: ARRIVED");
  }

  @Test
  void aWrongColumnIsReported() {
    List<String> stored = new ArrayList<>(expected());
    stored.set(2, stored.get(2).replace("hold=40000/1", "hold=40000/2"));
    ContactFactCheck.Report report = ContactFactCheck.compare(expected(), stored);
    assertThat(report.differenceCount()).isEqualTo(2); // the right one missing, the wrong one extra
  }
}
