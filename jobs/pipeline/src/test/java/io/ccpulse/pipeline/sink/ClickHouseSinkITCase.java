package io.ccpulse.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink's writer against the embedded ClickHouse: batching, timed flushes, classified failures. */
class ClickHouseSinkITCase {
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  /** A two-column table, to exercise the writer alone. */
  static final class Pairs implements ClickHouseTable<long[]> {
    private final String name;

    Pairs(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<String> columns() {
      return List.of("id", "value");
    }

    @Override
    public void bind(PreparedStatement insert, long[] row) throws SQLException {
      insert.setLong(1, row[0]);
      insert.setLong(2, row[1]);
    }
  }

  private ClickHouseEndpoint endpoint;
  private final TestProcessingTimeService time = new TestProcessingTimeService();

  @BeforeEach
  void createTable() throws Exception {
    endpoint = new ClickHouseEndpoint(clickhouse.serverJdbcUrl(), clickhouse.database(), "default", Map.of());
    try (Connection conn = endpoint.open(); Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE pairs (id UInt64, value UInt64) ENGINE = MergeTree ORDER BY id");
    }
  }

  private ClickHouseWriter<long[]> writer(ClickHouseEndpoint target, String table, int batchSize, int maxRetries) {
    return new ClickHouseWriter<>(target, new Pairs(table),
        new SinkSettings(batchSize, Duration.ofSeconds(2), maxRetries, Duration.ofMillis(10)), time,
        new UnregisteredMetricsGroup());
  }

  private long rows() throws SQLException {
    try (Connection conn = endpoint.open(); Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT count() FROM pairs")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void insertsFullBatchesAtOnceAndTheRestAtFlush() throws Exception {
    try (ClickHouseWriter<long[]> writer = writer(endpoint, "pairs", 3, 0)) {
      for (long i = 0; i < 7; i++) {
        writer.write(new long[] {i, i * 10}, null);
      }
      assertThat(rows()).isEqualTo(6);
      writer.flush(false); // what a checkpoint does
      assertThat(rows()).isEqualTo(7);
    }
  }

  @Test
  void insertsAPartialBatchWhenItIsOldEnough() throws Exception {
    try (ClickHouseWriter<long[]> writer = writer(endpoint, "pairs", 1000, 0)) {
      writer.write(new long[] {1, 1}, null);
      time.setCurrentTime(time.getCurrentProcessingTime() + 1999);
      assertThat(rows()).isZero();
      time.setCurrentTime(time.getCurrentProcessingTime() + 1);
      assertThat(rows()).isEqualTo(1);
    }
  }

  @Test
  void failsAtOnceOnAFatalErrorWithClickHousesCode() {
    ClickHouseWriter<long[]> writer = writer(endpoint, "no_such_table", 10, 5);
    assertThatThrownBy(() -> {
      writer.write(new long[] {1, 1}, null);
      writer.flush(false);
    }).isInstanceOf(IOException.class)
        .hasMessageContaining("INSERT of 1 rows into " + endpoint.database() + ".no_such_table failed (FATAL, ClickHouse code 60, attempt 1 of 6)");
  }

  @Test
  void retriesAnUnreachableServerABoundedNumberOfTimesThenFails() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ClickHouseEndpoint nowhere = new ClickHouseEndpoint("jdbc:clickhouse://127.0.0.1:" + closedPort, "db", "default", Map.of());
    ClickHouseWriter<long[]> writer = writer(nowhere, "pairs", 10, 2);
    assertThatThrownBy(() -> {
      writer.write(new long[] {1, 1}, null);
      writer.flush(false);
    }).isInstanceOf(IOException.class).hasMessageContaining("(RETRIABLE, ClickHouse code 0, attempt 3 of 3)");
  }
}
