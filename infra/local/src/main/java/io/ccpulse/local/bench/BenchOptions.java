package io.ccpulse.local.bench;

import io.ccpulse.pipeline.config.Durations;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.scenario.Preset;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's command line. Anything it does not know and that looks like a job setting ({@code
 * --sink.batch-size 10000}) goes to the job in both parts, checked against the documented keys.
 */
final class BenchOptions {
  Preset preset = Preset.DEFAULT;
  Preset latencyPreset = Preset.DEFAULT;
  long seed = 20260105L;
  int rounds = 3;

  /**
   * Per topic; equal to the job's parallelism, so every source reader owns exactly one partition.
   */
  int partitions = 2;

  int parallelism = 2;
  double speed = 60;
  int latencyMinutes = 60;

  /**
   * Mid-morning by default: the first hour of the day is agents logging in, with hardly any
   * surveys.
   */
  LocalTime latencyFrom = LocalTime.of(10, 0);

  boolean throughput = true;

  /**
   * Throughput rounds run the live job over the day first, as {@code make run} does, so the metrics
   * job copies its queue-health snapshots and alerts: the rows they cost are in the round.
   */
  boolean live = true;

  boolean latency = true;
  boolean alerts = true;
  int alertMinutes = 10;

  /** Only with --only faults: it takes a while, and kills ClickHouse. */
  boolean faults = false;

  Preset faultsPreset = Preset.DEFAULT;
  List<Duration> outages = List.of(Duration.ofSeconds(60), Duration.ofMinutes(10));
  int fuzzEvents = 20_000;
  int crashes = 3;
  Preset crashPreset = Preset.DEFAULT;
  final List<String> jobArgs = new ArrayList<>();

  static final String USAGE =
      """
      PipelineBenchmark: events/s through Kafka -> job -> ClickHouse beside the raw Kafka-consume rate,
      the delay from an interval's end (watermark) to its row being readable in ClickHouse, and from a
      breaching event to its alert on the alerts topic.
        --preset small|default|large   scenario for the throughput part (default: default)
        --rounds N                     throughput rounds, each raw consume + job (default 3)
        --live true|false              throughput rounds run the live job first, its snapshots copied by
                                       the metrics job (default true; false: the metrics job alone)
        --latency-preset P             scenario for the latency part (default: default)
        --speed N                      latency part: simulated seconds per real second (default 60)
        --latency-from HH:MM           latency part: simulated time the paced window starts (default 10:00,
                                       UTC; the day before it is fed at full speed first)
        --latency-minutes N            latency part: simulated minutes fed paced (default 60)
        --seed N                       simulator seed (default 20260105)
        --partitions N                 partitions per topic (default 2 = the job's parallelism)
        --alert-minutes N              alerts part: minutes fed at real time (default 10)
        --only throughput|latency|alerts|faults   run one part (faults runs only when named: it
                                       kills ClickHouse during runs and takes 15 minutes or more)
        --faults-preset P              faults part: scenario (default: default)
        --outages D,D                  faults part: how long ClickHouse stays down (default 60s,10min; none)
        --fuzz-events N                faults part: malformed events in the fuzz scenario (default 20000; 0: none)
        --crashes N                    faults part: SIGKILLs of the jobs' process over a day (default 3; 0: none)
        --crash-preset P               faults part: the day the crashes run through (default: default)
        --<job key> VALUE              any job setting (ccpulse-defaults.properties), both parts
      """;

  static BenchOptions parse(String[] args) {
    BenchOptions o = new BenchOptions();
    for (int i = 0; i < args.length; i++) {
      String key = args[i];
      if (key.equals("--help") || key.equals("-h")) {
        System.out.print(USAGE);
        System.exit(0);
      }
      if (!key.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("Expected --option value, got: " + key + "\n" + USAGE);
      }
      String value = args[++i];
      switch (key) {
        case "--preset" -> o.preset = Preset.of(value);
        case "--latency-preset" -> o.latencyPreset = Preset.of(value);
        case "--seed" -> o.seed = Long.parseLong(value);
        case "--rounds" -> o.rounds = positive(key, Integer.parseInt(value));
        case "--live" -> o.live = Boolean.parseBoolean(value);
        case "--partitions" -> o.partitions = positive(key, Integer.parseInt(value));
        case "--speed" -> o.speed = Double.parseDouble(value);
        case "--latency-from" -> o.latencyFrom = LocalTime.parse(value);
        case "--latency-minutes" -> o.latencyMinutes = positive(key, Integer.parseInt(value));
        case "--alert-minutes" -> o.alertMinutes = positive(key, Integer.parseInt(value));
        case "--only" -> {
          o.throughput = value.equals("throughput");
          o.latency = value.equals("latency");
          o.alerts = value.equals("alerts");
          o.faults = value.equals("faults");
          if (!o.throughput && !o.latency && !o.alerts && !o.faults) {
            throw new IllegalArgumentException(
                "--only takes throughput, latency, alerts or faults, not " + value);
          }
        }
        case "--faults-preset" -> o.faultsPreset = Preset.of(value);
        case "--outages" ->
            o.outages =
                value.equals("none")
                    ? List.of()
                    : java.util.Arrays.stream(value.split(","))
                        .map(d -> Durations.parse(key, d.trim()))
                        .toList();
        case "--fuzz-events" -> o.fuzzEvents = Integer.parseInt(value);
        case "--crashes" -> o.crashes = Integer.parseInt(value);
        case "--crash-preset" -> o.crashPreset = Preset.of(value);
        default -> {
          o.jobArgs.add(key);
          o.jobArgs.add(value);
        }
      }
    }
    if (!(o.speed > 0)) {
      throw new IllegalArgumentException("--speed must be positive");
    }
    o.baseConfig(); // fails now, not after minutes of benchmarking, on an unknown job key
    return o;
  }

  /** The documented defaults with the job settings given on the command line. */
  PipelineConfig baseConfig() {
    return PipelineConfig.fromArgs(jobArgs.toArray(String[]::new));
  }

  private static int positive(String key, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(key + " must be at least 1");
    }
    return v;
  }
}
