package io.ccpulse.simulator.scenario;

import io.ccpulse.events.Channel;
import io.ccpulse.simulator.model.ChannelProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The scenario settings by name: the same keys work as command-line flags ({@code --fault-duplicate
 * 0.01}) and in scenario files ({@code fault-duplicate=0.01}).
 *
 * <p>Keys are applied in this registry's order, not the order given, so a result never depends on
 * how flags were arranged (e.g. {@code --agents} after {@code --erlang-a} sets the servers n).
 */
public final class ScenarioKeys {
  /** One setting: its name, a value hint for help, the help text, and how it changes a builder. */
  public record Key(
      String name,
      String hint,
      String help,
      boolean flag,
      BiConsumer<Scenario.Builder, String> apply) {}

  private static final Map<String, Key> KEYS = new LinkedHashMap<>();

  static {
    add(
        "seed",
        "N",
        "random seed; the same seed and settings give identical output",
        (b, v) -> b.seed(Long.parseLong(v.trim())));
    add(
        "start",
        "TIME",
        "simulated start: ISO-8601, a date, or now (for live runs)",
        (b, v) -> b.start(Values.instant(v)));
    add(
        "duration",
        "DUR",
        "arrival window (e.g. 10h, 90m, PT2H); open contacts finish after it",
        (b, v) -> b.duration(Values.duration(v)));
    add("tenants", "N", "tenants (contact centers)", (b, v) -> b.tenants(Values.positiveInt(v)));
    add(
        "queues",
        "N",
        "queues per tenant, spread over the four channels",
        (b, v) -> b.queuesPerTenant(Values.positiveInt(v)));
    flag(
        "erlang-a",
        "Erlang-A (M/M/n+M) mode: one voice queue, exponential everything, no holds/transfers/wrap-up",
        (b, v) -> b.erlangA(Boolean.parseBoolean(v) ? erlang(b) : null));
    add(
        "lambda",
        "RATE",
        "Erlang-A arrival rate (per minute; or 0.2/s, 600/h); implies --erlang-a",
        (b, v) ->
            erlangSet(
                b, (e, r) -> new ErlangA(r, e.muPerMinute(), e.thetaPerMinute(), e.agents()), v));
    add(
        "mu",
        "RATE",
        "Erlang-A service rate per agent (per minute); implies --erlang-a",
        (b, v) ->
            erlangSet(
                b,
                (e, r) -> new ErlangA(e.lambdaPerMinute(), r, e.thetaPerMinute(), e.agents()),
                v));
    add(
        "theta",
        "RATE",
        "Erlang-A abandonment rate, 1 / mean patience (per minute); implies --erlang-a",
        (b, v) ->
            erlangSet(
                b, (e, r) -> new ErlangA(e.lambdaPerMinute(), e.muPerMinute(), r, e.agents()), v));
    add(
        "agents",
        "N",
        "agents in total, spread over tenants (Erlang-A: the servers n)",
        (b, v) -> b.agents(Values.positiveInt(v)));
    add(
        "load-factor",
        "X",
        "traffic relative to what the staffing handles well (default 1; 1.2 = understaffed)",
        (b, v) -> b.loadFactor(Values.number(v)));
    add(
        "strained-share",
        "P",
        "share of agents strained on purpose (default 0.1)",
        (b, v) -> b.strainedShare(Values.probability(v)));
    add(
        "rota",
        "true|false",
        "a weekly rota: day and evening shifts, days off, quieter weekends, agents whose work"
            + " changes over the weeks (the weeks preset; default false)",
        (b, v) -> b.rota(Boolean.parseBoolean(v.trim())));
    add(
        "repeat-share",
        "P",
        "chance a customer contacts again within hours (default 0.12)",
        (b, v) -> b.repeatShare(Values.probability(v)));
    add(
        "callback-offer-above",
        "DUR",
        "offer a voice caller a callback when the estimated wait is above this (default 60s)",
        (b, v) -> b.callbacks(b.callbacks.withOfferAbove(Values.duration(v))));
    add(
        "callback-accept",
        "P",
        "chance a caller offered a callback takes it (default 0.4; 0: no callbacks)",
        (b, v) -> b.callbacks(b.callbacks.withAcceptShare(Values.probability(v))));
    add(
        "surges",
        "N",
        "unforecast traffic surges per tenant (default 1)",
        (b, v) -> b.surgesPerTenant(Integer.parseInt(v.trim())));
    add(
        "understaff",
        "QUEUE@START[+LEN]",
        "the queue's agents go NOT_READY (once free) from START into the run"
            + " for LEN (default 30m), e.g. t01.voice.sales@2h; @2h: t01.voice.support; off: none",
        (b, v) ->
            b.understaffing(v.isBlank() || v.trim().equals("off") ? null : Understaffing.parse(v)));
    add(
        "intervals",
        "LIST",
        "truth interval sizes, as the job's metrics.intervals (default 1min,15min; sets the agents'"
            + " and agent time's too: give those after it)",
        (b, v) -> b.truth(b.truth().withIntervals(Values.intervals(v))));
    add(
        "agent-intervals",
        "LIST",
        "of the interval sizes, those agents have rows at, as the job's metrics.agent-intervals"
            + " (default 15min)",
        (b, v) -> b.truth(b.truth().withAgentIntervals(Values.intervals(v))));
    add(
        "agent-time-intervals",
        "LIST",
        "truth agent-time sizes, as the job's metrics.agent-time-intervals (default 15min; --intervals sets both: give this after it)",
        (b, v) -> b.truth(b.truth().withAgentTimeIntervals(Values.intervals(v))));
    add(
        "service-level-threshold",
        "DUR",
        "answered within this wait counts for service level (default 20s)",
        (b, v) ->
            b.truth(
                b.truth().withThresholds(Values.duration(v), b.truth().shortAbandonThreshold())));
    add(
        "short-abandon-threshold",
        "DUR",
        "abandons quicker than this are short (default 5s)",
        (b, v) ->
            b.truth(
                b.truth().withThresholds(b.truth().serviceLevelThreshold(), Values.duration(v))));
    flag(
        "no-faults",
        "inject no faults at all (applied before the fault-* keys)",
        (b, v) -> b.faults(Boolean.parseBoolean(v) ? FaultSettings.none() : b.faults()));
    add(
        "fault-duplicate",
        "P",
        "share of events delivered twice (default 0.005)",
        (b, v) -> b.faults(b.faults().withDuplicateRate(Values.probability(v))));
    add(
        "fault-out-of-order",
        "P",
        "share of events delayed by up to --fault-max-delay (default 0.02)",
        (b, v) ->
            b.faults(b.faults().withOutOfOrder(Values.probability(v), b.faults().maxDelay())));
    add(
        "fault-max-delay",
        "DUR",
        "longest out-of-order or duplicate delay, at most --lateness (default 60s)",
        (b, v) ->
            b.faults(b.faults().withOutOfOrder(b.faults().outOfOrderRate(), Values.duration(v))));
    add(
        "lateness",
        "DUR",
        "the pipeline's allowed lateness (default 5m)",
        (b, v) ->
            b.faults(
                b.faults()
                    .withTooLate(
                        b.faults().tooLateRate(), Values.duration(v), b.faults().tooLateDelay())));
    add(
        "fault-too-late",
        "P",
        "share of contacts delivered after the allowed lateness (default 0.002)",
        (b, v) ->
            b.faults(
                b.faults()
                    .withTooLate(
                        Values.probability(v), b.faults().lateness(), b.faults().tooLateDelay())));
    add(
        "fault-too-late-delay",
        "DUR",
        "their delay (default lateness + 2 x largest interval)",
        (b, v) ->
            b.faults(
                b.faults()
                    .withTooLate(
                        b.faults().tooLateRate(), b.faults().lateness(), Values.duration(v))));
    add(
        "fault-unreadable",
        "P",
        "extra unreadable records per event (default 0.0005)",
        (b, v) -> b.faults(b.faults().withUnreadableRate(Values.probability(v))));
    add(
        "fault-unknown-schema",
        "P",
        "extra records with an unknown schema fingerprint per event (default 0.0005)",
        (b, v) -> b.faults(b.faults().withUnknownSchemaRate(Values.probability(v))));
    add(
        "fault-impossible",
        "P",
        "extra impossible transition per leg or abandon (default 0.002)",
        (b, v) -> b.faults(b.faults().withImpossibleRate(Values.probability(v))));
    add(
        "fault-fuzz",
        "N",
        "malformed events mixed into the day, and a contact with 10,000 holds (default 0)",
        (b, v) ->
            b.faults(
                b.faults()
                    .withFuzz(
                        Integer.parseInt(v.trim()) == 0
                            ? FuzzSettings.none()
                            : FuzzSettings.of(Values.positiveInt(v))
                                .withTenantsListed(b.faults().fuzz().tenantsListed()))));
    add(
        "fault-fuzz-contact-events",
        "N",
        "events of the fuzz stream's endlessly holding contact (default 10000)",
        (b, v) ->
            b.faults(
                b.faults()
                    .withFuzz(b.faults().fuzz().withContactEvents(Integer.parseInt(v.trim())))));
    for (Channel c : Channel.values()) {
      channelKeys(c);
    }
  }

  private ScenarioKeys() {}

  /** Every key, in application order. */
  public static List<Key> all() {
    return Collections.unmodifiableList(new ArrayList<>(KEYS.values()));
  }

  public static boolean has(String name) {
    return KEYS.containsKey(name);
  }

  public static Key key(String name) {
    return KEYS.get(name);
  }

  /**
   * Applies the settings in registry order. Unknown keys and bad values throw {@link
   * IllegalArgumentException} naming the key.
   */
  public static void apply(Scenario.Builder builder, Map<String, String> settings) {
    for (String name : settings.keySet()) {
      if (!KEYS.containsKey(name)) {
        throw new IllegalArgumentException("unknown setting '" + name + "'");
      }
    }
    for (Key key : KEYS.values()) {
      String value = settings.get(key.name());
      if (value != null) {
        try {
          key.apply().accept(builder, value);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(key.name() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private static void add(
      String name, String hint, String help, BiConsumer<Scenario.Builder, String> apply) {
    KEYS.put(name, new Key(name, hint, help, false, apply));
  }

  private static void flag(String name, String help, BiConsumer<Scenario.Builder, String> apply) {
    KEYS.put(name, new Key(name, "", help, true, apply));
  }

  private static ErlangA erlang(Scenario.Builder b) {
    return b.erlangA() != null ? b.erlangA() : ErlangA.defaults();
  }

  private static void erlangSet(
      Scenario.Builder b, BiFunction<ErlangA, Double, ErlangA> f, String v) {
    b.erlangA(f.apply(erlang(b), Values.ratePerMinute(v)));
  }

  private static void channelKeys(Channel c) {
    String p = c.name().toLowerCase(Locale.ROOT) + ".";
    String ch = c.name().toLowerCase(Locale.ROOT);
    chan(
        c,
        p + "talk-median",
        "DUR",
        ch + " talk time median",
        (x, v) -> x.withTalk(x.talk().withMedian(Values.duration(v))));
    chan(
        c,
        p + "talk-sigma",
        "X",
        ch + " talk time lognormal shape",
        (x, v) -> x.withTalk(x.talk().withSigma(Values.number(v))));
    chan(
        c,
        p + "hold-probability",
        "P",
        ch + " chance of at least one hold",
        (x, v) -> x.withHold(Values.probability(v), x.moreHoldsProbability(), x.hold()));
    chan(
        c,
        p + "hold-median",
        "DUR",
        ch + " hold segment median",
        (x, v) ->
            x.withHold(
                x.holdProbability(),
                x.moreHoldsProbability(),
                x.hold().withMedian(Values.duration(v))));
    chan(
        c,
        p + "acw-median",
        "DUR",
        ch + " after-contact work median",
        (x, v) -> x.withAcw(x.acw().withMedian(Values.duration(v))));
    chan(
        c,
        p + "patience-median",
        "DUR",
        ch + " customer patience median",
        (x, v) -> x.withPatience(x.patience().withMedian(Values.duration(v))));
    chan(
        c,
        p + "transfer-probability",
        "P",
        ch + " chance a leg ends in a transfer",
        (x, v) -> x.withTransfers(Values.probability(v), x.directTransferShare()));
    chan(
        c,
        p + "capacity",
        "N",
        ch + " contacts an agent takes at once",
        (x, v) -> x.withCapacity(Values.positiveInt(v)));
    chan(
        c,
        p + "csat-share",
        "P",
        ch + " share of completed contacts with a survey",
        (x, v) -> x.withCsatShare(Values.probability(v)));
  }

  private static void chan(
      Channel c,
      String name,
      String hint,
      String help,
      BiFunction<ChannelProfile, String, ChannelProfile> f) {
    add(name, hint, help, (b, v) -> b.channel(f.apply(b.channel(c), v)));
  }
}
