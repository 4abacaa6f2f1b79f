package io.ccpulse.simulator.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line parsing: {@code --key value}, {@code --key=value}, and bare {@code --flag} for the
 * named boolean flags. Later occurrences win. {@code -h} is {@code --help}.
 */
final class Args {
  private Args() {}

  static Map<String, String> parse(String[] args, Set<String> booleanFlags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h")) {
        a = "--help";
      }
      if (!a.startsWith("--") || a.length() == 2) {
        throw new UsageException("unexpected argument '" + a + "' (options start with --)");
      }
      String key = a.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (booleanFlags.contains(key) || key.equals("help")) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("--" + key + " needs a value");
      }
      out.put(key, value);
    }
    return out;
  }

  /** A scenario file: Java properties with the same keys as the flags (without the dashes). */
  static Map<String, String> file(Path path) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UsageException("cannot read scenario file " + path + ": " + e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : new TreeSet<>(p.stringPropertyNames())) {
      out.put(k.trim(), p.getProperty(k).trim());
    }
    return out;
  }

  /** A wrong command line: reported with the usage hint and exit status 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
