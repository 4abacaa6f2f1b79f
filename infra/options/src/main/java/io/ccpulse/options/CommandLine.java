package io.ccpulse.options;

import java.time.Duration;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one command-line syntax of every ccpulse command: {@code --key value} or {@code --key=value};
 * a declared flag stands alone ({@code --debug}, or {@code --debug=false}); {@code -h} is {@code
 * --help}. A later occurrence wins, and a repeatable option keeps all ({@link #values}). A missing
 * value, a bare word or an option nobody reads ({@link #rejectUnread}) is a {@link UsageException}.
 */
public final class CommandLine {
  private final List<Map.Entry<String, String>> entries;
  private final Set<String> read = new HashSet<>();

  private CommandLine(List<Map.Entry<String, String>> entries) {
    this.entries = entries;
  }

  /** Options that take no value are named in {@code flags}; {@code help} always is one. */
  public static CommandLine parse(String[] args, Set<String> flags) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i].equals("-h") ? "--help" : args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "' (options start with --)");
      }
      String key = arg.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (flags.contains(key) || key.equals("help")) {
        value = "true";
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new UsageException("--" + key + " needs a value");
      }
      if (key.isEmpty()) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      out.add(new SimpleImmutableEntry<>(key, value));
    }
    return new CommandLine(out);
  }

  /**
   * Runs {@code read} (parsing and checking a command's options); on a wrong option prints {@code
   * command: message} and exits with status 2, as every ccpulse command does.
   */
  public static <T> T readOrExit(String command, Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      System.err.println(command + ": " + e.getMessage());
      System.err.println("Try --help.");
      System.exit(2);
      throw e;
    }
  }

  public boolean help() {
    return flag("help");
  }

  public boolean has(String key) {
    return values(key).size() > 0;
  }

  /** The last value given for {@code key}. */
  public Optional<String> value(String key) {
    List<String> all = values(key);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  public String value(String key, String otherwise) {
    return value(key).orElse(otherwise);
  }

  public String required(String key) {
    return value(key).orElseThrow(() -> new UsageException("--" + key + " is required"));
  }

  /** Every value given for a repeatable option, in order. */
  public List<String> values(String key) {
    read.add(key);
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equals(key)) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /** A repeatable {@code --key name=value} option, as a map (a later name wins). */
  public Map<String, String> pairs(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : values(key)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--" + key + " takes name=value, not " + pair);
      }
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return out;
  }

  public boolean flag(String key) {
    Optional<String> v = value(key);
    if (v.isEmpty()) {
      return false;
    }
    return switch (v.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new UsageException("--" + key + " takes true or false, not " + v.get());
    };
  }

  public int positiveInt(String key, int otherwise) {
    Optional<String> v = value(key);
    if (v.isEmpty()) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(v.get().trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--" + key + " takes a whole number above 0, not " + v.get());
  }

  public int nonNegativeInt(String key, int otherwise) {
    Optional<String> v = value(key);
    if (v.isEmpty()) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(v.get().trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--" + key + " takes a whole number, 0 or more, not " + v.get());
  }

  /** A TCP port, 0 (any free one) to 65535. */
  public int port(String key, int otherwise) {
    int p = nonNegativeInt(key, otherwise);
    if (p > 65535) {
      throw new UsageException("--" + key + " takes a port number (0-65535), not " + p);
    }
    return p;
  }

  public long longValue(String key, long otherwise) {
    Optional<String> v = value(key);
    try {
      return v.isEmpty() ? otherwise : Long.parseLong(v.get().trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + key + " takes a whole number, not " + v.get());
    }
  }

  public Duration duration(String key, Duration otherwise) {
    Optional<String> v = value(key);
    try {
      return v.isEmpty() ? otherwise : Durations.parse("--" + key, v.get());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The options nobody has read yet, last value winning, in the order given (for a job's keys). */
  public Map<String, String> unread() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : entries) {
      if (!read.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** Every option as given, in order (a repeated key appears each time). */
  public List<Map.Entry<String, String>> entries() {
    entries.forEach(e -> read.add(e.getKey()));
    return List.copyOf(entries);
  }

  /** Fails on the first option no accessor has read: a typo must not be ignored. */
  public void rejectUnread() {
    Map<String, String> left = unread();
    if (!left.isEmpty()) {
      throw new UsageException("unknown option --" + left.keySet().iterator().next());
    }
  }

  /** A wrong command line: commands print it with a hint and exit with status 2. */
  public static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }
}
