package io.ccpulse.simulator.truth;

import java.util.List;
import java.util.Locale;

/**
 * One figure of a truth row. Every figure is a count or a sum (or, for {@link #WAIT_MAX_MS}, a
 * maximum), never an average, so rollups stay exact. docs/metrics.md defines each one.
 */
public enum Figure {
  HANDLED(Group.LEG),
  TALK_MS(Group.LEG),
  HOLD_MS(Group.LEG),
  ACW_MS(Group.LEG),
  HANDLE_MS(Group.LEG),
  HOLD_COUNT(Group.LEG),
  HELD_CONTACTS(Group.LEG),
  TRANSFERRED_OUT(Group.LEG),
  CALLBACKS_HANDLED(Group.LEG),
  ENTERED(Group.QUEUE),
  TRANSFERRED_IN(Group.QUEUE),
  OFFERED(Group.QUEUE),
  ANSWERED(Group.QUEUE),
  ABANDONED(Group.QUEUE),
  SHORT_ABANDONED(Group.QUEUE),
  ABANDON_TIME_MS(Group.QUEUE),
  MOVED_UNANSWERED(Group.QUEUE),
  CALLBACKS_REQUESTED(Group.QUEUE),
  CALLBACKS_DIALED(Group.QUEUE),
  CALLBACK_WAIT_MS(Group.QUEUE),
  WAIT_ANSWERED_MS(Group.QUEUE),
  WAIT_MAX_MS(Group.QUEUE),
  ANSWERED_WITHIN_SL(Group.QUEUE),
  CSAT_RESPONSES(Group.CSAT),
  CSAT_SUM(Group.CSAT),
  CSAT_SATISFIED(Group.CSAT),
  NPS_RESPONSES(Group.CSAT),
  NPS_PROMOTERS(Group.CSAT),
  NPS_DETRACTORS(Group.CSAT),
  LOGGED_IN_MS(Group.AGENT_TIME),
  AVAILABLE_MS(Group.AGENT_TIME),
  BUSY_MS(Group.AGENT_TIME),
  AVAILABLE_IDLE_MS(Group.AGENT_TIME);

  /** Every figure, in file order. */
  public static final List<Figure> ALL = List.of(values());

  /** The families of figures; a row kind carries whole families. */
  public enum Group {
    LEG,
    QUEUE,
    CSAT,
    AGENT_TIME
  }

  private final Group group;
  private final String column;

  Figure(Group group) {
    this.group = group;
    this.column = name().toLowerCase(Locale.ROOT);
  }

  public Group group() {
    return group;
  }

  /** The field name in truth files and the column name in docs/metrics.md. */
  public String column() {
    return column;
  }

  /** True for the one figure that combines by maximum instead of by sum. */
  public boolean isMax() {
    return this == WAIT_MAX_MS;
  }

  public static Figure ofColumn(String column) {
    return valueOf(column.toUpperCase(Locale.ROOT));
  }
}
