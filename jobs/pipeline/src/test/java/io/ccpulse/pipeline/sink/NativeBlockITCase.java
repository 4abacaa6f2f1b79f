package io.ccpulse.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Native blocks written by the sink and read back from the embedded ClickHouse: every column type
 * the declarations use, nulls, and LowCardinality dictionaries of every index width.
 */
class NativeBlockITCase {
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  record Row(
      long id,
      String name,
      String text,
      int small,
      int medium,
      long large,
      long signed,
      boolean flag,
      double rate,
      long at,
      Long cleared) {}

  static final OutputTable<Row> ROWS =
      OutputTable.<Row>named("every_type")
          .uint64("id", Row::id)
          .lowCardinality("name", Row::name)
          .string("text", Row::text)
          .uint8("small", Row::small)
          .uint16("medium", Row::medium)
          .uint32("large", Row::large)
          .int64("signed", Row::signed)
          .bool("flag", Row::flag)
          .nullableFloat64("rate", Row::rate)
          .time("at", Row::at)
          .nullableTime("cleared", Row::cleared)
          .build();

  static Row row(long i, int names) {
    return new Row(
        i,
        "queue-" + (i % names) + (i % 7 == 0 ? "-é" : ""),
        i % 5 == 0 ? null : "text " + i,
        (int) (i % 256),
        (int) (i % 65_536),
        4_000_000_000L + i,
        -i * 1_000_003,
        i % 2 == 0,
        i % 3 == 0 ? Double.NaN : i / 8.0,
        1_767_225_600_000L + i,
        i % 4 == 0 ? null : 1_767_225_600_000L - i);
  }

  // rate is i / 8, read back times 8: exact, and printed alike on both sides

  @Test
  void everyTypeReadsBackAsWrittenWhateverTheDictionarysSize() throws Exception {
    ClickHouseEndpoint endpoint =
        new ClickHouseEndpoint(
            clickhouse.serverJdbcUrl(), clickhouse.database(), "default", Map.of());
    clickhouse.execute(
        "CREATE TABLE every_type (id UInt64, name LowCardinality(String), text String,"
            + " small UInt8, medium UInt16, large UInt32, signed Int64, flag Bool,"
            + " rate Nullable(Float64), at DateTime64(3, 'UTC'),"
            + " cleared Nullable(DateTime64(3, 'UTC'))) ENGINE = MergeTree ORDER BY id");
    // three blocks: 200 names (UInt8 indexes), 3,000 (UInt16) and 70,000 (UInt32)
    List<Row> written = new ArrayList<>();
    long id = 0;
    for (int[] block : new int[][] {{1_000, 200}, {10_000, 3_000}, {80_000, 70_000}}) {
      try (ClickHouseWriter<Row> writer =
          new ClickHouseWriter<>(
              endpoint,
              ROWS,
              new SinkSettings(
                  block[0], Duration.ofSeconds(2), 0, Duration.ofMillis(10), Duration.ofMillis(10)),
              new TestProcessingTimeService(),
              new UnregisteredMetricsGroup())) {
        for (int i = 0; i < block[0]; i++) {
          Row r = row(id++, block[1]);
          written.add(r);
          writer.write(r, null);
        }
      }
    }
    List<String> expected = new ArrayList<>();
    for (Row r : written) {
      expected.add(
          String.join(
              "|",
              Long.toString(r.id()),
              r.name(),
              r.text() == null ? "" : r.text(),
              Integer.toString(r.small()),
              Integer.toString(r.medium()),
              Long.toString(r.large()),
              Long.toString(r.signed()),
              Boolean.toString(r.flag()),
              Double.isNaN(r.rate()) ? "null" : Long.toString(Math.round(r.rate() * 8)),
              Long.toString(r.at()),
              r.cleared() == null ? "null" : Long.toString(r.cleared())));
    }
    List<String> read = new ArrayList<>();
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT concat(toString(id), '|', name, '|', text, '|', toString(small), '|',"
                    + " toString(medium), '|', toString(large), '|', toString(signed), '|',"
                    + " toString(flag), '|', ifNull(toString(rate * 8), 'null'), '|',"
                    + " toString(toUnixTimestamp64Milli(at)), '|',"
                    + " ifNull(toString(toUnixTimestamp64Milli(cleared)), 'null'))"
                    + " FROM every_type ORDER BY id")) {
      while (rs.next()) {
        read.add(rs.getString(1));
      }
    }
    assertThat(read).hasSize(written.size());
    assertThat(read).isEqualTo(expected);
  }
}
