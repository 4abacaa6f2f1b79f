package io.ccpulse.simulator;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.engine.Engine;
import io.ccpulse.simulator.engine.EngineStats;
import io.ccpulse.simulator.engine.PipelinedSink;
import io.ccpulse.simulator.faults.FaultInjector;
import io.ccpulse.simulator.faults.FaultSummary;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.MemorySink;
import io.ccpulse.simulator.output.RecordSink;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.scenario.TruthSettings;
import io.ccpulse.simulator.script.Script;
import io.ccpulse.simulator.truth.TruthCalculator;
import io.ccpulse.simulator.truth.TruthRow;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Entry point for code: runs a scenario (or a hand-written script) and returns the records and the
 * ground truth.
 *
 * <pre>{@code
 * Simulation sim = Simulator.run(Preset.SMALL.scenario(42));
 * try (KafkaOutput kafka = new KafkaOutput(bootstrap, TopicNames.defaults())) {
 *   sim.publish(kafka);
 * }
 * List<TruthRow> expected = sim.truth();
 * }</pre>
 */
public final class Simulator {
  private Simulator() {}

  /**
   * Runs in memory: fine up to a few million records (the default preset is well below). Keeps the
   * contact facts of the truth too.
   */
  public static Simulation run(Scenario scenario) {
    MemorySink memory = new MemorySink();
    TruthCalculator truth = new TruthCalculator(scenario.truth(), true);
    SimulationResult r = run(scenario, memory, truth);
    return new Simulation(
        memory.records(),
        r.truth(),
        truth.contactFacts(),
        truth.contactResolutions(),
        r.faults(),
        r.stats());
  }

  /** Streams records to a sink as they are delivered, computing the truth on the way. */
  public static SimulationResult run(Scenario scenario, RecordSink sink) {
    return run(scenario, sink, true);
  }

  /**
   * Streams records to a sink; skip the truth for pure load generation. The sink is flushed, not
   * closed.
   */
  public static SimulationResult run(Scenario scenario, RecordSink sink, boolean computeTruth) {
    return run(scenario, sink, computeTruth ? new TruthCalculator(scenario.truth()) : null);
  }

  private static SimulationResult run(Scenario scenario, RecordSink sink, TruthCalculator truth) {
    FaultInjector faults = new FaultInjector(scenario, truth, sink);
    EngineStats stats;
    // Two stages on two threads: the engine simulates while the output stage encodes, injects
    // faults,
    // feeds the truth and writes. The order of events is kept, so the output is the same.
    try (PipelinedSink pipe = new PipelinedSink(faults)) {
      stats = new Engine(scenario, pipe).run();
    }
    FaultSummary summary = faults.finish(stats);
    List<TruthRow> rows = truth == null ? List.of() : truth.finish();
    return new SimulationResult(rows, summary, stats);
  }

  /**
   * Publishes a script's events as they are (no faults, delivered when they occur) and computes
   * their truth.
   */
  public static Simulation replay(Script script, TruthSettings truthSettings) {
    MemorySink memory = new MemorySink();
    TruthCalculator truth = new TruthCalculator(truthSettings, true);
    FaultInjector out = new FaultInjector(0, FaultSettings.none(), truthSettings, truth, memory);
    for (SpecificRecord e : script.events()) {
      if (e instanceof InteractionEvent i) {
        out.advance(i.getOccurredAt().toEpochMilli());
        out.event(
            EventStream.INTERACTIONS,
            i.getInteractionId(),
            i,
            i.getOccurredAt().toEpochMilli(),
            false);
      } else if (e instanceof AgentStateEvent a) {
        out.advance(a.getOccurredAt().toEpochMilli());
        out.event(
            EventStream.AGENT_STATES, a.getAgentId(), a, a.getOccurredAt().toEpochMilli(), false);
      } else if (e instanceof SurveyEvent s) {
        out.advance(s.getOccurredAt().toEpochMilli());
        out.event(
            EventStream.SURVEYS, s.getInteractionId(), s, s.getOccurredAt().toEpochMilli(), false);
      }
    }
    EngineStats none = new EngineStats();
    FaultSummary summary = out.finish(none);
    return new Simulation(
        memory.records(),
        truth.finish(),
        truth.contactFacts(),
        truth.contactResolutions(),
        summary,
        none);
  }
}
