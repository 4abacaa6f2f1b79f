package io.ccpulse.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Ready-made scenario sizes. All start on Monday 2026-01-05 (UTC) and use the default faults. */
public enum Preset {
  /** One tenant, 6 queues on all four channels, 12 agents, 2 hours: quick checks and tests. */
  SMALL(1, 6, 12, "2026-01-05T09:00:00Z", Duration.ofHours(2)),
  /**
   * Two tenants, 9 queues each (3 voice, 2 of every other channel), 100 agents, a 10-hour working
   * day: what {@code make run} feeds.
   */
  DEFAULT(2, 9, 100, "2026-01-05T08:00:00Z", Duration.ofHours(10)),
  /** Ten tenants, 12 queues each, 2,000 agents around the clock: load tests. */
  LARGE(10, 12, 2000, "2026-01-05T00:00:00Z", Duration.ofHours(24)),
  /**
   * One tenant, 9 queues, 40 agents on a weekly rota for three weeks (day and evening shifts, days
   * off, quieter weekends), with agents whose work changes from the second week: what the burnout
   * baselines are checked on.
   */
  WEEKS(1, 9, 40, "2026-01-05T00:00:00Z", Duration.ofDays(21));

  private final int tenants;
  private final int queuesPerTenant;
  private final int agents;
  private final Instant start;
  private final Duration duration;

  Preset(int tenants, int queuesPerTenant, int agents, String start, Duration duration) {
    this.tenants = tenants;
    this.queuesPerTenant = queuesPerTenant;
    this.agents = agents;
    this.start = Instant.parse(start);
    this.duration = duration;
  }

  /** A builder with this preset's values. */
  public Scenario.Builder builder() {
    return new Scenario.Builder()
        .name(label())
        .tenants(tenants)
        .queuesPerTenant(queuesPerTenant)
        .agents(agents)
        .start(start)
        .duration(duration)
        .rota(this == WEEKS)
        // Weeks are about agents whose work changes (docs/burnout.md quotes its tables); callbacks
        // are the default day's. --callback-accept turns them on here too.
        .callbacks(
            this == WEEKS
                ? CallbackSettings.defaults().withAcceptShare(0)
                : CallbackSettings.defaults());
  }

  /** This preset with a seed, everything else default. */
  public Scenario scenario(long seed) {
    return builder().seed(seed).build();
  }

  /** The lower-case name used on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Preset of(String label) {
    for (Preset p : values()) {
      if (p.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown preset '" + label + "' (small, default, large, weeks)");
  }
}
