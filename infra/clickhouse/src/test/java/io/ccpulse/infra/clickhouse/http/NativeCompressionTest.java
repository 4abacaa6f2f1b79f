package io.ccpulse.infra.clickhouse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.internal.ClickHouseLZ4InputStream;
import com.clickhouse.client.api.internal.ClickHouseLZ4OutputStream;
import com.clickhouse.data.ClickHouseCityHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

/**
 * Our framing against the driver's own implementation of it (the reference we must interoperate
 * with).
 */
class NativeCompressionTest {

  private static final LZ4Factory LZ4 = LZ4Factory.fastestJavaInstance();

  @Test
  void cityHashMatchesTheDriversForAllLengthClasses() {
    Random random = new Random(42);
    for (int length :
        new int[] {
          0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 100, 127, 128, 129, 255, 256,
          1000, 4097, 1 << 20
        }) {
      byte[] data = new byte[length + 3];
      random.nextBytes(data);
      assertThat(CityHash128.hash(data, 3, length))
          .as("length %d", length)
          .containsExactly(ClickHouseCityHash.cityHash128(data, 3, length));
    }
  }

  @Test
  void theDriverReadsOurCompressedResponses() throws IOException {
    byte[] payload = payload(3 * NativeCompression.BLOCK_SIZE + 12345);
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    try (OutputStream out = NativeCompression.compressing(framed)) {
      out.write(payload, 0, 10);
      out.write(payload[10]);
      out.write(payload, 11, payload.length - 11);
    }
    try (InputStream in =
        new ClickHouseLZ4InputStream(
            new ByteArrayInputStream(framed.toByteArray()), LZ4.fastDecompressor(), 8192)) {
      assertThat(in.readAllBytes()).isEqualTo(payload);
    }
  }

  @Test
  void smallBlocksAndEmptyStreams() throws IOException {
    for (int length :
        new int[] {1, 14, 15, 16, 269, 270, 271, 525}) { // around the LZ4 length-byte boundaries
      byte[] payload = payload(length);
      byte[] block = NativeCompression.compressBlock(payload, 0, length);
      try (InputStream in =
          new ClickHouseLZ4InputStream(
              new ByteArrayInputStream(block), LZ4.fastDecompressor(), 64)) {
        assertThat(in.readAllBytes()).as("length %d", length).isEqualTo(payload);
      }
    }
    ByteArrayOutputStream empty = new ByteArrayOutputStream();
    NativeCompression.compressing(empty).close();
    assertThat(empty.size()).isZero();
  }

  @Test
  void weReadTheDriversCompressedRequests() throws IOException {
    byte[] payload = payload(700_000);
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    try (OutputStream out =
        new ClickHouseLZ4OutputStream(framed, LZ4.fastCompressor(), 64 * 1024)) {
      out.write(payload);
    }
    assertThat(framed.size()).isLessThan(payload.length / 2); // real LZ4 matches, not just literals
    try (InputStream in =
        NativeCompression.decompressing(new ByteArrayInputStream(framed.toByteArray()))) {
      assertThat(in.readAllBytes()).isEqualTo(payload);
    }
  }

  @Test
  void corruptBlocksAreRefused() throws IOException {
    byte[] block = NativeCompression.compressBlock(payload(100), 0, 100);
    block[40] ^= 1;
    assertThatThrownBy(
            () -> NativeCompression.decompressing(new ByteArrayInputStream(block)).readAllBytes())
        .isInstanceOfSatisfying(
            NativeCompression.CorruptedBlockException.class, e -> assertThat(e.code).isEqualTo(40));
  }

  /** Compressible but not trivial: repeated words with some noise. */
  private static byte[] payload(int length) {
    Random random = new Random(length);
    String[] words = {
      "queue", "agent", "billing", "support", "2026-01-01 00:00:00.000", "\n\n", ";"
    };
    byte[] data = new byte[length];
    int i = 0;
    while (i < length) {
      byte[] word =
          random.nextInt(10) == 0
              ? new byte[] {(byte) random.nextInt()}
              : words[random.nextInt(words.length)].getBytes();
      int n = Math.min(word.length, length - i);
      System.arraycopy(word, 0, data, i, n);
      i += n;
    }
    return data;
  }
}
