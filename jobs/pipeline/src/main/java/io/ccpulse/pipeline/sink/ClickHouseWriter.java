package io.ccpulse.pipeline.sink;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.jdbc.ConnectionImpl;
import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.TableRetention;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows and INSERTs them as one batch, in three ways by what went wrong:
 *
 * <ul>
 *   <li>ClickHouse unreachable, timing out, overloaded: the batch is retried with doubling backoff
 *       until it is back (or {@code sink.max-retries}). The task waits, so the job backs up to
 *       Kafka and catches up after: an outage delays rows, never loses or doubles them (the tables
 *       are idempotent).
 *   <li>Rows refused as data, or rows that cannot be bound: the batch is halved until the refused
 *       rows stand alone; they go to {@code sink_rejections} with ClickHouse's error, the rest is
 *       written and the job goes on. One bad row must not stop every figure.
 *   <li>Anything else (unknown table, authentication): the job fails with the table, the failure
 *       class and ClickHouse's own code and message. A person is needed; retrying cannot help.
 * </ul>
 */
final class ClickHouseWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseWriter.class);
  private static final OutputTable<SinkRejection> DEAD_LETTER = OutputTables.SINK_REJECTIONS;

  private final ClickHouseEndpoint endpoint;
  private final OutputTable<T> table;
  private final SinkSettings settings;
  private final ProcessingTimeService time;
  private final List<T> buffer = new ArrayList<>();
  private final Counter rowsWritten;
  private final Counter rowsRejected;
  private final Counter retries;
  private final Counter failures;
  private final Counter expiredOnWrite;

  /** The table's TTL in ms, by {@link OutputTable#retainedBy}; -1 none; null not read yet. */
  private Long ttlMs;

  private boolean expiryReported;

  /** When the current run of failed attempts began (epoch ms), 0 while inserts succeed: a gauge. */
  private volatile long failingSince;

  private final NativeBlock batch = new NativeBlock();
  private Connection connection;
  private Client client;
  private boolean flushTimerPending;

  /** When the current batch's timer was set (processing time). */
  private long batchStartMs;

  /** The moment the newest row of a live table written tells of ({@link OutputTable#liveAt}). */
  private long newestRowMs = Long.MIN_VALUE;

  ClickHouseWriter(
      ClickHouseEndpoint endpoint,
      OutputTable<T> table,
      SinkSettings settings,
      ProcessingTimeService time,
      MetricGroup metrics) {
    this.endpoint = endpoint;
    this.table = table;
    this.settings = settings;
    this.time = time;
    this.rowsWritten = metrics.counter("rowsWritten");
    this.rowsRejected = metrics.counter("rowsRejected");
    this.retries = metrics.counter("insertRetries");
    this.failures = metrics.counter("insertFailures");
    this.expiredOnWrite = metrics.counter(ClickHouseSink.EXPIRED_ON_WRITE);
    metrics.gauge(
        "unreachableSeconds",
        () -> failingSince == 0 ? 0 : (System.currentTimeMillis() - failingSince) / 1000);
  }

  @Override
  public void write(T row, Context context) throws IOException, InterruptedException {
    buffer.add(row);
    if (settings.catchUpLag() != null) {
      newestRowMs = Math.max(newestRowMs, table.liveAt(row));
    }
    if (buffer.size() >= settings.batchSize()) {
      insertBuffer();
    } else if (!flushTimerPending) {
      flushTimerPending = true;
      long now = time.getCurrentProcessingTime();
      batchStartMs = now;
      time.registerTimer(settings.flushAt(now), this::flushDue);
    }
  }

  /** The batch's time has come: it goes, or, rows of a replay or a catch-up, waits longer. */
  private void flushDue(long now) throws IOException, InterruptedException {
    long later = settings.catchUpFlushAt(batchStartMs, now, newestRowMs);
    if (later > 0) {
      time.registerTimer(later, this::flushDue);
      return;
    }
    flushTimerPending = false;
    insertBuffer();
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    insertBuffer();
  }

  private void insertBuffer() throws IOException, InterruptedException {
    if (buffer.isEmpty()) {
      return;
    }
    List<SinkRejection> rejected = new ArrayList<>();
    rowsWritten.inc(deliver(table, buffer, rejected));
    countExpired(buffer);
    buffer.clear();
    if (!rejected.isEmpty()) {
      List<SinkRejection> unwritable = new ArrayList<>();
      deliver(DEAD_LETTER, rejected, unwritable);
      rowsRejected.inc(rejected.size());
      for (SinkRejection r :
          unwritable) { // the dead letter refused it too: the log is all that is left
        LOG.error(
            "Row for {} refused ({}) and not kept in {}: {}",
            r.table(),
            r.error(),
            DEAD_LETTER.name(),
            r.row());
      }
      LOG.warn(
          "{} rows refused by {}.{}, kept in {}; the first: {} {}",
          rejected.size(),
          endpoint.database(),
          table.name(),
          DEAD_LETTER.name(),
          rejected.get(0).error(),
          rejected.get(0).row());
    }
  }

  /**
   * Counts the rows just written that the table's TTL deletes at once (their event time is older
   * than it): history replayed past the retention must not vanish without a word.
   */
  private void countExpired(List<T> rows) {
    long ttl = ttlMs();
    if (ttl < 0) {
      return;
    }
    long cutoff = System.currentTimeMillis() - ttl;
    long expired = 0;
    for (T row : rows) {
      long at = table.retainedBy(row);
      if (at != Long.MIN_VALUE && at < cutoff) {
        expired++;
      }
    }
    if (expired > 0) {
      expiredOnWrite.inc(expired);
      if (!expiryReported) {
        expiryReported = true;
        LOG.warn(
            "Rows written to {}.{} are older than its TTL ({} days): ClickHouse deletes them at once"
                + " ({} in this batch; metric {}). Migrate with a longer TTL to keep them"
                + " (docs/operations.md, replaying history).",
            endpoint.database(),
            table.name(),
            ttl / 86_400_000L,
            expired,
            ClickHouseSink.EXPIRED_ON_WRITE);
      }
    }
  }

  /** The table's TTL, read once from the server; -1 when it has none or it cannot be read. */
  private long ttlMs() {
    if (ttlMs == null) {
      ttlMs = -1L;
      // Through the job's own database: its user (ccpulse_job) has no rights on `default`.
      try (Connection c = endpoint.open();
          PreparedStatement st =
              c.prepareStatement(
                  "SELECT create_table_query FROM system.tables WHERE database = ? AND name = ?")) {
        st.setString(1, endpoint.database());
        st.setString(2, table.name());
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            TableRetention.Ttl ttl = TableRetention.parse(table.name(), rs.getString(1));
            if (ttl != null) {
              ttlMs = Duration.ofDays(ttl.days()).toMillis();
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        LOG.warn(
            "Cannot read the TTL of {}.{}; rows it deletes at once are not counted: {}",
            endpoint.database(),
            table.name(),
            e.getMessage());
      }
    }
    return ttlMs;
  }

  /**
   * Inserts {@code rows} into {@code into}, retrying while ClickHouse is unreachable; rows it
   * refuses as data (found by halving the batch) or that cannot be bound are added to {@code
   * rejected}. Returns the number of rows written.
   */
  private <R> int deliver(OutputTable<R> into, List<R> rows, List<SinkRejection> rejected)
      throws IOException, InterruptedException {
    long backoff = settings.retryBackoff().toMillis();
    for (int attempt = 0; ; attempt++) {
      List<SinkRejection> unbound = new ArrayList<>();
      try {
        int written = insert(into, rows, unbound);
        rejected.addAll(unbound);
        recovered(into);
        return written;
      } catch (SQLException e) {
        closeConnection();
        InsertFailure kind = InsertFailure.classify(e);
        if (kind == InsertFailure.BAD_DATA) {
          recovered(into); // it answered
          if (rows.size() == 1) { // bound (an unbound row is never sent), and refused
            rejected.add(rejection(into, rows.get(0), e.getErrorCode(), e.getMessage()));
            return 0;
          }
          int half = rows.size() / 2;
          return deliver(into, rows.subList(0, half), rejected)
              + deliver(into, rows.subList(half, rows.size()), rejected);
        }
        if (kind == InsertFailure.FATAL || !settings.retriesLeft(attempt)) {
          failures.inc();
          throw new IOException(
              String.format(
                  "INSERT of %d rows into %s.%s failed (%s, ClickHouse code %d, attempt %d of %s): %s",
                  rows.size(),
                  endpoint.database(),
                  into.name(),
                  kind,
                  e.getErrorCode(),
                  attempt + 1,
                  settings.maxRetries() < 0 ? "unlimited" : settings.maxRetries() + 1,
                  e.getMessage()),
              e);
        }
        retries.inc();
        if (failingSince == 0) {
          failingSince = System.currentTimeMillis();
        }
        LOG.warn(
            "INSERT into {} failed ({}), retry {} in {} ms, ClickHouse failing for {} s: {}",
            into.name(),
            kind,
            attempt + 1,
            backoff,
            (System.currentTimeMillis() - failingSince) / 1000,
            e.getMessage());
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, settings.retryMaxBackoff().toMillis());
      }
    }
  }

  /**
   * Encodes the rows as a Native block (a row that cannot be encoded is set aside in {@code
   * unbound}) and sends it through the official client, as one INSERT with a binary body. A failure
   * comes back as an SQLException with ClickHouse's code (0 when ClickHouse did not answer), so
   * {@link InsertFailure} sorts it as it sorts the driver's.
   */
  private <R> int insert(OutputTable<R> into, List<R> rows, List<SinkRejection> unbound)
      throws SQLException, InterruptedException {
    batch.start(into);
    for (R row : rows) {
      try {
        batch.add(into, row);
      } catch (RuntimeException e) {
        unbound.add(rejection(into, row, 0, "cannot bind: " + e));
      }
    }
    if (batch.rows() == 0) {
      return 0;
    }
    if (client == null) {
      connection = endpoint.open();
      client = connection.unwrap(ConnectionImpl.class).getClient();
    }
    InsertSettings insertSettings =
        new InsertSettings()
            .setDatabase(endpoint.database())
            .serverSetting(NativeBlock.STRICT_TYPES, "0");
    try (InsertResponse response =
        client
            .insert(
                into.name(), into.columnNames(), batch::writeTo, NativeBlock.FORMAT, insertSettings)
            .get()) {
      return batch.rows();
    } catch (ExecutionException e) {
      throw asSql(e.getCause());
    } catch (RuntimeException e) {
      throw asSql(e);
    }
  }

  /** A client failure as the driver would report it: ClickHouse's code, or 0 with the cause. */
  static SQLException asSql(Throwable e) {
    if (e instanceof SQLException sql) {
      return sql;
    }
    int code = e instanceof ServerException server ? server.getCode() : 0;
    return new SQLException(e.getMessage(), null, code, e);
  }

  private <R> SinkRejection rejection(OutputTable<R> into, R row, int code, String error) {
    return new SinkRejection(
        System.currentTimeMillis(), into.name(), code, error, RowText.of(into, row));
  }

  private void recovered(OutputTable<?> into) {
    if (failingSince != 0) {
      LOG.info(
          "INSERT into {} succeeded again after {} s",
          into.name(),
          (System.currentTimeMillis() - failingSince) / 1000);
      failingSince = 0;
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
      client = null; // the connection's
    }
  }

  @Override
  public void close() {
    closeConnection();
  }
}
