package io.ccpulse.pipeline.sink;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows and INSERTs them as one batch. Retriable failures are retried a bounded number of
 * times with doubling backoff on a fresh connection; anything else fails the job with the table,
 * the failure class and ClickHouse's own code and message, never swallowed.
 */
final class ClickHouseWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseWriter.class);

  private final ClickHouseEndpoint endpoint;
  private final ClickHouseTable<T> table;
  private final SinkSettings settings;
  private final ProcessingTimeService time;
  private final List<T> buffer = new ArrayList<>();
  private final Counter rowsWritten;
  private final Counter retries;
  private final Counter failures;
  private Connection connection;
  private boolean flushTimerPending;

  ClickHouseWriter(ClickHouseEndpoint endpoint, ClickHouseTable<T> table, SinkSettings settings,
      ProcessingTimeService time, MetricGroup metrics) {
    this.endpoint = endpoint;
    this.table = table;
    this.settings = settings;
    this.time = time;
    this.rowsWritten = metrics.counter("rowsWritten");
    this.retries = metrics.counter("insertRetries");
    this.failures = metrics.counter("insertFailures");
  }

  @Override
  public void write(T row, Context context) throws IOException, InterruptedException {
    buffer.add(row);
    if (buffer.size() >= settings.batchSize()) {
      insertBuffer();
    } else if (!flushTimerPending) {
      flushTimerPending = true;
      time.registerTimer(time.getCurrentProcessingTime() + settings.flushInterval().toMillis(), t -> {
        flushTimerPending = false;
        insertBuffer();
      });
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    insertBuffer();
  }

  private void insertBuffer() throws IOException, InterruptedException {
    if (buffer.isEmpty()) {
      return;
    }
    long backoff = settings.retryBackoff().toMillis();
    for (int attempt = 0; ; attempt++) {
      try {
        insert();
        rowsWritten.inc(buffer.size());
        buffer.clear();
        return;
      } catch (SQLException e) {
        closeConnection();
        InsertFailure kind = InsertFailure.classify(e);
        if (kind != InsertFailure.RETRIABLE || attempt >= settings.maxRetries()) {
          failures.inc();
          throw new IOException(String.format(
              "INSERT of %d rows into %s.%s failed (%s, ClickHouse code %d, attempt %d of %d): %s",
              buffer.size(), endpoint.database(), table.name(), kind, e.getErrorCode(), attempt + 1,
              settings.maxRetries() + 1, e.getMessage()), e);
        }
        retries.inc();
        LOG.warn("INSERT into {} failed ({}), retry {} of {} in {} ms: {}", table.name(), kind, attempt + 1,
            settings.maxRetries(), backoff, e.getMessage());
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  private void insert() throws SQLException {
    if (connection == null) {
      connection = endpoint.open();
    }
    try (PreparedStatement insert = connection.prepareStatement(table.insertSql())) {
      for (T row : buffer) {
        table.bind(insert, row);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // The connection is being replaced because it failed; its close error adds nothing.
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    closeConnection();
  }
}
