package io.ccpulse.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A declaration's Native encoding and its rendering for the dead letter, without ClickHouse. */
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
  void encodesEachColumnAsClickHousesNativeFormatHoldsItsType() throws IOException {
    NativeBlock block = new NativeBlock();
    block.start(TABLE);
    block.add(TABLE, new Row(7, "é", Double.NaN, 1_000L, 255, new byte[] {0, -1}));
    assertThat(block.rows()).isEqualTo(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    block.writeTo(out);
    ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.get()).isEqualTo((byte) 6); // columns, then rows: VarUInt
    assertThat(b.get()).isEqualTo((byte) 1);

    column(b, "id", "UInt64");
    assertThat(b.getLong()).isEqualTo(7);

    column(b, "name", "LowCardinality(String)");
    assertThat(b.getLong()).isEqualTo(1); // keys version: a dictionary with each block
    assertThat(b.getLong()).isEqualTo(0x600); // its keys in the block, UInt8 indexes
    assertThat(b.getLong()).isEqualTo(2); // the keys: the default first, as ClickHouse writes
    assertThat(string(b)).isEmpty();
    assertThat(string(b)).isEqualTo("é");
    assertThat(b.getLong()).isEqualTo(1); // rows, then an index each
    assertThat(b.get()).isEqualTo((byte) 1);

    column(b, "rate", "Nullable(Float64)"); // the null map, then the values: NaN is NULL
    assertThat(b.get()).isEqualTo((byte) 1);
    assertThat(b.getLong()).isZero();

    column(b, "at", "Nullable(DateTime64(3, 'UTC'))");
    assertThat(b.get()).isEqualTo((byte) 0);
    assertThat(b.getLong()).isEqualTo(1_000);

    column(b, "small", "UInt8");
    assertThat(b.get()).isEqualTo((byte) 255);

    column(b, "payload", "String"); // bytes as they are
    assertThat(b.get()).isEqualTo((byte) 2);
    assertThat(new byte[] {b.get(), b.get()}).isEqualTo(new byte[] {0, -1});
    assertThat(b.hasRemaining()).isFalse();
  }

  @Test
  void aRowThatCannotBeEncodedLeavesNothingInTheBlock() throws IOException {
    NativeBlock block = new NativeBlock();
    block.start(TABLE);
    ByteArrayOutputStream empty = new ByteArrayOutputStream();
    block.writeTo(empty);
    assertThatThrownBy(() -> block.add(TABLE, new Row(1, "a", 0.5, null, 256, new byte[0])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column small UInt8: 256 is out of range");
    assertThatThrownBy(() -> block.add(TABLE, new Row(-1, "a", 0.5, null, 1, new byte[0])))
        .hasMessage("column id UInt64: -1 is out of range");
    assertThat(block.rows()).isZero();
    ByteArrayOutputStream after = new ByteArrayOutputStream();
    block.writeTo(after);
    // the failed row's new dictionary key stays, unused; nothing else
    assertThat(after.size()).isEqualTo(empty.size() + 2);

    block.add(TABLE, new Row(2, "b", 0.25, 5L, 1, new byte[0]));
    assertThat(block.rows()).isOne();
  }

  private static void column(ByteBuffer b, String name, String type) {
    assertThat(string(b)).isEqualTo(name);
    assertThat(string(b)).isEqualTo(type);
  }

  private static String string(ByteBuffer b) {
    byte[] s = new byte[b.get()]; // VarUInt: one byte below 128
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
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
