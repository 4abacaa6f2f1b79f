package io.ccpulse.pipeline.burnout;

/** One agent's assessment at the end of one interval of a shift: a row of burnout_assessments. */
public class BurnoutRow {
  public String tenantId;
  public String agentId;
  public long intervalSizeSeconds;
  public long intervalStart;

  /** The instant judged: the end of the interval, or the logout for the shift's last row. */
  public long assessedAt;

  public long shiftStart;
  public int score;
  public Level level;

  /** Every indicator by {@link Factor} ordinal; NaN where there was too little to judge. */
  public double[] values;

  /** Completed legs this shift. */
  public long contacts;

  /** The factors over threshold, as JSON: factor, value, threshold, weight. */
  public String factors;

  public long version;

  public BurnoutRow() {}

  public double value(Factor f) {
    return values[f.ordinal()];
  }

  @Override
  public String toString() {
    return tenantId + "/" + agentId + " @" + assessedAt + " " + level + " " + score + " " + factors;
  }
}
