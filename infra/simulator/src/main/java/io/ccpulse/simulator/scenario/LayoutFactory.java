package io.ccpulse.simulator.scenario;

import io.ccpulse.events.Channel;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.CenterLayout;
import io.ccpulse.simulator.model.ChannelGroup;
import io.ccpulse.simulator.model.ContactQueue;
import io.ccpulse.simulator.model.Pace;
import io.ccpulse.simulator.model.Rng;
import io.ccpulse.simulator.model.Shift;
import io.ccpulse.simulator.model.Trajectory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the organisation from a scenario's counts: queues spread over the channels, agents spread
 * over channel groups and skilled for some of their group's queues, and their shifts.
 */
public final class LayoutFactory {
  private static final Map<Channel, List<String>> QUEUE_NAMES =
      Map.of(
          Channel.VOICE, List.of("support", "sales", "billing", "retention", "technical", "vip"),
          Channel.CHAT, List.of("support", "sales", "onboarding", "technical"),
          Channel.MESSAGING, List.of("support", "orders", "delivery"),
          Channel.EMAIL, List.of("backoffice", "claims", "complaints", "invoices"));

  /** Order channels get their first queue in, and each channel's share of further queues. */
  private static final List<Channel> CHANNEL_ORDER =
      List.of(Channel.VOICE, Channel.CHAT, Channel.EMAIL, Channel.MESSAGING);

  private static final String ERLANG_QUEUE = "t01.voice.erlang";
  private static final Map<Channel, Double> CHANNEL_SHARE =
      Map.of(Channel.VOICE, 0.4, Channel.CHAT, 0.25, Channel.EMAIL, 0.2, Channel.MESSAGING, 0.15);

  private LayoutFactory() {}

  /** The layout of a scenario (the same for the same seed and counts). */
  public static CenterLayout build(Scenario s) {
    Rng rng = Rng.derive(s.seed(), "layout");
    if (s.erlangA() != null) {
      return erlangA(s);
    }
    List<String> tenants = new ArrayList<>();
    List<ContactQueue> queues = new ArrayList<>();
    List<AgentProfile> agents = new ArrayList<>();
    ShiftPlanner shifts = new ShiftPlanner(s, Rng.derive(s.seed(), "shifts"));
    RotaPlanner rota = s.rota() ? new RotaPlanner(s, Rng.derive(s.seed(), "rota")) : null;
    for (int t = 0; t < s.tenants(); t++) {
      String tenant = tenantId(t);
      tenants.add(tenant);
      List<ContactQueue> tq = queues(tenant, s.queuesPerTenant(), rng);
      queues.addAll(tq);
      int tenantAgents = s.agents() / s.tenants() + (t < s.agents() % s.tenants() ? 1 : 0);
      agents.addAll(
          rota != null
              ? rotaAgents(s, tenant, tenantAgents, tq, rota)
              : agents(s, tenant, tenantAgents, tq, shifts, rng));
    }
    return new CenterLayout(tenants, queues, agents);
  }

  /**
   * A layout's queue ids in layout order, without building it: they depend only on the counts (the
   * queues' weights, which do need the seed, are left out).
   */
  static List<String> queueIds(int tenants, int queuesPerTenant, boolean erlangA) {
    if (erlangA) {
      return List.of(ERLANG_QUEUE);
    }
    List<String> ids = new ArrayList<>();
    Rng unused = new Rng(0);
    for (int t = 0; t < tenants; t++) {
      queues(tenantId(t), queuesPerTenant, unused).forEach(q -> ids.add(q.id()));
    }
    return ids;
  }

  /**
   * The first tenant's first voice queue: voice gets every tenant's first queue, and a channel's
   * first queue twice a sibling's traffic, so it is the busiest voice queue of the largest tenant.
   */
  static String mainVoiceQueue(boolean erlangA) {
    return erlangA ? ERLANG_QUEUE : tenantId(0) + ".voice." + QUEUE_NAMES.get(Channel.VOICE).get(0);
  }

  private static String tenantId(int index) {
    return String.format("t%02d", index + 1);
  }

  private static CenterLayout erlangA(Scenario s) {
    String tenant = "t01";
    ContactQueue q = new ContactQueue(ERLANG_QUEUE, tenant, Channel.VOICE, 1, 1);
    long start = s.start().toEpochMilli();
    long end = s.end().toEpochMilli();
    List<AgentProfile> agents = new ArrayList<>();
    for (int i = 0; i < s.erlangA().agents(); i++) {
      agents.add(
          new AgentProfile(
              String.format("t01.a%03d", i + 1),
              tenant,
              ChannelGroup.VOICE,
              List.of(q.id()),
              1,
              false,
              List.of(new Shift(start, end, List.of(), Pace.USUAL)),
              Trajectory.STEADY));
    }
    return new CenterLayout(List.of(tenant), List.of(q), agents);
  }

  /**
   * Spreads n queues over the channels: one each first (two each from eight queues, so every
   * channel has a queue to transfer to), then by channel share.
   */
  static List<ContactQueue> queues(String tenant, int n, Rng rng) {
    Map<Channel, Integer> counts = new EnumMap<>(Channel.class);
    int base = n >= 2 * CHANNEL_ORDER.size() ? 2 : 1;
    for (int i = 0; i < Math.min(n, CHANNEL_ORDER.size()); i++) {
      counts.put(CHANNEL_ORDER.get(i), base);
    }
    for (int i = base * CHANNEL_ORDER.size(); i < n; i++) {
      Channel best = null;
      double bestDeficit = Double.NEGATIVE_INFINITY;
      for (Channel c : CHANNEL_ORDER) {
        double deficit = CHANNEL_SHARE.get(c) * n - counts.getOrDefault(c, 0);
        if (deficit > bestDeficit) {
          best = c;
          bestDeficit = deficit;
        }
      }
      counts.merge(best, 1, Integer::sum);
    }
    List<ContactQueue> out = new ArrayList<>();
    for (Channel c : CHANNEL_ORDER) {
      List<String> names = QUEUE_NAMES.get(c);
      for (int i = 0; i < counts.getOrDefault(c, 0); i++) {
        String name =
            i < names.size() ? names.get(i) : names.get(i % names.size()) + (i / names.size() + 1);
        // The first queue of a channel carries the most traffic, as "support" usually does.
        double weight = (i == 0 ? 2.0 : 1.0) * (0.75 + 0.5 * rng.uniform());
        double durationFactor = 0.8 + 0.45 * rng.uniform();
        out.add(
            new ContactQueue(
                tenant + "." + c.name().toLowerCase(Locale.ROOT) + "." + name,
                tenant,
                c,
                weight,
                durationFactor));
      }
    }
    return out;
  }

  private static List<AgentProfile> agents(
      Scenario s, String tenant, int n, List<ContactQueue> queues, ShiftPlanner shifts, Rng rng) {
    Map<ChannelGroup, List<ContactQueue>> byGroup = new EnumMap<>(ChannelGroup.class);
    for (ContactQueue q : queues) {
      byGroup.computeIfAbsent(ChannelGroup.of(q.channel()), g -> new ArrayList<>()).add(q);
    }
    Map<ChannelGroup, Integer> staff = staffing(byGroup, n);
    List<AgentProfile> out = new ArrayList<>();
    int number = 1;
    for (ChannelGroup g : ChannelGroup.values()) {
      List<ContactQueue> gq = byGroup.get(g);
      if (gq == null) {
        continue;
      }
      int m = staff.get(g);
      int capacity = g.channels().stream().mapToInt(c -> s.channel(c).capacity()).max().orElse(1);
      List<List<String>> skills = skills(gq, m, rng);
      boolean[] strained = strained(m, s.strainedShare(), rng);
      for (int i = 0; i < m; i++) {
        boolean isStrained = strained[i];
        String id = String.format("%s.a%03d", tenant, number++);
        out.add(
            shifts.agent(
                id, tenant, g, isStrained ? all(gq) : skills.get(i), capacity, isStrained, i, m));
      }
    }
    return shifts.coverEveryQueue(out, queues);
  }

  /**
   * A weekly rota's agents: everyone serves all the queues of their group (so a queue is staffed
   * whenever its group is), in day and evening teams; some change over the weeks.
   */
  private static List<AgentProfile> rotaAgents(
      Scenario s, String tenant, int n, List<ContactQueue> queues, RotaPlanner rota) {
    Map<ChannelGroup, List<ContactQueue>> byGroup = new EnumMap<>(ChannelGroup.class);
    for (ContactQueue q : queues) {
      byGroup.computeIfAbsent(ChannelGroup.of(q.channel()), g -> new ArrayList<>()).add(q);
    }
    Map<ChannelGroup, Integer> staff = staffing(byGroup, n);
    List<AgentProfile> out = new ArrayList<>();
    int number = 1;
    for (ChannelGroup g : ChannelGroup.values()) {
      List<ContactQueue> gq = byGroup.get(g);
      if (gq == null) {
        continue;
      }
      int m = staff.get(g);
      int capacity = g.channels().stream().mapToInt(c -> s.channel(c).capacity()).max().orElse(1);
      for (int i = 0; i < m; i++) {
        String id = String.format("%s.a%03d", tenant, number++);
        out.add(rota.agent(id, tenant, g, all(gq), capacity, i, m));
      }
    }
    return out;
  }

  /** Picks round(m × share) agents at random positions to be strained. */
  private static boolean[] strained(int m, double share, Rng rng) {
    boolean[] out = new boolean[m];
    int k = (int) Math.round(m * share);
    for (int picked = 0; picked < k; ) {
      int i = rng.index(m);
      if (!out[i]) {
        out[i] = true;
        picked++;
      }
    }
    return out;
  }

  /**
   * Agents per group by staff share (largest remainder), at least one for each group with queues.
   */
  private static Map<ChannelGroup, Integer> staffing(
      Map<ChannelGroup, List<ContactQueue>> byGroup, int n) {
    double total = byGroup.keySet().stream().mapToDouble(ChannelGroup::staffShare).sum();
    Map<ChannelGroup, Integer> staff = new EnumMap<>(ChannelGroup.class);
    int assigned = 0;
    for (ChannelGroup g : byGroup.keySet()) {
      int k = Math.max(1, (int) Math.floor(n * g.staffShare() / total));
      staff.put(g, k);
      assigned += k;
    }
    while (assigned < n) {
      ChannelGroup best = null;
      double bestDeficit = Double.NEGATIVE_INFINITY;
      for (ChannelGroup g : byGroup.keySet()) {
        double deficit = n * g.staffShare() / total - staff.get(g);
        if (deficit > bestDeficit) {
          best = g;
          bestDeficit = deficit;
        }
      }
      staff.merge(best, 1, Integer::sum);
      assigned++;
    }
    return staff;
  }

  /**
   * Half the agents (all in teams of four or fewer) serve every queue of their group, the rest one
   * or two.
   */
  private static List<List<String>> skills(List<ContactQueue> gq, int m, Rng rng) {
    List<List<String>> skills = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      // Small teams are cross-trained on everything their group handles.
      if (gq.size() == 1 || m <= 4 || rng.chance(0.5)) {
        skills.add(all(gq));
      } else {
        List<String> some = new ArrayList<>();
        int first = rng.index(gq.size());
        some.add(gq.get(first).id());
        if (rng.chance(0.4)) {
          int second = (first + 1 + rng.index(gq.size() - 1)) % gq.size();
          some.add(gq.get(second).id());
        }
        skills.add(some);
      }
    }
    for (int q = 0; q < gq.size(); q++) {
      String id = gq.get(q).id();
      if (skills.stream().noneMatch(l -> l.contains(id))) {
        List<String> l = skills.get(q % m);
        if (!l.contains(id)) {
          l = new ArrayList<>(l);
          l.add(id);
          skills.set(q % m, l);
        }
      }
    }
    return skills;
  }

  private static List<String> all(List<ContactQueue> gq) {
    return gq.stream().map(ContactQueue::id).toList();
  }
}
