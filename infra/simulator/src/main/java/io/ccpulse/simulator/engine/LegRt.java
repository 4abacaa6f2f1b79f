package io.ccpulse.simulator.engine;

import io.ccpulse.events.InteractionType;

/**
 * One leg being worked, planned at ANSWERED: talk segments with holds between them, then the end of
 * talk. Runs itself step by step on the timeline.
 */
final class LegRt implements Runnable {
  final ContactRt contact;
  final QueueRt queue;
  final AgentRt agent;
  final long answeredAt;

  /** Hold i runs from holdStarts[i] to holdEnds[i]. */
  final long[] holdStarts;

  final long[] holdEnds;
  final long talkEnd;
  private final Legs legs;
  private int step;

  LegRt(
      Legs legs,
      ContactRt contact,
      QueueRt queue,
      AgentRt agent,
      long answeredAt,
      long[] holdStarts,
      long[] holdEnds,
      long talkEnd) {
    this.legs = legs;
    this.contact = contact;
    this.queue = queue;
    this.agent = agent;
    this.answeredAt = answeredAt;
    this.holdStarts = holdStarts;
    this.holdEnds = holdEnds;
    this.talkEnd = talkEnd;
  }

  /** The time of the next step. */
  long nextTime() {
    int hold = step / 2;
    if (hold < holdStarts.length) {
      return step % 2 == 0 ? holdStarts[hold] : holdEnds[hold];
    }
    return talkEnd;
  }

  @Override
  public void run() {
    int hold = step / 2;
    if (hold < holdStarts.length) {
      legs.step(this, step % 2 == 0 ? InteractionType.HOLD_STARTED : InteractionType.HOLD_ENDED);
      step++;
      legs.schedule(this);
    } else {
      legs.endTalk(this);
    }
  }
}
