package io.ccpulse.local.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.RowBinaryFormatSerializer;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.jdbc.ConnectionImpl;
import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.events.DecodeResult;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The do-it-yourself peer of the pipeline: what an analyst does instead of a stream job. The raw
 * interaction events go into a plain MergeTree table as they come (RowBinary through client-v2, as
 * the job's sink writes), and the day's queue figures per 15-minute interval come from one SQL
 * query over them. Duplicates are dropped by event id; nothing else is checked (no lateness, no
 * impossible transitions), which is where it parts from docs/metrics.md.
 */
final class PeerQuery implements AutoCloseable {
  static final String TABLE = "interaction_events";

  /** What an analyst's loader batches: big inserts, as ClickHouse advises. */
  static final int BATCH_ROWS = 100_000;

  /** The sums the query returns, in its column order (the derived figures come from them). */
  static final List<String> FIGURES =
      List.of(
          "offered",
          "answered",
          "abandoned",
          "short_abandoned",
          "wait_answered_ms",
          "answered_within_sl",
          "handled",
          "handle_ms");

  static final String CREATE =
      "CREATE TABLE IF NOT EXISTS "
          + TABLE
          + " (event_id String, tenant_id LowCardinality(String), interaction_id String,"
          + " channel LowCardinality(String), type LowCardinality(String),"
          + " occurred_at DateTime64(3, 'UTC'), queue_id LowCardinality(String), agent_id String)"
          + " ENGINE = MergeTree ORDER BY (tenant_id, interaction_id, occurred_at)";

  private static final List<String> COLUMNS =
      List.of(
          "event_id",
          "tenant_id",
          "interaction_id",
          "channel",
          "type",
          "occurred_at",
          "queue_id",
          "agent_id");

  /**
   * The day's queue figures, docs/metrics.md §4 and the handle time of §3, as close as plain SQL
   * gets. A wait is a QUEUED and the contact's next QUEUED, ANSWERED, ABANDONED or
   * CALLBACK_REQUESTED (at equal times the QUEUED first): answered, abandoned, moved on or ended by
   * a callback request (offered, neither answered nor abandoned: §4a), counted in the interval
   * where it ended; the callback leg's later ANSWERED ends no wait. A leg is an agent's ANSWERED
   * and that agent's next WRAPUP_ENDED on the contact, counted for the queue the wrap-up carries
   * (leg events carry their leg's queue) where it ended. Short abandon below 5 s, service level
   * within 20 s (the job's defaults).
   */
  static final String QUEUE_FIGURES =
      """
      WITH events AS (
          SELECT tenant_id, interaction_id, channel, type, occurred_at, queue_id, agent_id
          FROM interaction_events
          LIMIT 1 BY event_id
      ),
      waits AS (
          SELECT tenant_id, queue_id, channel, next_type,
                 intDiv(toUnixTimestamp64Milli(next_at), 900000) * 900000 AS interval_start,
                 toUnixTimestamp64Milli(next_at) - toUnixTimestamp64Milli(occurred_at) AS wait_ms
          FROM (
              SELECT tenant_id, queue_id, channel, type, occurred_at,
                     leadInFrame(type) OVER w AS next_type,
                     leadInFrame(occurred_at) OVER w AS next_at
              FROM events
              WHERE type IN ('QUEUED', 'ANSWERED', 'ABANDONED', 'CALLBACK_REQUESTED')
              WINDOW w AS (PARTITION BY tenant_id, interaction_id
                           ORDER BY occurred_at, type != 'QUEUED'
                           ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING)
          )
          WHERE type = 'QUEUED' AND next_type != ''
      ),
      legs AS (
          SELECT tenant_id, queue_id, channel,
                 intDiv(toUnixTimestamp64Milli(occurred_at), 900000) * 900000 AS interval_start,
                 toUnixTimestamp64Milli(occurred_at) - toUnixTimestamp64Milli(answered_at) AS handle_ms
          FROM (
              SELECT tenant_id, queue_id, channel, type, occurred_at,
                     lagInFrame(type) OVER w AS previous_type,
                     lagInFrame(occurred_at) OVER w AS answered_at
              FROM events
              WHERE type IN ('ANSWERED', 'WRAPUP_ENDED') AND agent_id != ''
              WINDOW w AS (PARTITION BY tenant_id, interaction_id, agent_id
                           ORDER BY occurred_at, type = 'WRAPUP_ENDED'
                           ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
          )
          WHERE type = 'WRAPUP_ENDED' AND previous_type = 'ANSWERED'
      )
      SELECT tenant_id, queue_id, any(channel) AS channel, interval_start,
             sum(n_offered) AS offered, sum(n_answered) AS answered,
             sum(n_abandoned) AS abandoned, sum(n_short_abandoned) AS short_abandoned,
             sum(n_wait_answered_ms) AS wait_answered_ms,
             sum(n_answered_within_sl) AS answered_within_sl,
             sum(n_handled) AS handled, sum(n_handle_ms) AS handle_ms,
             wait_answered_ms / answered AS asa_ms,
             answered_within_sl / (offered - short_abandoned) AS service_level,
             handle_ms / handled AS aht_ms
      FROM (
          SELECT tenant_id, queue_id, channel, interval_start,
                 count() AS n_offered,
                 countIf(next_type = 'ANSWERED') AS n_answered,
                 countIf(next_type = 'ABANDONED') AS n_abandoned,
                 countIf(next_type = 'ABANDONED' AND wait_ms < 5000) AS n_short_abandoned,
                 sumIf(wait_ms, next_type = 'ANSWERED') AS n_wait_answered_ms,
                 countIf(next_type = 'ANSWERED' AND wait_ms <= 20000) AS n_answered_within_sl,
                 0 AS n_handled, 0 AS n_handle_ms
          FROM waits GROUP BY tenant_id, queue_id, channel, interval_start
          UNION ALL
          SELECT tenant_id, queue_id, channel, interval_start, 0, 0, 0, 0, 0, 0,
                 count(), sum(handle_ms)
          FROM legs GROUP BY tenant_id, queue_id, channel, interval_start
      )
      GROUP BY tenant_id, queue_id, interval_start
      ORDER BY tenant_id, queue_id, interval_start
      """;

  /** One row of the query: a queue's 15-minute interval, its sums in {@link #FIGURES} order. */
  record Row(String tenant, String queue, long intervalStartMs, long[] figures) {}

  private final ClickHouseEndpoint db;
  private final Connection connection;
  private final Client client;
  private final EventCodec<InteractionEvent> codec = EventCodec.interactions();
  private final ByteArrayOutputStream batch = new ByteArrayOutputStream(16 << 20);
  private final RowBinaryFormatSerializer out = new RowBinaryFormatSerializer(batch);
  private int batchRows;
  private long loaded;
  private long unreadable;

  PeerQuery(ClickHouseEndpoint db) throws SQLException {
    this.db = db;
    this.connection = db.open();
    this.client = connection.unwrap(ConnectionImpl.class).getClient();
    try (Statement st = connection.createStatement()) {
      st.execute(CREATE);
    }
  }

  /**
   * One record's value from the interactions topic: decoded (what cannot be read is skipped, as a
   * loader must) and added to the batch, which goes to ClickHouse when full.
   */
  void add(byte[] value) throws IOException {
    DecodeResult<InteractionEvent> decoded = codec.decode(value);
    if (!decoded.isOk()) {
      unreadable++;
      return;
    }
    InteractionEvent e = decoded.event();
    out.writeString(e.getEventId());
    out.writeString(e.getTenantId());
    out.writeString(e.getInteractionId());
    out.writeString(e.getChannel().name());
    out.writeString(e.getType().name());
    out.writeInt64(e.getOccurredAt().toEpochMilli()); // DateTime64(3): milliseconds
    out.writeString(e.getQueueId() == null ? "" : e.getQueueId());
    out.writeString(e.getAgentId() == null ? "" : e.getAgentId());
    if (++batchRows >= BATCH_ROWS) {
      flush();
    }
  }

  /** Sends what is buffered, as one INSERT. */
  void flush() throws IOException {
    if (batchRows == 0) {
      return;
    }
    InsertSettings settings = new InsertSettings().setDatabase(db.database());
    try (InsertResponse response =
        client.insert(TABLE, COLUMNS, batch::writeTo, ClickHouseFormat.RowBinary, settings).get()) {
      loaded += batchRows;
    } catch (Exception e) {
      throw new IOException("INSERT into " + db.database() + "." + TABLE + " failed: " + e, e);
    }
    batch.reset();
    batchRows = 0;
  }

  /** Rows inserted so far. */
  long loaded() {
    return loaded;
  }

  /** Records skipped because they do not decode (garbage, unknown schemas). */
  long unreadable() {
    return unreadable;
  }

  /** Runs the query: every queue's 15-minute rows. */
  List<Row> queueFigures() throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(QUEUE_FIGURES)) {
      while (rs.next()) {
        long[] figures = new long[FIGURES.size()];
        for (int i = 0; i < figures.length; i++) {
          figures[i] = rs.getLong(FIGURES.get(i));
        }
        rows.add(
            new Row(
                rs.getString("tenant_id"),
                rs.getString("queue_id"),
                rs.getLong("interval_start"),
                figures));
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
