package io.ainj.benchmarks;

import io.ainj.consensus.core.Effect;
import io.ainj.consensus.core.Event;
import io.ainj.consensus.core.ScriptedPeers;
import io.ainj.consensus.messages.Commit;
import io.ainj.consensus.messages.Packet;
import io.ainj.consensus.messages.PrePrepare;
import io.ainj.consensus.messages.Prepare;
import io.ainj.consensus.sim.SimulationConfig;
import io.ainj.consensus.sim.SimulationResult;
import io.ainj.consensus.sim.SimulationRunner;
import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.ConsensusConfig;
import io.ainj.consensus.types.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PBFT without I/O. {@code simulate}: the deterministic simulator with n validators, no faults
 * and empty payloads, all n state machines on this one thread; the {@code heights} counter is
 * decided heights per second of CPU (one thread, so wall time is CPU time). {@code
 * machineMessages}: one {@code ConsensusStateMachine} (a backup, or the primary when its turn
 * comes) fed pre-signed pre-prepares, prepares and commits of {@value #HEIGHTS} consecutive
 * heights by scripted peers, with validation results and commit acknowledgements as the node
 * would send them; the {@code messages} counter is messages handled per second. Both use the
 * simulator's fast fake signatures, so signature checks cost almost nothing here; with real
 * secp256k1 each received message costs one recovery (see the crypto section).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class ConsensusBenchmark {
  static final int HEIGHTS = 500;

  @Param({"4", "16"})
  public int n;

  /** Virtual milliseconds per simulator run. */
  @Param({"10000"})
  public long simMillis;

  private long seed;
  private ScriptedPeers peers;
  private List<Event> script;
  private int scriptMessages;

  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counts {
    public long heights;
    public long messages;
    public long events;
  }

  @Setup(Level.Trial)
  public void setUp() {
    peers = new ScriptedPeers(n, ConsensusConfig.DEFAULTS, 0);
    // First pass: drive a machine through the heights and record the certificates it builds,
    // so the measured runs replay a complete, identical event script.
    peers.start(0, Optional.empty());
    script = new ArrayList<>();
    Hash parent = ScriptedPeers.genesisHash(0);
    for (long h = 1; h <= HEIGHTS; h++) {
      Block block = peers.block(h, parent, h);
      int primary = peers.primary(h, 0);
      List<Event> height = new ArrayList<>();
      if (primary == peers.me) {
        height.add(new Event.ProposalReady(h, 0, block));
      } else {
        height.add(new Event.MessageReceived(
            Packet.of(peers.sign(primary, new PrePrepare(h, 0, block.hash())), block)));
        height.add(new Event.ValidationResult(block, true));
      }
      for (int i : peers.others()) {
        if (i != primary) {
          height.add(new Event.MessageReceived(
              Packet.of(peers.sign(i, new Prepare(h, 0, block.hash())))));
        }
      }
      for (int i : peers.others()) {
        height.add(new Event.MessageReceived(
            Packet.of(peers.sign(i, new Commit(h, 0, block.hash())))));
      }
      peers.clear();
      for (Event e : height) {
        peers.handle(e);
      }
      List<Effect.CommitBlock> decided = peers.all(Effect.CommitBlock.class);
      if (decided.size() != 1) {
        throw new IllegalStateException("height " + h + " not decided: " + peers.effects);
      }
      Event committed = new Event.Committed(h, block.hash(), decided.get(0).certificate(),
          peers.validators);
      peers.handle(committed);
      height.add(committed);
      script.addAll(height);
      parent = block.hash();
    }
    scriptMessages = 0;
    for (Event e : script) {
      if (e instanceof Event.MessageReceived) {
        scriptMessages++;
      }
    }
  }

  @Benchmark
  public SimulationResult simulate(Counts counts) {
    SimulationResult r = SimulationRunner.run(SimulationConfig.calm(n, 0, seed++, simMillis));
    if (!r.ok()) {
      throw new IllegalStateException(r.line());
    }
    counts.heights += r.minHonestHeight();
    counts.events += r.events();
    return r;
  }

  @Benchmark
  public int machineMessages(Counts counts) {
    peers.machine = peers.newMachine();
    peers.machine.handle(new Event.Start(0, ScriptedPeers.genesisHash(0), Optional.empty(),
        peers.validators, Optional.empty()));
    int effects = 0;
    for (Event e : script) {
      effects += peers.machine.handle(e).size();
    }
    if (peers.machine.stats().decided() != HEIGHTS) {
      throw new IllegalStateException("decided " + peers.machine.stats().decided());
    }
    counts.messages += scriptMessages;
    counts.heights += HEIGHTS;
    counts.events += script.size();
    return effects;
  }
}
