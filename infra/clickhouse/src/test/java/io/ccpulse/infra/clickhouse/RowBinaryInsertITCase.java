package io.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.data_formats.RowBinaryFormatSerializer;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Binary inserts as the official client (client-v2) sends them, the way the pipeline's sink does:
 * {@code INSERT INTO t (cols) FORMAT RowBinary...} in the query parameter and the rows as the body,
 * plain or in ClickHouse's LZ4 blocks; and the statement and the rows in the body alone.
 */
class RowBinaryInsertITCase {

  private static final int ROWS = 10_000;
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  private static final String TABLE =
      "CREATE TABLE events (id UInt64, at DateTime64(3, 'UTC'), queue LowCardinality(String),"
          + " agent String, duration_ms Int32, score Nullable(Float64), ok Bool, payload String)"
          + " ENGINE = MergeTree ORDER BY id";
  private static final List<String> COLUMNS =
      List.of("id", "at", "queue", "agent", "duration_ms", "score", "ok", "payload");
  private static final List<String> TYPES =
      List.of(
          "UInt64",
          "DateTime64(3, 'UTC')",
          "LowCardinality(String)",
          "String",
          "Int32",
          "Nullable(Float64)",
          "Bool",
          "String");

  // An instance field: a database per test method.
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  @Test
  void rowBinaryIsStoredExactly() throws Exception {
    clickhouse.execute(TABLE);
    insert(ClickHouseFormat.RowBinary, new InsertSettings());
    assertStored();
  }

  @Test
  void rowBinaryWithNamesAndTypesInCompressedBodies() throws Exception {
    clickhouse.execute(TABLE);
    insert(
        ClickHouseFormat.RowBinaryWithNamesAndTypes,
        new InsertSettings().compressClientRequest(true));
    assertStored();
  }

  /** As ClickHouse: a header type that is not the column's is refused, with its code. */
  @Test
  void aHeaderTypeThatIsNotTheColumnsIsRefused() throws Exception {
    clickhouse.execute(
        "CREATE TABLE pairs (id UInt64, value UInt32) ENGINE = MergeTree ORDER BY id");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    RowBinaryFormatSerializer out = new RowBinaryFormatSerializer(body);
    RowBinaryFormatSerializer.writeSize(body, 2);
    out.writeString("id");
    out.writeString("value");
    out.writeString("UInt64");
    out.writeString("UInt64"); // not UInt32
    out.writeInt64(1);
    out.writeInt64(2);
    try (Client client = client()) {
      assertThatThrownBy(
              () ->
                  client
                      .insert(
                          "pairs",
                          List.of("id", "value"),
                          o -> body.writeTo(o),
                          ClickHouseFormat.RowBinaryWithNamesAndTypes,
                          new InsertSettings())
                      .get()
                      .close())
          .satisfies(
              e -> {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                assertThat(cause).isInstanceOf(ServerException.class);
                assertThat(((ServerException) cause).getCode()).isEqualTo(117); // INCORRECT_DATA
              });
    }
    assertThat(clickhouse.execute("SELECT count() FROM pairs").strip()).isEqualTo("0");
  }

  /** The statement and the rows in the body, split at the newline after the format's name. */
  @Test
  void statementAndRowsInTheBody() throws Exception {
    clickhouse.execute(
        "CREATE TABLE pairs (id UInt64, value String) ENGINE = MergeTree ORDER BY id");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        "INSERT INTO pairs (id, value) FORMAT RowBinary  \n".getBytes(StandardCharsets.UTF_8));
    RowBinaryFormatSerializer out = new RowBinaryFormatSerializer(body);
    out.writeInt64(' '); // data that starts with a blank and a newline is data, not padding
    out.writeString("\n line");
    out.writeInt64(10);
    out.writeString("");
    String url =
        clickhouse.httpUrl()
            + "?database="
            + URLEncoder.encode(clickhouse.database(), StandardCharsets.UTF_8);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(clickhouse.execute("SELECT id, hex(value) FROM pairs ORDER BY id"))
        .isEqualTo("10\t\n32\t0A206C696E65\n");
  }

  private Client client() {
    return new Client.Builder()
        .addEndpoint(clickhouse.httpUrl())
        .setUsername("default")
        .setPassword("")
        .setDefaultDatabase(clickhouse.database())
        .build();
  }

  private void insert(ClickHouseFormat format, InsertSettings settings) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    RowBinaryFormatSerializer out = new RowBinaryFormatSerializer(body);
    if (format == ClickHouseFormat.RowBinaryWithNamesAndTypes) {
      RowBinaryFormatSerializer.writeSize(body, COLUMNS.size());
      for (String c : COLUMNS) {
        out.writeString(c);
      }
      for (String t : TYPES) {
        out.writeString(t);
      }
    }
    for (int i = 0; i < ROWS; i++) {
      out.writeInt64(i);
      out.writeDateTime64(at(i), 3);
      out.writeString(queue(i));
      out.writeString(agent(i));
      out.writeInt32(duration(i));
      if (score(i) == null) {
        out.writeNull();
      } else {
        out.writeNotNull();
        out.writeFloat64(score(i));
      }
      out.writeBool(i % 3 == 0);
      byte[] payload = payload(i);
      RowBinaryFormatSerializer.writeSize(body, payload.length);
      body.write(payload);
    }
    try (Client client = client();
        InsertResponse response =
            client.insert("events", COLUMNS, o -> body.writeTo(o), format, settings).get()) {
      assertThat(response.getWrittenRows()).isEqualTo(ROWS);
    }
  }

  private void assertStored() throws IOException {
    String tsv =
        clickhouse.execute(
            "SELECT count(), sum(id), sum(toUnixTimestamp64Milli(at)), uniqExact(queue),"
                + " sum(length(agent)), sum(duration_ms), countIf(score IS NULL), sum(score),"
                + " countIf(ok), sum(length(payload)), countIf(payload = unhex('00FF0A27'))"
                + " FROM events");
    long sumId = (long) ROWS * (ROWS - 1) / 2;
    long sumAt = 0;
    long sumAgent = 0;
    long sumDuration = 0;
    long nulls = 0;
    double sumScore = 0;
    long ok = 0;
    long payloads = 0;
    for (int i = 0; i < ROWS; i++) {
      sumAt += at(i).toEpochMilli();
      sumAgent += agent(i).getBytes(StandardCharsets.UTF_8).length;
      sumDuration += duration(i);
      if (score(i) == null) {
        nulls++;
      } else {
        sumScore += score(i);
      }
      ok += i % 3 == 0 ? 1 : 0;
      payloads += payload(i).length;
    }
    assertThat(tsv.strip().split("\t"))
        .containsExactly(
            Integer.toString(ROWS),
            Long.toString(sumId),
            Long.toString(sumAt),
            "7",
            Long.toString(sumAgent),
            Long.toString(sumDuration),
            Long.toString(nulls),
            Long.toString((long) sumScore),
            Long.toString(ok),
            Long.toString(payloads),
            Integer.toString(ROWS / 4));
  }

  private static Instant at(int i) {
    return BASE.plusMillis(i * 1_001L);
  }

  private static String queue(int i) {
    return "queue-" + (i % 7);
  }

  private static String agent(int i) {
    return "agent-" + i + (i % 3 == 0 ? " 'quoted' \\ back, é\n\t" : "");
  }

  private static int duration(int i) {
    return i % 2 == 0 ? i * 13 : -i;
  }

  private static Double score(int i) {
    return i % 5 == 0 ? null : (double) i;
  }

  private static byte[] payload(int i) {
    return i % 4 == 0 ? new byte[] {0, (byte) 0xFF, '\n', '\''} : new byte[] {(byte) i};
  }
}
