package io.ccpulse.infra.clickhouse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.infra.clickhouse.engine.ClickHouseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading request text into SQL plus a data file, across read boundaries. */
class IncomingStatementTest {

  @TempDir Path temp;

  private IncomingStatement read(byte[] text) throws IOException, ClickHouseException {
    return IncomingStatement.read(new ByteArrayInputStream(text), temp);
  }

  @Test
  void largeValuesInsertGoesToAFileByteExact() throws Exception {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      values
          .append(i == 0 ? "" : ",")
          .append("(")
          .append(i)
          .append(", 'a\n\nb;")
          .append(i)
          .append("')");
    }
    byte[] text = ("INSERT INTO t (id, s) VALUES " + values).getBytes(StandardCharsets.UTF_8);
    assertThat(text.length).isGreaterThan(1 << 20); // well past the first read
    try (IncomingStatement statement = read(text)) {
      String sql = new String(statement.sql(), StandardCharsets.UTF_8);
      assertThat(sql)
          .startsWith("INSERT INTO t (id, s)  FROM INFILE '" + temp)
          .endsWith("' COMPRESSION 'none' FORMAT Values");
      Path file = Path.of(sql.substring(sql.indexOf('\'') + 1, sql.indexOf("' COMPRESSION")));
      assertThat(Files.readString(file)).isEqualTo(" " + values);
      assertThat(statement.isInsert()).isTrue();
      statement.close();
      assertThat(file).doesNotExist();
    }
  }

  @Test
  void binaryDataAfterTheQueryParameter() throws Exception {
    byte[] binary = new byte[300_000];
    new Random(7).nextBytes(binary);
    byte[] head =
        "INSERT INTO t FORMAT RowBinary\n"
            .getBytes(StandardCharsets.UTF_8); // query parameter + "\n"
    try (IncomingStatement statement =
        IncomingStatement.read(
            new SequenceInputStream(
                new ByteArrayInputStream(head), new ByteArrayInputStream(binary)),
            temp)) {
      String sql = new String(statement.sql(), StandardCharsets.UTF_8);
      Path file = Path.of(sql.substring(sql.indexOf('\'') + 1, sql.indexOf("' COMPRESSION")));
      assertThat(Files.readAllBytes(file)).isEqualTo(binary);
    }
  }

  @Test
  void otherStatementsAreReadWhole() throws Exception {
    try (IncomingStatement statement = read("SELECT 1;\n\n".getBytes(StandardCharsets.UTF_8))) {
      assertThat(statement.sql()).isEqualTo("SELECT 1".getBytes(StandardCharsets.UTF_8));
      assertThat(statement.isReadOnly()).isTrue();
      assertThat(statement.isNoOp()).isFalse();
    }
    byte[] big = ("SELECT '" + "x".repeat(200_000) + "'").getBytes(StandardCharsets.UTF_8);
    try (IncomingStatement statement = read(big)) {
      assertThat(statement.sql()).isEqualTo(big);
    }
    try (IncomingStatement statement =
        read("SET max_threads = 1".getBytes(StandardCharsets.UTF_8))) {
      assertThat(statement.isNoOp()).isTrue();
    }
    try (IncomingStatement statement =
        read("CREATE TABLE t (a UInt8) ENGINE = Memory".getBytes(StandardCharsets.UTF_8))) {
      assertThat(statement.isReadOnly()).isFalse();
    }
    try (IncomingStatement statement = read("DROP TABLE t SYNC".getBytes(StandardCharsets.UTF_8))) {
      assertThat(new String(statement.sql(), StandardCharsets.UTF_8)).isEqualTo("DROP TABLE t ");
    }
  }

  @Test
  void emptyAndMultipleStatementsAreErrors() throws Exception {
    try (IncomingStatement statement = read(new byte[0])) {
      assertThatThrownBy(statement::sql)
          .isInstanceOfSatisfying(
              ClickHouseException.class, e -> assertThat(e.code()).isEqualTo(62));
    }
    try (IncomingStatement statement =
        read("SELECT 1; DROP TABLE t".getBytes(StandardCharsets.UTF_8))) {
      assertThatThrownBy(statement::sql).hasMessageContaining("Multi-statements are not allowed");
    }
  }

  @Test
  void formatNameSplitAcrossTheFirstReadBoundary() throws Exception {
    // Pad so that "RowBinary" straddles the 64 KiB first read.
    String prefix = "INSERT INTO t /*" + " ".repeat((64 << 10) - 30) + "*/ FORMAT ";
    byte[] data = {1, 2, 3, 10, 10, 0};
    byte[] text = concat((prefix + "RowBinary\n").getBytes(StandardCharsets.UTF_8), data);
    try (IncomingStatement statement = read(text)) {
      String sql = new String(statement.sql(), StandardCharsets.UTF_8);
      assertThat(sql).endsWith("FORMAT RowBinary");
      Path file = Path.of(sql.substring(sql.indexOf("INFILE '") + 8, sql.indexOf("' COMPRESSION")));
      assertThat(Files.readAllBytes(file)).isEqualTo(data);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
