package io.ccpulse.pipeline.interval;

import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.sums.SumsBeforeWindows;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sums the facts per entity and interval of one size before the interval windows, which would
 * otherwise get a record for each fact and entity it counts for (two or three); summed, they get
 * about one per entity and interval ({@link SumsBeforeWindows}). A fact that comes after its
 * interval closed here goes on alone, with the fact, so a window that rejects it can name it.
 * Exact: the windows add the sums as they added the facts ({@link IntervalFigures#merge}), every
 * figure a sum or a maximum.
 */
public final class IntervalSums extends SumsBeforeWindows<ContactFact, IntervalKey, EntityFigures> {
  private static final long serialVersionUID = 1L;

  private final boolean agents;
  private final Thresholds thresholds;

  /** {@code agents}: whether agents have rows at this size. */
  public IntervalSums(Duration size, boolean agents, Thresholds thresholds) {
    super(size);
    this.agents = agents;
    this.thresholds = thresholds;
  }

  @Override
  protected long at(ContactFact fact) {
    return fact.at;
  }

  @Override
  protected EntityFigures sum(IntervalKey key, long intervalStart) {
    return EntityFigures.of(key, intervalStart);
  }

  @Override
  protected void add(ContactFact fact, Function<IntervalKey, EntityFigures> sums) {
    Entities.each(fact, agents, key -> sums.apply(key).figures.add(fact, thresholds));
  }

  @Override
  protected void alone(ContactFact fact, long intervalStart, Consumer<EntityFigures> out) {
    Entities.each(
        fact,
        agents,
        key -> {
          EntityFigures alone = EntityFigures.of(key, intervalStart);
          alone.figures.add(fact, thresholds);
          alone.fact = fact;
          out.accept(alone);
        });
  }
}
