package io.ccpulse.simulator.model;

import io.ccpulse.events.Channel;
import java.time.Duration;

/**
 * How contacts on one channel behave: duration distributions, hold and transfer habits, customer
 * patience, how many an agent takes at once, and how often customers answer a survey.
 *
 * @param talk talk time of one leg (connected time without hold)
 * @param holdProbability chance a leg has at least one hold
 * @param moreHoldsProbability chance of each further hold once a leg has one
 * @param hold duration of one hold segment
 * @param acw after-contact work (wrap-up) of one leg
 * @param patience how long a customer waits in queue before abandoning
 * @param transferProbability chance a leg ends in a transfer (at most two per contact)
 * @param directTransferShare share of transfers that go straight to an agent instead of a queue
 * @param capacity contacts of this channel an agent handles at once (chat concurrency)
 * @param csatShare share of completed contacts whose customer answers the survey
 * @param alertMin shortest time from routing to ANSWERED (ringing, accepting a chat)
 * @param alertMax longest time from routing to ANSWERED
 */
public record ChannelProfile(
    Channel channel,
    Lognormal talk,
    double holdProbability,
    double moreHoldsProbability,
    Lognormal hold,
    Lognormal acw,
    Lognormal patience,
    double transferProbability,
    double directTransferShare,
    int capacity,
    double csatShare,
    Duration alertMin,
    Duration alertMax) {

  /** Defaults drawn from typical published contact-center figures for each channel. */
  public static ChannelProfile defaults(Channel channel) {
    return switch (channel) {
      case VOICE ->
          new ChannelProfile(
              channel,
              Lognormal.of(240, 0.65),
              0.25,
              0.25,
              Lognormal.of(40, 0.7),
              Lognormal.of(40, 0.6),
              Lognormal.of(75, 0.9),
              0.08,
              0.25,
              1,
              0.2,
              Duration.ofSeconds(2),
              Duration.ofSeconds(7));
      case CHAT ->
          new ChannelProfile(
              channel,
              Lognormal.of(420, 0.6),
              0.08,
              0.1,
              Lognormal.of(60, 0.6),
              Lognormal.of(30, 0.6),
              Lognormal.of(150, 0.9),
              0.05,
              0.3,
              3,
              0.3,
              Duration.ofSeconds(2),
              Duration.ofSeconds(10));
      case MESSAGING ->
          new ChannelProfile(
              channel,
              Lognormal.of(720, 0.8),
              0.03,
              0.1,
              Lognormal.of(90, 0.6),
              Lognormal.of(25, 0.6),
              Lognormal.of(900, 1.0),
              0.03,
              0.2,
              3,
              0.25,
              Duration.ofSeconds(3),
              Duration.ofSeconds(15));
      case EMAIL ->
          new ChannelProfile(
              channel,
              Lognormal.of(360, 0.7),
              0.0,
              0.0,
              Lognormal.of(60, 0.6),
              Lognormal.of(60, 0.6),
              new Lognormal(Duration.ofHours(6), 0.5),
              0.04,
              0.0,
              1,
              0.1,
              Duration.ZERO,
              Duration.ofSeconds(2));
    };
  }

  /**
   * Expected handle time of one leg in milliseconds (talk + holds + acw), for sizing arrival rates.
   */
  public double meanHandleMillis() {
    double expectedHolds = holdProbability / (1 - Math.min(0.95, moreHoldsProbability));
    return talk.meanMillis() + expectedHolds * hold.meanMillis() + acw.meanMillis();
  }

  /**
   * Voice and email take an agent's whole attention; chat and messaging share it up to capacity.
   */
  public boolean exclusive() {
    return channel == Channel.VOICE || channel == Channel.EMAIL;
  }

  public ChannelProfile withTalk(Lognormal v) {
    return new ChannelProfile(
        channel,
        v,
        holdProbability,
        moreHoldsProbability,
        hold,
        acw,
        patience,
        transferProbability,
        directTransferShare,
        capacity,
        csatShare,
        alertMin,
        alertMax);
  }

  public ChannelProfile withHold(double probability, double more, Lognormal v) {
    return new ChannelProfile(
        channel,
        talk,
        probability,
        more,
        v,
        acw,
        patience,
        transferProbability,
        directTransferShare,
        capacity,
        csatShare,
        alertMin,
        alertMax);
  }

  public ChannelProfile withAcw(Lognormal v) {
    return new ChannelProfile(
        channel,
        talk,
        holdProbability,
        moreHoldsProbability,
        hold,
        v,
        patience,
        transferProbability,
        directTransferShare,
        capacity,
        csatShare,
        alertMin,
        alertMax);
  }

  public ChannelProfile withPatience(Lognormal v) {
    return new ChannelProfile(
        channel,
        talk,
        holdProbability,
        moreHoldsProbability,
        hold,
        acw,
        v,
        transferProbability,
        directTransferShare,
        capacity,
        csatShare,
        alertMin,
        alertMax);
  }

  public ChannelProfile withTransfers(double probability, double directShare) {
    return new ChannelProfile(
        channel,
        talk,
        holdProbability,
        moreHoldsProbability,
        hold,
        acw,
        patience,
        probability,
        directShare,
        capacity,
        csatShare,
        alertMin,
        alertMax);
  }

  public ChannelProfile withCapacity(int v) {
    return new ChannelProfile(
        channel,
        talk,
        holdProbability,
        moreHoldsProbability,
        hold,
        acw,
        patience,
        transferProbability,
        directTransferShare,
        v,
        csatShare,
        alertMin,
        alertMax);
  }

  public ChannelProfile withCsatShare(double v) {
    return new ChannelProfile(
        channel,
        talk,
        holdProbability,
        moreHoldsProbability,
        hold,
        acw,
        patience,
        transferProbability,
        directTransferShare,
        capacity,
        v,
        alertMin,
        alertMax);
  }

  public ChannelProfile withAlert(Duration min, Duration max) {
    return new ChannelProfile(
        channel,
        talk,
        holdProbability,
        moreHoldsProbability,
        hold,
        acw,
        patience,
        transferProbability,
        directTransferShare,
        capacity,
        csatShare,
        min,
        max);
  }
}
