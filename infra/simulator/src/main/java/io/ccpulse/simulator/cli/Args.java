package io.ccpulse.simulator.cli;

import io.ccpulse.options.CommandLine;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/** Scenario files; the command line itself is read by {@link io.ccpulse.options.CommandLine}. */
final class Args {
  private Args() {}

  /** A scenario file: Java properties with the same keys as the flags (without the dashes). */
  static Map<String, String> file(Path path) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new CommandLine.UsageException(
          "cannot read scenario file " + path + ": " + e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : new TreeSet<>(p.stringPropertyNames())) {
      out.put(k.trim(), p.getProperty(k).trim());
    }
    return out;
  }
}
