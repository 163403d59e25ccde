package io.ainj.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.crypto.Keys;
import io.ainj.genesis.GenesisFiles;
import io.ainj.genesis.GenesisParams;
import io.ainj.genesis.GenesisTransactions;
import io.ainj.ledger.block.Block;
import io.ainj.ledger.chain.Chain;
import io.ainj.ledger.exec.VmTxExecutor;
import io.ainj.ledger.pool.TxPool;
import io.ainj.ledger.pool.TxPoolConfig;
import io.ainj.ledger.pool.TxTracker;
import io.ainj.ledger.tx.Transaction;
import io.ainj.ledger.tx.TxVerifier;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.store.RocksDbKeyValueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One block of {@code txs} signed {@code SET_VALUE} transactions end to end on one thread, as a
 * node with the embedded devnet genesis on RocksDB runs it: signature and format check
 * ({@link TxVerifier}), admission ({@link Chain#submit}: pool plus execution on the pending
 * state), block building ({@link Chain#propose}: execution again on the finalized state, root
 * hash) and {@link Chain#commit} (one synced write batch, pool and pending state reset). Each
 * measured shot is one block of fresh transactions (signed, outside the timing, before the
 * iteration). Every transaction writes a new key under {@code /apps/bench<n>}, a fresh app per
 * block; senders rotate
 * over {@value #SENDERS} accounts, so no account holds more than AIN's 100 pooled transactions.
 *
 * <p>{@code verifyOne} in the same class is the limit: one core's rate of transaction
 * signature checks (one recovery each). Block tx/s divided by it says how far the block path is
 * from being bound by signature checks alone.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class BlockBenchmark {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Param({"100", "1000", "10000"})
  public int txs;

  /**
   * {@code append}: each transaction writes a new key under a fresh app (gas price 0).
   * {@code loadgen}: the load generator's transactions ({@code ./ainj bench}): values rewritten
   * over and over at {@code /apps/<app>/load/<k % 1000>/<k>} for {@value #LOAD_KEYS} keys of a
   * public app, gas price 500.
   */
  @Param({"append"})
  public String shape;

  static final int LOAD_KEYS = 20_000;

  private Path dir;
  private StateDb stateDb;
  private Chain chain;
  private TxVerifier verifier;
  private AinCrypto crypto;
  private GenesisParams genesis;
  /** Senders: transactions rotate over them, as many clients would send them. */
  static final int SENDERS = 100;

  private byte[][] keys;
  private String[] senders;
  private long counter;
  private long timestamp = System.currentTimeMillis();
  private ObjectNode createApp;
  private int apps;
  private List<ObjectNode> bodies;
  private List<String> signatures;
  private long[] phaseNanos = new long[4];
  private int shots;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    crypto = new AinCrypto(EcdsaBackends.nativeLib());
    GenesisFiles files = GenesisFiles.embedded();
    genesis = GenesisParams.from(files, crypto);
    dir = Files.createTempDirectory("ainj-block-bench");
    stateDb = StateDb.open(RocksDbKeyValueStore.open(dir), StateDbConfig.defaults());
    // AIN's per-account limit (100): one sender per 100 transactions of the largest block.
    TxPool pool = new TxPool(new TxPoolConfig(100_000, 100, 1.0, 1.0, 3_600_000L));
    VmTxExecutor executor =
        VmTxExecutor.forGenesis(genesis.blockchainParams(), genesis.timerFlags());
    chain = new Chain(stateDb, pool, new TxTracker(86_400_000L), executor,
        System::currentTimeMillis,
        new Chain.Config(100_000, 86_400_000L, genesis.genesisTimestamp(), genesis.epochMs()));
    chain.initGenesis(GenesisTransactions.build(genesis, crypto), genesis.ownerAddress(),
        genesis.validatorsJson());
    verifier = new TxVerifier(crypto, genesis.chainId(),
        genesis.resource().path("tx_bytes_limit").asLong(10_000));
    SecureRandom seeded = new SecureRandom(new byte[] {1});
    keys = new byte[SENDERS][];
    senders = new String[SENDERS];
    ObjectNode create = JSON.objectNode();
    ObjectNode admin = create.putObject("admin");
    for (int i = 0; i < SENDERS; i++) {
      keys[i] = Keys.generatePrivateKey(seeded);
      senders[i] = crypto.address(keys[i]);
      admin.put(senders[i], true);
    }
    createApp = create;
  }

  private ObjectNode body(String ref, JsonNode value) {
    return body(ref, value, 0);
  }

  private ObjectNode body(String ref, JsonNode value, long gasPrice) {
    ObjectNode b = JSON.objectNode();
    ObjectNode op = b.putObject("operation");
    op.put("type", "SET_VALUE").put("ref", ref).set("value", value);
    op.put("is_global", false);
    b.put("nonce", -1).put("timestamp", ++timestamp).put("gas_price", gasPrice);
    return b;
  }

  /** Signs and runs an untimed block of the first sender's set-up transactions. */
  private void runSetup(List<ObjectNode> setup) {
    bodies = setup;
    signatures = new ArrayList<>();
    for (ObjectNode b : setup) {
      signatures.add(crypto.signTransaction(b, keys[0], genesis.chainId()).encode());
    }
    runBlock(bodies, true);
  }

  /** Adds a body of the next measured shot, signed by {@code sender}. */
  private void addSigned(ObjectNode body, int sender) {
    bodies.add(body);
    signatures.add(crypto.signTransaction(body, keys[sender], genesis.chainId()).encode());
  }

  /** The load generator's shape: one public app, created in the first untimed block. */
  private void signLoadBlock() {
    if (apps == 0) {
      apps = 1;
      ObjectNode create = createApp.deepCopy();
      create.put("is_public", true);
      runSetup(List.of(body("/manage_app/load/create/1", create),
          body("/apps/load/ready", JSON.booleanNode(true))));
    }
    bodies = new ArrayList<>(txs);
    signatures = new ArrayList<>(txs);
    for (int i = 0; i < txs; i++) {
      long k = counter++;
      int key = (int) (k % LOAD_KEYS);
      addSigned(body("/apps/load/load/" + (key % 1000) + "/" + key,
          JSON.textNode(Long.toString(k)), 500), (int) (k % SENDERS));
    }
  }

  /** Fresh signed transactions for the next shot (not timed). */
  @Setup(Level.Iteration)
  public void signBlock() {
    if (shape.equals("loadgen")) {
      signLoadBlock();
      return;
    }
    // A fresh app per block, created in an untimed block that also deletes what the previous
    // measured block wrote: AIN's free tier (gas_price 0) caps the apps' state at 25 MB, which
    // a few 10,000-transaction blocks would exceed.
    String app = "bench" + (++apps);
    List<ObjectNode> setup = new ArrayList<>();
    setup.add(body("/manage_app/" + app + "/create/1", createApp));
    if (apps > 1) {
      setup.add(body("/apps/bench" + (apps - 1) + "/messages", JSON.nullNode()));
    }
    runSetup(setup);
    bodies = new ArrayList<>(txs);
    signatures = new ArrayList<>(txs);
    for (int i = 0; i < txs; i++) {
      long k = counter++;
      int sender = (int) (k % SENDERS);
      ObjectNode v = JSON.objectNode().put("user", senders[sender]).put("text", "message " + k)
          .put("n", k);
      addSigned(body("/apps/" + app + "/messages/" + k, v), sender);
    }
  }

  private Block runBlock(List<ObjectNode> txBodies, boolean setup) {
    long t0 = System.nanoTime();
    List<Transaction> verified = new ArrayList<>(txBodies.size());
    for (int i = 0; i < txBodies.size(); i++) {
      JsonNode sig = TextNode.valueOf(signatures.get(i));
      TxVerifier.Outcome o = verifier.verify(txBodies.get(i), sig);
      if (!(o instanceof TxVerifier.Verified v)) {
        throw new IllegalStateException("rejected: " + o);
      }
      verified.add(v.tx());
    }
    long t1 = System.nanoTime();
    for (Transaction tx : verified) {
      Chain.Admission a = chain.submit(tx, false);
      if (!a.pooled() || a.result().path("code").asInt(-1) != 0) {
        throw new IllegalStateException("not admitted: " + a.result());
      }
    }
    long t2 = System.nanoTime();
    Chain.Proposal p = chain.propose(System.currentTimeMillis(), senders[0],
        genesis.validatorsJson(),
        JSON.arrayNode());
    if (p.block().transactions().size() != txBodies.size()) {
      throw new IllegalStateException("block holds " + p.block().transactions().size());
    }
    long t3 = System.nanoTime();
    chain.commit(p.block(), p.state(), JSON.objectNode());
    long t4 = System.nanoTime();
    if (!setup) {
      phaseNanos[0] += t1 - t0;
      phaseNanos[1] += t2 - t1;
      phaseNanos[2] += t3 - t2;
      phaseNanos[3] += t4 - t3;
      shots++;
    }
    return p.block();
  }

  /** Verify, admit, build and commit one block of {@code txs} transactions. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 6)
  public Block block() {
    return runBlock(bodies, false);
  }

  /** The limit: one transaction signature check (hash, low-s, one recovery, address). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 2)
  public TxVerifier.Outcome verifyOne() {
    int i = (int) (counter++ % bodies.size());
    return verifier.verify(bodies.get(i), TextNode.valueOf(signatures.get(i)));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (shots > 0) {
      System.out.printf("%nphases per block of %d txs (mean of %d shots incl. warm-up): "
              + "verify %.1f ms, submit %.1f ms, propose %.1f ms, commit %.1f ms%n", txs, shots,
          phaseNanos[0] / 1e6 / shots, phaseNanos[1] / 1e6 / shots, phaseNanos[2] / 1e6 / shots,
          phaseNanos[3] / 1e6 / shots);
    }
    stateDb.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
