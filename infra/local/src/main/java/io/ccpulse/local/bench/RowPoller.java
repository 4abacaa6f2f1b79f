package io.ccpulse.local.bench;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Asks ClickHouse every 100 ms, on its own thread and connection, which one-minute queue rows
 * exist, and notes when each (queue, interval) was first seen. "Readable" is the wall time the
 * query that first returned the row came back: the row was readable by then, and at most one poll
 * period plus one query earlier.
 */
final class RowPoller implements AutoCloseable {
  static final long PERIOD_MS = 100;

  /**
   * First sighting of a queue's interval row: when the poll returned it, and the row's version (its
   * emission time).
   */
  record Seen(String queue, long intervalStart, long readableMs, long versionMs) {}

  private final ClickHouseEndpoint db;
  private final Consumer<Seen> onNew;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean stop;
  private volatile Exception failure;
  private long polls;
  private long pollNanos;

  RowPoller(ClickHouseEndpoint db, Consumer<Seen> onNew) {
    this.db = db;
    this.onNew = onNew;
    this.thread = new Thread(this::loop, "bench-row-poller");
    thread.setDaemon(true);
  }

  RowPoller start() {
    thread.start();
    return this;
  }

  private void loop() {
    String sql =
        "SELECT entity_id, toUnixTimestamp64Milli(interval_start), min(version) FROM interval_metrics"
            + " WHERE interval_size_s = 60 AND entity_kind = 'QUEUE' GROUP BY entity_id, interval_start";
    int failures = 0;
    while (!stop) {
      long t0 = System.nanoTime();
      try (Connection conn = db.open();
          Statement st = conn.createStatement()) {
        while (!stop) {
          t0 = System.nanoTime();
          try (ResultSet rs = st.executeQuery(sql)) {
            long returned = System.currentTimeMillis();
            synchronized (this) {
              polls++;
              pollNanos += System.nanoTime() - t0;
            }
            while (rs.next()) {
              String queue = rs.getString(1);
              long start = rs.getLong(2);
              String key = queue + "@" + start;
              if (!seen.containsKey(key)) {
                Seen s = new Seen(queue, start, returned, rs.getLong(3));
                seen.put(key, s);
                onNew.accept(s);
              }
            }
          }
          sleepUntil(t0 + PERIOD_MS * 1_000_000);
        }
      } catch (Exception e) {
        // A dropped connection is retried a few times; a query that keeps failing ends the poller.
        if (++failures > 20) {
          failure = e;
          return;
        }
        sleepUntil(t0 + PERIOD_MS * 1_000_000);
      }
    }
  }

  private void sleepUntil(long nanos) {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        stop = true;
      }
    }
  }

  Seen first(String queue, long intervalStart) {
    return seen.get(queue + "@" + intervalStart);
  }

  Iterable<Seen> all() {
    return seen.values();
  }

  synchronized String pollSummary() {
    return String.format(
        "%,d polls, %.0f ms each on average", polls, polls == 0 ? 0 : pollNanos / 1e6 / polls);
  }

  @Override
  public void close() throws Exception {
    stop = true;
    thread.interrupt();
    thread.join(10_000);
    if (failure != null) {
      throw new IllegalStateException("polling ClickHouse failed", failure);
    }
  }
}
