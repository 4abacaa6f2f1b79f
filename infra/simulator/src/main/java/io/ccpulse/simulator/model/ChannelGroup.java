package io.ccpulse.simulator.model;

import io.ccpulse.events.Channel;
import java.util.List;

/**
 * Agents are skilled for a group of channels: voice agents, digital agents (chat and messaging, in
 * parallel up to capacity) and back-office agents (email). Most centers staff them separately.
 */
public enum ChannelGroup {
  VOICE(List.of(Channel.VOICE), 0.55),
  DIGITAL(List.of(Channel.CHAT, Channel.MESSAGING), 0.30),
  EMAIL(List.of(Channel.EMAIL), 0.15);

  private final List<Channel> channels;
  private final double staffShare;

  ChannelGroup(List<Channel> channels, double staffShare) {
    this.channels = channels;
    this.staffShare = staffShare;
  }

  public List<Channel> channels() {
    return channels;
  }

  /** Share of a tenant's agents staffed in this group. */
  public double staffShare() {
    return staffShare;
  }

  public static ChannelGroup of(Channel channel) {
    return switch (channel) {
      case VOICE -> VOICE;
      case CHAT, MESSAGING -> DIGITAL;
      case EMAIL -> EMAIL;
    };
  }
}
