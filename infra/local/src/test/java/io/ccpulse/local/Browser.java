package io.ccpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loads pages in Debian's headless Chromium through infra/local/browser/check.mjs (playwright-core
 * from npm, no browser download; {@code make test} installs both) and returns what it saw.
 */
final class Browser {
  static final Path SCRIPT_DIR = Path.of("browser");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Browser() {}

  /** Each page as {@code name=url}; screenshots go to {@code dir/name.png}. */
  static JsonNode load(Path dir, String... pages) throws IOException, InterruptedException {
    if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("playwright-core"))
        || !Files.isExecutable(Path.of("/usr/bin/chromium"))) {
      throw new IllegalStateException(
          "the browser test needs /usr/bin/chromium and infra/local/browser/node_modules:"
              + " `make test` (or `make browser-tools`) installs them");
    }
    Files.createDirectories(dir);
    List<String> command =
        new ArrayList<>(List.of("node", "check.mjs", dir.toAbsolutePath().toString()));
    command.addAll(List.of(pages));
    Path log = Files.createTempFile(dir, "chromium", ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(SCRIPT_DIR.toFile())
            .redirectError(log.toFile())
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "check.mjs failed: " + Files.readString(log) + new String(out, StandardCharsets.UTF_8));
    }
    return JSON.readTree(out);
  }
}
