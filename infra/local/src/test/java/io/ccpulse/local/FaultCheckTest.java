package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.local.FaultCheck.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault check must fail on a missing, an extra and a wrongly reasoned rejection. */
class FaultCheckTest {
  private static final List<Rejection> INJECTED =
      List.of(
          new Rejection("interactions", 0, 17, "TOO_LATE"),
          new Rejection("interactions", 1, 17, "UNREADABLE_BYTES"),
          new Rejection("agent-states", 0, 3, "UNKNOWN_SCHEMA"),
          new Rejection("interactions", 0, 40, "IMPOSSIBLE_TRANSITION"));

  @Test
  void theSameRejectionsReportNothing() {
    List<Rejection> found = new ArrayList<>(INJECTED);
    java.util.Collections.reverse(found); // order does not matter
    FaultCheck.Report report = FaultCheck.compare(INJECTED, found);
    assertThat(report.allAccountedFor()).isTrue();
    assertThat(report.expectedByReason())
        .hasToString(
            "{agent-states={UNKNOWN_SCHEMA=1}, interactions={IMPOSSIBLE_TRANSITION=1, TOO_LATE=1, UNREADABLE_BYTES=1}}");
  }

  @Test
  void aMissingRejectionIsReported() {
    FaultCheck.Report report = FaultCheck.compare(INJECTED, INJECTED.subList(0, 3));
    assertThat(report.allAccountedFor()).isFalse();
    assertThat(report.missing()).containsExactly("interactions/0@40 IMPOSSIBLE_TRANSITION");
  }

  @Test
  void anExtraRejectionIsReported() {
    List<Rejection> found = new ArrayList<>(INJECTED);
    found.add(new Rejection("interactions", 0, 18, "TOO_LATE"));
    FaultCheck.Report report = FaultCheck.compare(INJECTED, found);
    assertThat(report.allAccountedFor()).isFalse();
    assertThat(report.extra()).singleElement().asString().startsWith("interactions/0@18 TOO_LATE");
  }

  @Test
  void aRejectionWithoutAKafkaPositionIsExtra() {
    // A fact too late for its interval: rejected after the source, so it has no position.
    List<Rejection> found = new ArrayList<>(INJECTED);
    found.add(new Rejection("", -1, -1, "TOO_LATE"));
    assertThat(FaultCheck.compare(INJECTED, found).extra()).hasSize(1);
  }

  @Test
  void aRecordRejectedTwiceIsReported() {
    List<Rejection> found = new ArrayList<>(INJECTED);
    found.add(INJECTED.get(0));
    assertThat(FaultCheck.compare(INJECTED, found).extra()).hasSize(1);
  }

  @Test
  void theRightCountOfTheWrongRecordsIsReported() {
    // Same count per topic and reason, other records: the old per-reason count would have passed.
    List<Rejection> found = new ArrayList<>(INJECTED);
    found.set(0, new Rejection("interactions", 0, 99, "TOO_LATE"));
    FaultCheck.Report report = FaultCheck.compare(INJECTED, found);
    assertThat(report.missing()).containsExactly("interactions/0@17 TOO_LATE");
    assertThat(report.extra()).hasSize(1);
  }

  @Test
  void aWronglyReasonedRejectionIsReported() {
    List<Rejection> found = new ArrayList<>(INJECTED);
    found.set(1, new Rejection("interactions", 1, 17, "MALFORMED_BODY"));
    FaultCheck.Report report = FaultCheck.compare(INJECTED, found);
    assertThat(report.allAccountedFor()).isFalse();
    assertThat(report.wrongReason())
        .containsExactly("interactions/1@17 MALFORMED_BODY (injected as UNREADABLE_BYTES)");
    assertThat(report.missing()).isEmpty();
  }
}
