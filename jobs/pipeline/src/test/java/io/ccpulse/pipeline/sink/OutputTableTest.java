package io.ccpulse.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** A declaration's RowBinary encoding and its rendering for the dead letter, without ClickHouse. */
class OutputTableTest {
  record Row(long id, String name, double rate, Long at, int small, byte[] payload) {}

  static final OutputTable<Row> TABLE =
      OutputTable.<Row>named("rows")
          .uint64("id", Row::id)
          .lowCardinality("name", Row::name)
          .nullableFloat64("rate", Row::rate)
          .nullableTime("at", Row::at)
          .uint8("small", Row::small)
          .bytes("payload", Row::payload)
          .build();

  @Test
  void encodesEachColumnAsClickHouseReadsItsType() throws IOException {
    RowBinaryBatch batch = new RowBinaryBatch();
    batch.start(TABLE);
    int header = batch.size();
    batch.add(TABLE, new Row(7, "é", Double.NaN, 1_000L, 255, new byte[] {0, -1}));
    assertThat(batch.rows()).isEqualTo(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    batch.writeTo(out);
    byte[] all = out.toByteArray();
    ByteBuffer row =
        ByteBuffer.wrap(all, header, all.length - header).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(row.getLong()).isEqualTo(7); // UInt64
    assertThat(row.get()).isEqualTo((byte) 2); // String: varint length, UTF-8 bytes
    assertThat(new byte[] {row.get(), row.get()}).isEqualTo("é".getBytes("UTF-8"));
    assertThat(row.get()).isEqualTo((byte) 1); // Nullable(Float64): NaN is NULL
    assertThat(row.get()).isEqualTo((byte) 0); // Nullable(DateTime64(3)): not null, then millis
    assertThat(row.getLong()).isEqualTo(1_000);
    assertThat(row.get()).isEqualTo((byte) 255); // UInt8
    assertThat(row.get()).isEqualTo((byte) 2); // bytes as they are
    assertThat(new byte[] {row.get(), row.get()}).isEqualTo(new byte[] {0, -1});
    assertThat(row.hasRemaining()).isFalse();
  }

  @Test
  void aRowThatCannotBeEncodedLeavesNothingInTheBatch() throws IOException {
    RowBinaryBatch batch = new RowBinaryBatch();
    batch.start(TABLE);
    int header = batch.size();
    assertThatThrownBy(() -> batch.add(TABLE, new Row(1, "a", 0.5, null, 256, new byte[0])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column small UInt8: 256 is out of range");
    assertThatThrownBy(() -> batch.add(TABLE, new Row(-1, "a", 0.5, null, 1, new byte[0])))
        .hasMessage("column id UInt64: -1 is out of range");
    assertThat(batch.size()).isEqualTo(header);
    assertThat(batch.rows()).isZero();
  }

  @Test
  void rendersARowAsJsonOfItsColumns() {
    assertThat(RowText.of(TABLE, new Row(7, "q\"1", Double.NaN, 0L, 3, new byte[] {1})))
        .isEqualTo(
            "{\"id\":7,\"name\":\"q\\\"1\",\"rate\":null,\"at\":\"1970-01-01T00:00:00Z\","
                + "\"small\":3,\"payload\":\"AQ==\"}");
  }

  @Test
  void refusesAColumnDeclaredTwice() {
    assertThatThrownBy(
            () -> OutputTable.<Row>named("t").uint64("id", Row::id).uint64("id", Row::id))
        .hasMessage("t: column id twice");
  }
}
