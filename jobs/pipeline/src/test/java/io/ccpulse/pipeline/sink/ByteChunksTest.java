package io.ccpulse.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteChunks} against a plain byte stream fed the same values: across chunk boundaries,
 * values longer than a chunk, rows cut off at a mark in an earlier chunk, and reuse after {@link
 * ByteChunks#clear}.
 */
class ByteChunksTest {

  /** What the chunks should hold: the same values in one growing little-endian buffer. */
  private static final class Model {
    ByteBuffer bytes = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    final List<Integer> ints = new ArrayList<>();

    void room(int more) {
      if (bytes.remaining() < more) {
        ByteBuffer bigger =
            ByteBuffer.allocate(Math.max(bytes.capacity() * 2, bytes.position() + more))
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.flip();
        bigger.put(bytes);
        bytes = bigger;
      }
    }

    byte[] content() {
      byte[] b = new byte[bytes.position()];
      bytes.duplicate().flip().get(b);
      return b;
    }
  }

  @Test
  void holdsWhatWasAppendedAcrossChunksCutsAndReuse() throws IOException {
    Random random = new Random(18);
    ByteChunks chunks = new ByteChunks(16);
    for (int block = 0; block < 4; block++) { // reused: later blocks find the chunks there
      chunks.clear();
      Model model = new Model();
      int rows = 40_000 + random.nextInt(60_000);
      for (int row = 0; row < rows; row++) {
        long mark = chunks.mark();
        int markAt = model.bytes.position();
        int values = 1 + random.nextInt(6);
        for (int v = 0; v < values; v++) {
          append(random, chunks, model);
        }
        if (random.nextInt(10) == 0) { // the row failed part-way
          chunks.cut(mark);
          model.bytes.position(markAt);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      chunks.writeTo(out);
      assertThat(out.size()).as("block %d", block).isGreaterThan(2 * ByteChunks.CHUNK);
      assertThat(out.toByteArray()).as("block %d", block).isEqualTo(model.content());
    }
  }

  private static void append(Random random, ByteChunks chunks, Model model) {
    switch (random.nextInt(5)) {
      case 0 -> {
        byte v = (byte) random.nextInt();
        chunks.put(v);
        model.room(1);
        model.bytes.put(v);
      }
      case 1 -> {
        short v = (short) random.nextInt();
        chunks.putShort(v);
        model.room(2);
        model.bytes.putShort(v);
      }
      case 2 -> {
        int v = random.nextInt();
        chunks.putInt(v);
        model.room(4);
        model.bytes.putInt(v);
      }
      case 3 -> {
        long v = random.nextLong();
        chunks.putLong(v);
        model.room(8);
        model.bytes.putLong(v);
      }
      default -> {
        // now and then a value longer than a chunk
        byte[] v =
            new byte[random.nextInt(2_000) == 0 ? ByteChunks.CHUNK + 77 : random.nextInt(40)];
        random.nextBytes(v);
        chunks.putSized(v);
        byte[] length = new byte[10];
        int n = ByteChunks.varUInt(length, 0, v.length);
        model.room(n + v.length);
        model.bytes.put(length, 0, n).put(v);
      }
    }
  }

  @Test
  void intsAreWrittenInTheWidthAskedForAcrossChunks() throws IOException {
    ByteChunks chunks = new ByteChunks(64);
    int count = 3 * ByteChunks.CHUNK / 4 + 1_001; // three chunks and some
    for (int i = 0; i < count; i++) {
      chunks.putInt(i * 7);
    }
    for (int width : new int[] {1, 2, 4}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      chunks.writeIntsAs(width, out);
      ByteBuffer read = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
      assertThat(read.remaining()).isEqualTo(count * width);
      for (int i = 0; i < count; i++) {
        int expected = i * 7;
        int got =
            switch (width) {
              case 1 -> read.get() & 0xFF;
              case 2 -> read.getShort() & 0xFFFF;
              default -> read.getInt();
            };
        assertThat(got).as("value %d in width %d", i, width).isEqualTo(expected & mask(width));
      }
    }
  }

  private static int mask(int width) {
    return width == 4 ? -1 : (1 << (8 * width)) - 1;
  }
}
