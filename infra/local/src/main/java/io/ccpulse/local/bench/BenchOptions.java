package io.ccpulse.local.bench;

import io.ccpulse.options.CommandLine;
import io.ccpulse.options.Durations;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.scenario.Preset;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

  /**
   * The throughput rounds run the pipeline at each of these (the stack is sized for the largest).
   */
  List<Integer> parallelisms = List.of(2);

  /** Throughput rounds run the pipeline (false with --only peer). */
  boolean pipeline = true;

  /** Throughput rounds run the do-it-yourself peer too. */
  boolean peer = true;

  /** Only with --only state: a day this many times the preset's through the job, sampled. */
  boolean state = false;

  int stateScale = 3;
  Duration stateSample = Duration.ofSeconds(20);

  /** --state-sample day: sampled at the end of each simulated day, not by the wall clock. */
  boolean statePerDay = false;

  /** The state backends the per-day state run runs on, one run each. */
  List<String> stateBackends = List.of("rocksdb", "hashmap");

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

  /** Only with --only rollups: it needs ClickHouse alone, and a while to load a year. */
  boolean rollups = false;

  int rollupDays = 365;
  int rollupRuns = 5;

  /** Only with --only wait-estimate: the live estimates' accuracy, no Kafka or ClickHouse. */
  boolean waitEstimate = false;

  Preset faultsPreset = Preset.DEFAULT;
  List<Duration> outages = List.of(Duration.ofSeconds(60), Duration.ofMinutes(10));
  int fuzzEvents = 20_000;
  int crashes = 3;
  Preset crashPreset = Preset.DEFAULT;
  private PipelineConfig base = PipelineConfig.defaults();

  static final String USAGE =
      """
      PipelineBenchmark: events/s through Kafka -> job -> ClickHouse beside the raw Kafka-consume rate,
      the delay from an interval's end (watermark) to its row being readable in ClickHouse, and from a
      breaching event to its alert on the alerts topic.
        --preset small|default|large   scenario for the throughput part (default: default)
        --rounds N                     throughput rounds, each raw consume + job (default 3)
        --live true|false              throughput rounds run the live job first, its snapshots copied by
                                       the metrics job (default true; false: the metrics job alone)
        --parallelism N[,N]            throughput rounds run the pipeline at each (default 2), e.g. 1,2
        --peer true|false              throughput rounds also run the do-it-yourself peer: the raw
                                       interaction events into a plain MergeTree, the queue figures by
                                       one SQL query, checked against the truth (default true)
        --state-scale N                --only state: tenants and agents times N of the preset (default 3)
        --state-sample D|day           --only state: how often heap and checkpoint are sampled (20s);
                                       day: at the end of each simulated day (UTC), the scenario
                                       published a day at a time into the job running unbounded, each
                                       day read and checkpointed before it is sampled, with the entries
                                       of every state on RocksDB and a verdict: flat after the first
                                       week or not (e.g. --preset weeks --state-scale 1)
        --state-backend B[,B]          --state-sample day: the runs, one per state backend (default
                                       rocksdb,hashmap: entries are counted on RocksDB, the heap holds
                                       the state on hashmap)
        --latency-preset P             scenario for the latency part (default: default)
        --speed N                      latency part: simulated seconds per real second (default 60)
        --latency-from HH:MM           latency part: simulated time the paced window starts (default 10:00,
                                       UTC; the day before it is fed at full speed first)
        --latency-minutes N            latency part: simulated minutes fed paced (default 60)
        --seed N                       simulator seed (default 20260105)
        --partitions N                 partitions per topic (default 2 = the job's parallelism)
        --alert-minutes N              alerts part: minutes fed at real time (default 10)
        --only wait-estimate           the live wait estimate's accuracy and the Erlang-A staffing
                                       figure (simulated days through the live operators, no stack)
        --only throughput|peer|state|latency|alerts|faults|rollups   run one part (peer: the
                                       throughput rounds without the pipeline; state: a bigger day
                                       sampled for heap and checkpoint size; rollups: a year of
                                       15-minute rows loaded into ClickHouse, the day, week and month
                                       queries timed; faults, state and rollups run only when named)
        --rollup-days N                rollups part: days of rows generated (default 365)
        --rollup-runs N                rollups part: runs of each query (default 5)
        --faults-preset P              faults part: scenario (default: default)
        --outages D,D                  faults part: how long ClickHouse stays down (default 60s,10min; none)
        --fuzz-events N                faults part: malformed events in the fuzz scenario (default 20000; 0: none)
        --crashes N                    faults part: SIGKILLs of the jobs' process over a day (default 3; 0: none)
        --crash-preset P               faults part: the day the crashes run through (default: default)
        --<job key> VALUE              any job setting (ccpulse-defaults.properties), both parts
      """;

  static BenchOptions parse(String[] args) {
    CommandLine cl = CommandLine.parse(args, Set.of());
    if (cl.help()) {
      System.out.print(USAGE);
      System.exit(0);
    }
    BenchOptions o = new BenchOptions();
    o.preset = Preset.of(cl.value("preset", "default"));
    o.latencyPreset = Preset.of(cl.value("latency-preset", "default"));
    o.seed = cl.longValue("seed", o.seed);
    o.rounds = cl.positiveInt("rounds", o.rounds);
    String live = cl.value("live", "true");
    if (!live.equals("true") && !live.equals("false")) {
      throw new CommandLine.UsageException("--live takes true or false, not " + live);
    }
    o.live = live.equals("true");
    o.partitions = cl.positiveInt("partitions", o.partitions);
    o.parallelisms = parallelisms(cl.value("parallelism", "2"));
    o.parallelism = o.parallelisms.stream().max(Integer::compare).orElseThrow();
    String peer = cl.value("peer", "true");
    if (!peer.equals("true") && !peer.equals("false")) {
      throw new CommandLine.UsageException("--peer takes true or false, not " + peer);
    }
    o.peer = peer.equals("true");
    o.stateScale = cl.positiveInt("state-scale", o.stateScale);
    o.statePerDay = cl.value("state-sample", "").equals("day");
    if (!o.statePerDay) {
      o.stateSample = cl.duration("state-sample", o.stateSample);
    }
    o.stateBackends = stateBackends(cl.value("state-backend", "rocksdb,hashmap"));
    o.speed = Double.parseDouble(cl.value("speed", Double.toString(o.speed)));
    o.latencyFrom = cl.value("latency-from").map(LocalTime::parse).orElse(o.latencyFrom);
    o.latencyMinutes = cl.positiveInt("latency-minutes", o.latencyMinutes);
    o.alertMinutes = cl.positiveInt("alert-minutes", o.alertMinutes);
    Optional<String> only = cl.value("only");
    if (only.isPresent()) {
      o.throughput = only.get().equals("throughput") || only.get().equals("peer");
      o.pipeline = !only.get().equals("peer");
      o.peer |= only.get().equals("peer");
      o.state = only.get().equals("state");
      o.latency = only.get().equals("latency");
      o.alerts = only.get().equals("alerts");
      o.faults = only.get().equals("faults");
      o.rollups = only.get().equals("rollups");
      o.waitEstimate = only.get().equals("wait-estimate");
      if (!o.throughput
          && !o.state
          && !o.latency
          && !o.alerts
          && !o.faults
          && !o.rollups
          && !o.waitEstimate) {
        throw new CommandLine.UsageException(
            "--only takes throughput, peer, state, latency, alerts, faults, rollups or"
                + " wait-estimate, not "
                + only.get());
      }
    }
    o.rollupDays = cl.positiveInt("rollup-days", o.rollupDays);
    o.rollupRuns = cl.positiveInt("rollup-runs", o.rollupRuns);
    o.faultsPreset = Preset.of(cl.value("faults-preset", "default"));
    String outages = cl.value("outages", "");
    if (!outages.isEmpty()) {
      o.outages = outages.equals("none") ? List.of() : Durations.parseList("--outages", outages);
    }
    o.fuzzEvents = cl.nonNegativeInt("fuzz-events", o.fuzzEvents);
    o.crashes = cl.nonNegativeInt("crashes", o.crashes);
    o.crashPreset = Preset.of(cl.value("crash-preset", "default"));
    if (!(o.speed > 0)) {
      throw new CommandLine.UsageException("--speed must be positive");
    }
    // Whatever is left is the job's (both parts): an unknown key fails now, not after minutes.
    o.base = PipelineConfig.from(cl);
    return o;
  }

  private static List<String> stateBackends(String text) {
    List<String> list = new ArrayList<>();
    for (String b : text.split(",")) {
      String backend = b.trim();
      if (!backend.equals("rocksdb") && !backend.equals("hashmap")) {
        throw new CommandLine.UsageException(
            "--state-backend takes rocksdb and/or hashmap separated by commas, not " + text);
      }
      list.add(backend);
    }
    return List.copyOf(list);
  }

  private static List<Integer> parallelisms(String text) {
    List<Integer> list = new ArrayList<>();
    for (String p : text.split(",")) {
      try {
        int n = Integer.parseInt(p.trim());
        if (n < 1) {
          throw new NumberFormatException();
        }
        list.add(n);
      } catch (NumberFormatException e) {
        throw new CommandLine.UsageException(
            "--parallelism takes positive numbers separated by commas, not " + text);
      }
    }
    return List.copyOf(list);
  }

  /** The documented defaults with the job settings given on the command line. */
  PipelineConfig baseConfig() {
    return base;
  }
}
