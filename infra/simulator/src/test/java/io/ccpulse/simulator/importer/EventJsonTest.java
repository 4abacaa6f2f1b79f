package io.ccpulse.simulator.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.output.EventStream;
import org.junit.jupiter.api.Test;

/** A line of history is read strictly, and a wrong one says which field and what is wrong. */
class EventJsonTest {
  private static final String SURVEY =
      "{\"event_id\":\"e\",\"tenant_id\":\"t\",\"interaction_id\":\"i\",\"channel\":\"VOICE\","
          + "\"agent_id\":\"a\",\"queue_id\":\"q\",\"csat\":%s,\"occurred_at\":%s}";

  @Test
  void aGoodLineIsAnEventWithItsStreamAndKey() {
    EventJson.Parsed p = EventJson.parse(SURVEY.formatted("4.0", "1767600000000"));
    assertThat(p.stream()).isEqualTo(EventStream.SURVEYS);
    assertThat(p.key()).isEqualTo("i");
    assertThat(((SurveyEvent) p.event()).getCsat()).isEqualTo(4);
    assertThat(p.occurredAtMillis()).isEqualTo(1767600000000L);
  }

  @Test
  void malformedJsonSaysWhatAndAtWhichColumn() {
    assertThatThrownBy(() -> EventJson.parse("{\"csat\": 4,}"))
        .hasMessageStartingWith("not valid JSON: ")
        .hasMessageEndingWith("at column 12");
    assertThatThrownBy(() -> EventJson.parse("{\"csat\": 4, \"csat\": 5}"))
        .hasMessageContaining("not valid JSON: Duplicate field 'csat'");
    assertThatThrownBy(() -> EventJson.parse("{\"csat\": 4} {}"))
        .hasMessageContaining("not valid JSON: Trailing token");
    assertThatThrownBy(() -> EventJson.parse("[]"))
        .hasMessage("not valid JSON: expected a JSON object, got []");
  }

  @Test
  void aWrongValueNamesItsFieldAndShowsTheValue() {
    assertThatThrownBy(() -> EventJson.parse(SURVEY.formatted("4.5", "1767600000000")))
        .hasMessage("field \"csat\": expected an integer, got 4.5");
    assertThatThrownBy(() -> EventJson.parse(SURVEY.formatted("\"4\"", "1767600000000")))
        .hasMessage("field \"csat\": expected an integer, got \"4\"");
    assertThatThrownBy(() -> EventJson.parse(SURVEY.formatted("4294967296", "1767600000000")))
        .hasMessage("field \"csat\": out of range, got 4294967296");
    assertThatThrownBy(() -> EventJson.parse(SURVEY.formatted("4", "1767600000000.5")))
        .hasMessage(
            "field \"occurred_at\": expected whole epoch milliseconds, got 1767600000000.5");
    assertThatThrownBy(() -> EventJson.parse(SURVEY.formatted("4", "null")))
        .hasMessage("field \"occurred_at\": must not be null");
    assertThatThrownBy(() -> EventJson.parse(SURVEY.formatted("4", "[1]")))
        .hasMessage(
            "field \"occurred_at\": expected a time (ISO-8601 string or epoch millis), got [1]");
  }
}
