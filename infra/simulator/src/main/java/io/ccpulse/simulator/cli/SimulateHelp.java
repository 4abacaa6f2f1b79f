package io.ccpulse.simulator.cli;

import io.ccpulse.simulator.scenario.ScenarioKeys;
import java.util.Map;

/**
 * The text of {@code SimulateMain --help}, generated from the key registries so it cannot drift.
 */
final class SimulateHelp {
  private SimulateHelp() {}

  static String text() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        """
        Usage: SimulateMain [--preset small|default|large|weeks] [--scenario FILE] [options]

        Simulates a contact center and publishes its events (Avro single-object encoding) to Kafka
        or to files, and optionally writes the ground truth of every interval metric. The same seed
        and settings give byte-identical output. A scenario file is Java properties with the same
        keys as the options below, without the dashes; options given on the command line win.

        Presets: small (1 tenant, 6 queues, 12 agents, 2 h), default (2 tenants, 9 queues each,
        100 agents, a 10-hour day), large (10 tenants, 12 queues each, 2,000 agents, 24 h).
        """);
    section(sb, "Run and output");
    line(sb, "preset", "NAME", "small, default, large or weeks (default: default)");
    line(sb, "scenario", "FILE", "read settings from a properties file");
    for (Map.Entry<String, String[]> e : RunOptions.KEYS.entrySet()) {
      line(sb, e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
    line(sb, "help", "", "this text");
    section(sb, "Scenario");
    for (ScenarioKeys.Key k : ScenarioKeys.all()) {
      if (k.name().contains(".")) {
        continue;
      }
      line(sb, k.name(), k.hint(), k.help());
    }
    section(
        sb, "Channel behaviour (CH is voice, chat, messaging or email; defaults in the README)");
    for (ScenarioKeys.Key k : ScenarioKeys.all()) {
      if (k.name().startsWith("voice.")) {
        line(
            sb,
            "CH." + k.name().substring("voice.".length()),
            k.hint(),
            k.help().substring("voice ".length()));
      }
    }
    sb.append(
        """

        Examples:
          SimulateMain --preset small --output out/ --truth out/truth.jsonl
          SimulateMain --output kafka --bootstrap-servers 127.0.0.1:9092 --speed 60
          SimulateMain --erlang-a --lambda 2.4 --mu 0.25 --theta 0.5 --agents 10 --duration 8h \\
            --output none --truth t.jsonl
        """);
    return sb.toString();
  }

  private static void section(StringBuilder sb, String title) {
    sb.append('\n').append(title).append(":\n");
  }

  private static void line(StringBuilder sb, String key, String hint, String help) {
    String left = "  --" + key + (hint.isEmpty() ? "" : " " + hint);
    sb.append(left);
    sb.append(" ".repeat(Math.max(1, 34 - left.length())));
    if (left.length() >= 34) {
      sb.append('\n').append(" ".repeat(34));
    }
    sb.append(help).append('\n');
  }
}
