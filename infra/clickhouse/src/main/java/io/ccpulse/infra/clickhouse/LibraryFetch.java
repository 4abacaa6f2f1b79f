package io.ccpulse.infra.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Runs the fetch-chdb.sh bundled in this module's classes (the same script as infra/clickhouse/),
 * so that a JVM with only the jar can still get libchdb.so into the cache. Needs bash, npm and
 * network.
 */
final class LibraryFetch {

  private static final long TIMEOUT_MINUTES = 20;

  private LibraryFetch() {}

  static Path run(Path expected) throws IOException {
    Path script = Files.createTempFile("fetch-chdb", ".sh");
    Path errors = Files.createTempFile("fetch-chdb", ".err");
    try (InputStream in = LibraryFetch.class.getResourceAsStream("fetch-chdb.sh")) {
      if (in == null) {
        throw new IOException(missing(expected, "fetch-chdb.sh is not among the classes"));
      }
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      System.err.println(
          "ccpulse-clickhouse: libchdb.so is missing at "
              + expected
              + ", fetching it (~166 MB) ...");
      Process process =
          new ProcessBuilder("bash", script.toString(), ChdbHttpServer.chdbVersion())
              .redirectError(errors.toFile())
              .start();
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(
            missing(expected, "fetch-chdb.sh did not finish in " + TIMEOUT_MINUTES + " minutes"));
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            missing(expected, "fetch-chdb.sh failed: " + Files.readString(errors).strip()));
      }
      String[] lines = output.split("\n");
      Path library = Paths.get(lines[lines.length - 1]);
      if (!Files.isReadable(library)) {
        throw new IOException(
            missing(expected, "fetch-chdb.sh printed " + library + ", which does not exist"));
      }
      return library;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(missing(expected, "interrupted"), e);
    } finally {
      Files.deleteIfExists(script);
      Files.deleteIfExists(errors);
    }
  }

  private static String missing(Path expected, String why) {
    return "libchdb.so is missing at "
        + expected
        + " and could not be fetched ("
        + why
        + "). Run infra/clickhouse/fetch-chdb.sh, or set CCPULSE_CHDB_LIB to a libchdb.so "
        + ChdbHttpServer.chdbVersion()
        + ".";
  }
}
