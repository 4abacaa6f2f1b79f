package io.ccpulse.simulator.scenario;

import io.ccpulse.events.Channel;
import io.ccpulse.simulator.model.ChannelProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that determines a simulation's output: seed, simulated period, size of the center,
 * channel behaviour, Erlang-A mode, truth settings, faults and an optional understaffing stretch.
 * The same scenario always gives the same bytes. Build one from a {@link Preset} and adjust it with
 * the {@link Builder}.
 */
public final class Scenario {
  private final String name;
  private final long seed;
  private final Instant start;
  private final Duration duration;
  private final int tenants;
  private final int queuesPerTenant;
  private final int agents;
  private final Map<Channel, ChannelProfile> channels;
  private final double loadFactor;
  private final double strainedShare;
  private final double repeatShare;
  private final CallbackSettings callbacks;
  private final int surgesPerTenant;
  private final ErlangA erlangA;
  private final TruthSettings truth;
  private final FaultSettings faults;
  private final Understaffing understaffing;
  private final boolean rota;

  private Scenario(Builder b) {
    this.name = b.name;
    this.seed = b.seed;
    this.start = Objects.requireNonNull(b.start, "start");
    this.duration = Objects.requireNonNull(b.duration, "duration");
    this.tenants = b.tenants;
    this.queuesPerTenant = b.queuesPerTenant;
    this.agents = b.agents;
    this.channels = Map.copyOf(b.channels);
    this.loadFactor = b.loadFactor;
    this.strainedShare = b.strainedShare;
    this.repeatShare = b.repeatShare;
    this.callbacks = b.callbacks;
    this.surgesPerTenant = b.surgesPerTenant;
    this.erlangA = b.erlangA;
    this.truth = b.truth;
    this.faults = b.faults;
    this.rota = b.rota;
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive");
    }
    if (erlangA == null && (tenants < 1 || queuesPerTenant < 1 || agents < tenants * 3)) {
      throw new IllegalArgumentException(
          "need at least one tenant, one queue per tenant and three agents per tenant (one per channel group)");
    }
    if (!(loadFactor > 0 && loadFactor <= 3)) {
      throw new IllegalArgumentException("load factor must be in (0, 3], was " + loadFactor);
    }
    this.understaffing =
        b.understaffing == null
            ? null
            : b.understaffing.resolve(duration, tenants, queuesPerTenant, erlangA != null);
  }

  /** A builder preset with {@link Preset#DEFAULT}. */
  public static Builder builder() {
    return Preset.DEFAULT.builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.seed = seed;
    b.start = start;
    b.duration = duration;
    b.tenants = tenants;
    b.queuesPerTenant = queuesPerTenant;
    b.agents = agents;
    b.channels.putAll(channels);
    b.loadFactor = loadFactor;
    b.strainedShare = strainedShare;
    b.repeatShare = repeatShare;
    b.callbacks = callbacks;
    b.surgesPerTenant = surgesPerTenant;
    b.erlangA = erlangA;
    b.truth = truth;
    b.faults = faults;
    b.understaffing = understaffing;
    b.rota = rota;
    return b;
  }

  /** The preset this scenario started from (for logs). */
  public String name() {
    return name;
  }

  public long seed() {
    return seed;
  }

  /** Start of the simulated period (first arrivals, first logins). */
  public Instant start() {
    return start;
  }

  /**
   * Length of the arrival window. Contacts still open at its end run to completion and the agents
   * then log out, so the last events fall a little after {@code start + duration}.
   */
  public Duration duration() {
    return duration;
  }

  public Instant end() {
    return start.plus(duration);
  }

  public int tenants() {
    return tenants;
  }

  public int queuesPerTenant() {
    return queuesPerTenant;
  }

  /** Agents in total, spread evenly over tenants (in Erlang-A mode: the servers n). */
  public int agents() {
    return erlangA != null ? erlangA.agents() : agents;
  }

  public ChannelProfile channel(Channel channel) {
    return channels.get(channel);
  }

  /**
   * Multiplies the traffic sized for the planned staffing (square-root staffing, see the README): 1
   * is a well-run center, above 1 an understaffed one.
   */
  public double loadFactor() {
    return loadFactor;
  }

  /** Share of agents strained on purpose. */
  public double strainedShare() {
    return strainedShare;
  }

  /** Base chance that a customer contacts again within hours (higher after an abandon). */
  public double repeatShare() {
    return repeatShare;
  }

  /** When voice callers are offered a callback. */
  public CallbackSettings callbacks() {
    return callbacks;
  }

  /** Unforecast surges (one queue, 30–60 min, 1.6 × traffic) per tenant. */
  public int surgesPerTenant() {
    return surgesPerTenant;
  }

  /** The Erlang-A parameters, or {@code null} for the realistic model. */
  public ErlangA erlangA() {
    return erlangA;
  }

  public TruthSettings truth() {
    return truth;
  }

  public FaultSettings faults() {
    return faults;
  }

  /**
   * The understaffing stretch with its queue named, or {@code null} for none. The default queue is
   * the first tenant's main voice queue, {@code t01.voice.support}: a channel's first queue gets
   * twice a sibling's traffic ({@code t01.voice.erlang} in Erlang-A mode).
   */
  public Understaffing understaffing() {
    return understaffing;
  }

  /**
   * A weekly rota instead of one day's shifts: day and evening teams, days off, quieter weekends,
   * and agents whose work changes over the weeks (see {@link RotaPlanner}); {@link
   * #strainedShare()} does not apply.
   */
  public boolean rota() {
    return rota;
  }

  @Override
  public String toString() {
    return name
        + " seed="
        + seed
        + " start="
        + start
        + " duration="
        + duration
        + (erlangA != null
            ? " " + erlangA
            : " tenants=" + tenants + " queues/tenant=" + queuesPerTenant + " agents=" + agents)
        + (understaffing != null ? " understaff=" + understaffing : "")
        + (rota ? " rota" : "");
  }

  /** Mutable builder; every setter returns {@code this}. */
  public static final class Builder {
    String name = "custom";
    long seed = 1;
    Instant start;
    Duration duration;
    int tenants;
    int queuesPerTenant;
    int agents;
    final Map<Channel, ChannelProfile> channels = new EnumMap<>(Channel.class);
    double loadFactor = 1.0;
    double strainedShare = 0.1;
    double repeatShare = 0.12;
    CallbackSettings callbacks = CallbackSettings.defaults();
    int surgesPerTenant = 1;
    ErlangA erlangA;
    TruthSettings truth = TruthSettings.defaults();
    FaultSettings faults = FaultSettings.defaults();
    Understaffing understaffing;
    boolean rota;

    Builder() {
      for (Channel c : Channel.values()) {
        channels.put(c, ChannelProfile.defaults(c));
      }
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder start(Instant v) {
      start = v;
      return this;
    }

    public Builder duration(Duration v) {
      duration = v;
      return this;
    }

    public Builder tenants(int v) {
      tenants = v;
      return this;
    }

    public Builder queuesPerTenant(int v) {
      queuesPerTenant = v;
      return this;
    }

    public Builder agents(int v) {
      agents = v;
      if (erlangA != null) {
        erlangA =
            new ErlangA(
                erlangA.lambdaPerMinute(), erlangA.muPerMinute(), erlangA.thetaPerMinute(), v);
      }
      return this;
    }

    public Builder channel(ChannelProfile v) {
      channels.put(v.channel(), v);
      return this;
    }

    public ChannelProfile channel(Channel c) {
      return channels.get(c);
    }

    public Builder loadFactor(double v) {
      loadFactor = v;
      return this;
    }

    public Builder strainedShare(double v) {
      strainedShare = v;
      return this;
    }

    public Builder callbacks(CallbackSettings v) {
      callbacks = v;
      return this;
    }

    public Builder repeatShare(double v) {
      repeatShare = v;
      return this;
    }

    public Builder surgesPerTenant(int v) {
      surgesPerTenant = v;
      return this;
    }

    /** Switches to Erlang-A mode ({@code null} switches back). */
    public Builder erlangA(ErlangA v) {
      erlangA = v;
      return this;
    }

    public ErlangA erlangA() {
      return erlangA;
    }

    public Builder truth(TruthSettings v) {
      truth = v;
      return this;
    }

    public TruthSettings truth() {
      return truth;
    }

    public Builder faults(FaultSettings v) {
      faults = v;
      return this;
    }

    public FaultSettings faults() {
      return faults;
    }

    /**
     * One queue loses its staff for a stretch of the run ({@code null}: none, the default). An
     * unknown queue or a start outside the arrival window fails {@link #build()}.
     */
    public Builder understaffing(Understaffing v) {
      understaffing = v;
      return this;
    }

    /** A weekly rota (true) or one day's shifts (false, the default). */
    public Builder rota(boolean v) {
      rota = v;
      return this;
    }

    public Scenario build() {
      return new Scenario(this);
    }
  }
}
