package io.ccpulse.infra.clickhouse.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The JNI binding to libchdb.so (see src/main/c/ccpulse_chdb_jni.c). Raw handles only; {@link
 * ChdbEngine} is the safe API. Only the server process loads this: chDB takes over signal handlers
 * and process-wide state, which is why it never runs inside a test or Flink JVM.
 */
final class ChdbLibrary {

  /** The shim, built by Maven into the classes (so it is inside the jar too). */
  private static final String SHIM_RESOURCE = "/native/linux-x86_64/libccpulse_chdb_jni.so";

  private static boolean loaded;

  private ChdbLibrary() {}

  /**
   * Loads the shim from the classpath, then dlopen()s libchdb.so at {@code libchdb}. Once per JVM.
   */
  static synchronized void load(Path libchdb) throws IOException {
    if (loaded) {
      return;
    }
    if (!Files.isReadable(libchdb)) {
      throw new IOException(
          "libchdb.so not found at "
              + libchdb
              + " (run infra/clickhouse/fetch-chdb.sh, or set CCPULSE_CHDB_LIB)");
    }
    Path shim = Files.createTempFile("ccpulse_chdb_jni", ".so");
    try (InputStream in = ChdbLibrary.class.getResourceAsStream(SHIM_RESOURCE)) {
      if (in == null) {
        throw new IOException(
            "JNI shim "
                + SHIM_RESOURCE
                + " is not on the classpath (build infra/clickhouse with Maven)");
      }
      Files.copy(in, shim, StandardCopyOption.REPLACE_EXISTING);
      System.load(shim.toAbsolutePath().toString());
    } finally {
      // Once loaded, the mapping stays valid on Linux; the file itself is no longer needed.
      Files.deleteIfExists(shim);
    }
    open(libchdb.toAbsolutePath().toString());
    loaded = true;
  }

  /** dlopen + dlsym; throws UnsatisfiedLinkError naming a missing symbol. */
  private static native void open(String libchdbPath);

  /**
   * 0 if the ClickHouse status file is not locked by another process, else the errno of flock().
   */
  static native int probeLock(String statusFile);

  /**
   * chdb_connect(args) run from {@code workDir}; returns the connection pointer or 0 on failure.
   */
  static native long connect(String[] args, String workDir);

  static native void closeConnection(long connection);

  /**
   * Returns a chdb_result pointer (free it with {@link #destroyResult}); names/values may be null.
   */
  static native long query(
      long connection, byte[] sql, byte[] format, byte[][] paramNames, byte[][] paramValues);

  /** The error text (UTF-8 bytes) or null if the query succeeded. */
  static native byte[] resultError(long result);

  /** {rows_read, bytes_read, rows_written, bytes_written, elapsed_ns}. */
  static native long[] resultStats(long result);

  /**
   * A direct buffer over the result's memory, valid until {@link #destroyResult}; null if empty.
   */
  static native ByteBuffer resultBuffer(long result);

  static native void destroyResult(long result);
}
