package io.ccpulse.simulator.engine;

import io.ccpulse.events.Channel;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.ChannelGroup;
import io.ccpulse.simulator.model.ChannelProfile;
import io.ccpulse.simulator.model.ContactQueue;
import io.ccpulse.simulator.model.PlannedState;
import io.ccpulse.simulator.model.Rng;
import io.ccpulse.simulator.model.Shift;
import io.ccpulse.simulator.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sizes each queue's arrival rate minute by minute, the way workforce management works in reverse:
 * traffic follows the planned staffing (square-root staffing), shaped by an intraday curve (a
 * mid-morning peak, a lunch dip, an afternoon peak) that the staffing does not follow, plus a few
 * unforecast surges. So queues run hot at peaks and calm between, as in a real center.
 */
final class ArrivalRates {
  static final long MINUTE = 60_000;
  private static final double BETA = 0.7;

  private ArrivalRates() {}

  static Map<String, ArrivalProcess> plan(
      Scenario s, List<ContactQueue> queues, List<AgentProfile> agents, Rng rng) {
    long start = s.start().toEpochMilli();
    int minutes = (int) ((s.duration().toMillis() + MINUTE - 1) / MINUTE);
    Map<String, ArrivalProcess> out = new HashMap<>();
    if (s.erlangA() != null) {
      double perMs = s.erlangA().lambdaPerMinute() / MINUTE;
      out.put(
          queues.get(0).id(),
          new ArrivalProcess(start, s.duration().toMillis(), new double[] {perMs}));
      return out;
    }
    Map<String, double[]> surge = surges(s, queues, minutes, rng);
    double[] shape = intradayShape(start, minutes);
    // Repeat contacts and transfers add work the base arrivals must leave room for.
    double extra = 1 + s.repeatShare() * 1.3;
    for (String tenant : queues.stream().map(ContactQueue::tenantId).distinct().toList()) {
      for (ChannelGroup g : ChannelGroup.values()) {
        List<AgentProfile> staff =
            agents.stream().filter(a -> a.tenantId().equals(tenant) && a.group() == g).toList();
        List<ContactQueue> gq = new ArrayList<>();
        for (ContactQueue q : queues) {
          if (q.tenantId().equals(tenant) && ChannelGroup.of(q.channel()) == g) {
            gq.add(q);
          }
        }
        if (gq.isEmpty()) {
          continue;
        }
        double[] staffed = staffed(staff, start, minutes);
        double weights = gq.stream().mapToDouble(ContactQueue::weight).sum();
        double meanHandle = 0;
        for (ContactQueue q : gq) {
          ChannelProfile p = s.channel(q.channel());
          meanHandle +=
              q.weight()
                  / weights
                  * meanHandle(p, q.durationFactor())
                  * extra
                  * (1 + p.transferProbability());
        }
        for (ContactQueue q : gq) {
          double[] rates = new double[minutes];
          double[] boost = surge.get(q.id());
          for (int m = 0; m < minutes; m++) {
            double groupRate = s.loadFactor() * load(staffed[m]) / meanHandle;
            rates[m] = groupRate * q.weight() / weights * shape[m] * (boost == null ? 1 : boost[m]);
          }
          out.put(q.id(), new ArrivalProcess(start, MINUTE, rates));
        }
      }
    }
    return out;
  }

  /**
   * The offered load (in Erlangs) that n servers carry well, by square-root staffing n = a + β√a
   * with β = 0.7: small teams run at modest occupancy, large ones near 90 %, as pooling allows.
   */
  static double load(double n) {
    double root = (-BETA + Math.sqrt(BETA * BETA + 4 * n)) / 2;
    return root * root;
  }

  private static double meanHandle(ChannelProfile p, double durationFactor) {
    return p.meanHandleMillis() + p.talk().meanMillis() * (durationFactor - 1);
  }

  /**
   * Agent capacity on shift and not on a planned break, per minute (chat agents count their
   * concurrency).
   */
  private static double[] staffed(List<AgentProfile> agents, long start, int minutes) {
    double[] c = new double[minutes];
    for (AgentProfile a : agents) {
      double weight = a.capacity() > 1 ? a.capacity() * 0.9 : 1;
      for (Shift s : a.shifts()) {
        add(c, start, s.startMillis(), s.endMillis(), weight);
        for (PlannedState p : s.plannedStates()) {
          add(c, start, p.startMillis(), p.startMillis() + p.lengthMillis(), -weight);
        }
      }
    }
    return c;
  }

  /** Adds {@code w} to the minutes whose start lies in [from, to). */
  private static void add(double[] c, long start, long from, long to, double w) {
    int first = (int) Math.max(0, Math.floorDiv(from - start + MINUTE - 1, MINUTE));
    int end = (int) Math.min(c.length, Math.floorDiv(to - start + MINUTE - 1, MINUTE));
    for (int m = first; m < end; m++) {
      c[m] += w;
    }
  }

  /**
   * The intraday curve over the window, scaled to average 1 so it moves traffic without adding any.
   */
  private static double[] intradayShape(long start, int minutes) {
    double[] shape = new double[minutes];
    double sum = 0;
    for (int m = 0; m < minutes; m++) {
      shape[m] = intraday(start + m * MINUTE);
      sum += shape[m];
    }
    for (int m = 0; m < minutes; m++) {
      shape[m] *= minutes / sum;
    }
    return shape;
  }

  /** Multiplier by UTC hour of day: peaks at 10:30 and 14:30, a dip at 12:45. */
  static double intraday(long t) {
    double h = Math.floorMod(t, 86_400_000L) / 3_600_000.0;
    return 1 + 0.18 * bump(h, 10.5, 1.3) + 0.12 * bump(h, 14.5, 1.3) - 0.12 * bump(h, 12.75, 0.6);
  }

  private static double bump(double h, double centre, double width) {
    double d = (h - centre) / width;
    return StrictMath.exp(-d * d / 2);
  }

  /** Per tenant, a few 30–60 minute surges of 1.6 × traffic on one real-time queue. */
  private static Map<String, double[]> surges(
      Scenario s, List<ContactQueue> queues, int minutes, Rng rng) {
    Map<String, double[]> out = new HashMap<>();
    for (String tenant : queues.stream().map(ContactQueue::tenantId).distinct().toList()) {
      List<ContactQueue> candidates =
          queues.stream()
              .filter(q -> q.tenantId().equals(tenant) && q.channel() != Channel.EMAIL)
              .toList();
      for (int i = 0; i < s.surgesPerTenant() && !candidates.isEmpty() && minutes > 60; i++) {
        ContactQueue q = candidates.get(rng.index(candidates.size()));
        int length = 30 + rng.index(31);
        int from = minutes / 10 + rng.index(Math.max(1, minutes * 7 / 10 - length));
        double[] boost = out.computeIfAbsent(q.id(), k -> filled(minutes));
        for (int m = from; m < Math.min(minutes, from + length); m++) {
          boost[m] = 1.6;
        }
      }
    }
    return out;
  }

  private static double[] filled(int n) {
    double[] a = new double[n];
    Arrays.fill(a, 1.0);
    return a;
  }
}
