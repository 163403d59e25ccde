package io.ainj.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.consensus.core.ConsensusStateMachine;
import io.ainj.consensus.core.SafetyState;
import io.ainj.consensus.core.SafetyStateCodec;
import io.ainj.consensus.crypto.AinMessageSigner;
import io.ainj.consensus.crypto.AinSignatureVerifier;
import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.types.ConsensusConfig;
import io.ainj.consensus.types.ProposerSelector;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.consensus.types.ValidatorSet;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.EcdsaBackends;
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
import io.ainj.node.consensus.ConsensusDriver;
import io.ainj.node.consensus.SafetyStore;
import io.ainj.rpc.RpcMethodRegistry;
import io.ainj.rpc.RpcProbes;
import io.ainj.rpc.RpcServer;
import io.ainj.rpc.RpcServerConfig;
import io.ainj.rpc.ain.AinRpcMethods;
import io.ainj.rpc.ain.NodeInfo;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.store.RocksDbKeyValueStore;
import io.ainj.vm.rule.RuleEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: the data directory (locked), the state and chain in RocksDB, the genesis,
 * the pool, PBFT consensus and the JSON-RPC server, started in that order and closed in the
 * reverse order. The only place where modules meet.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final NodeConfig config;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private Chain chain;
  private ConsensusDriver consensus;
  private RpcServer rpc;
  private InetSocketAddress rpcAddress;
  private String validatorAddress;
  private GenesisParams genesis;

  public Node(NodeConfig config) {
    this.config = config;
  }

  /**
   * Starts everything; on failure whatever was started is closed again.
   *
   * @throws IOException for a locked or unreadable data directory
   * @throws io.ainj.genesis.GenesisException for an invalid genesis
   */
  public synchronized void start() throws IOException {
    try {
      doStart();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void doStart() throws IOException {
    resources.add(DataDirLock.acquire(config.dataDir()));
    AinCrypto crypto = new AinCrypto(EcdsaBackends.select(config.crypto()));
    LOG.info("signature backend: {}", crypto.backend().name());

    GenesisFiles files = GenesisFiles.load(config.genesisDir());
    genesis = GenesisParams.from(files, crypto);
    List<Transaction> genesisTxs = GenesisTransactions.build(genesis, crypto);

    StateDb stateDb = StateDb.open(RocksDbKeyValueStore.open(config.dataDir().resolve("db")), StateDbConfig.defaults());
    resources.add(stateDb);
    LongSupplier clock = System::currentTimeMillis;
    TxPool pool = new TxPool(new TxPoolConfig(config.txPoolSize(), config.txPoolSizePerAccount(), 0.1, 0.1, 3_600_000L));
    TxTracker tracker = new TxTracker(86_400_000L);
    VmTxExecutor executor = NodeExecutors.forGenesis(genesis);
    chain = new Chain(stateDb, pool, tracker, executor, clock,
        new Chain.Config(config.maxTxsPerBlock(), 86_400_000L, genesis.genesisTimestamp(), genesis.epochMs()));

    // Dev mode: this node is the first genesis validator, signing with its genesis key.
    GenesisParams.Validator validator = genesis.validators().values().iterator().next();
    byte[] validatorKey = genesis.account(validator.address()).privateKey();
    validatorAddress = validator.address();
    ObjectNode validatorsJson = JsonNodeFactory.instance.objectNode();
    validatorsJson.putObject(validator.address()).put("stake", validator.stake()).put("proposal_right", true);

    if (chain.isEmpty()) {
      Block block0 = chain.initGenesis(genesisTxs, genesis.ownerAddress(), genesis.validatorsJson());
      JsonNode prebuilt = files.prebuiltGenesisBlock();
      String ref = prebuilt == null ? null : prebuilt.path("hash").asText();
      LOG.info("created genesis block {}{}", block0.hash(), ref == null ? ""
          : ref.equals(block0.hash()) ? " (identical to AIN's prebuilt genesis block)"
          : " (AIN's prebuilt genesis block is " + ref + ")");
    } else {
      Block block0 = chain.store().byNumber(0).orElseThrow();
      String expected = Block.hashOf(txArray(genesisTxs));
      if (!block0.header().transactionsHash().equals(expected)) {
        throw new IOException("data directory " + config.dataDir() + " holds a chain of another genesis"
            + " (its genesis transactions hash is " + block0.header().transactionsHash() + ", this genesis gives "
            + expected + ")");
      }
      LOG.info("reopened chain at block {} (state root {})", chain.latestNumber(), chain.finalizedState().rootProofHash());
    }

    ConsensusConfig cc = new ConsensusConfig(genesis.chainId(), ConsensusConfig.DEFAULT_CHECKPOINT_INTERVAL,
        Math.max(ConsensusConfig.DEFAULT_BASE_ROUND_TIMEOUT_MILLIS, 2 * config.emptyBlockIntervalMs()),
        Math.max(ConsensusConfig.DEFAULT_MAX_ROUND_TIMEOUT_MILLIS, 4 * config.emptyBlockIntervalMs()),
        ConsensusConfig.DEFAULT_FUTURE_HEIGHT_WINDOW, ConsensusConfig.DEFAULT_FUTURE_VIEW_WINDOW,
        ConsensusConfig.DEFAULT_MAX_BUFFERED_MESSAGES, ConsensusConfig.DEFAULT_MAX_BLOCK_BYTES);
    ConsensusStateMachine machine = new ConsensusStateMachine(cc,
        new AinMessageSigner(crypto, validatorKey, genesis.chainId()),
        new AinSignatureVerifier(crypto, genesis.chainId()), ProposerSelector.ROUND_ROBIN);
    SafetyStore safety = new SafetyStore(config.dataDir().resolve("consensus"),
        new SafetyStateCodec(MessageCodec.of(cc)));
    Optional<SafetyState> saved = safety.load();
    consensus = new ConsensusDriver(machine, chain, safety,
        ValidatorSet.of(List.of(ValidatorId.fromHex(validator.address()))),
        new ConsensusDriver.BlockMeta(validator.address(), validatorsJson), ConsensusDriver.Network.NONE,
        clock, config.blockIntervalMs(), config.emptyBlockIntervalMs());
    resources.add(consensus);
    consensus.start(saved);

    TxVerifier verifier = new TxVerifier(crypto, genesis.chainId(),
        genesis.resource().path("tx_bytes_limit").asLong(10_000));
    AinRpcMethods methods = new AinRpcMethods(chain, verifier, nodeInfo(),
        new AinRpcMethods.Limits(50, genesis.resource().path("batch_tx_list_size_limit").asInt(50)),
        new RuleEngine(), executor.vm()::genesisParams, clock);
    RpcMethodRegistry registry = methods.register(RpcMethodRegistry.builder()).build();
    RpcProbes probes = RpcProbes.defaults()
        .withReadiness(() -> consensus.isRunning() && chain.isServing())
        .withHealth(() -> consensus.isRunning())
        .withStatus(this::status)
        .withLastBlockNumber(chain::latestNumber);
    rpc = new RpcServer(RpcServerConfig.builder().host(config.rpcHost()).port(config.rpcPort()).build(), registry, probes);
    rpcAddress = rpc.start();
    resources.add(rpc);
    LOG.info("JSON-RPC listening on http://{}:{}/json-rpc (chain id {}, network id {}, validator {})",
        rpcAddress.getHostString(), rpcAddress.getPort(), genesis.chainId(), genesis.networkId(), validatorAddress);
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode txArray(List<Transaction> txs) {
    com.fasterxml.jackson.databind.node.ArrayNode a = JsonNodeFactory.instance.arrayNode();
    txs.forEach(t -> a.add(t.toJson()));
    return a;
  }

  private NodeInfo nodeInfo() {
    return new NodeInfo() {
      @Override
      public String address() {
        return validatorAddress;
      }

      @Override
      public long networkId() {
        return genesis.networkId();
      }

      @Override
      public int chainId() {
        return genesis.chainId();
      }

      @Override
      public boolean listening() {
        return false;
      }

      @Override
      public boolean syncing() {
        return false;
      }

      @Override
      public int peerCount() {
        return 0;
      }

      @Override
      public JsonNode consensusStatus() {
        return consensus.status();
      }

      @Override
      public String jsonRpcUrl() {
        return rpcAddress == null ? null : "http://" + rpcAddress.getHostString() + ":" + rpcAddress.getPort() + "/json-rpc";
      }
    };
  }

  /** {@code /status}: chain tip, pool, consensus. */
  public JsonNode status() {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("address", validatorAddress);
    s.put("chain_id", genesis.chainId());
    s.put("network_id", genesis.networkId());
    s.put("last_block_number", chain.latestNumber());
    chain.store().latestBlock().ifPresent(b -> s.put("last_block_hash", b.hash()).put("last_block_timestamp", b.header().timestamp()));
    s.put("state_root", chain.finalizedState().rootProofHash());
    s.put("tx_pool_size", chain.pool().size());
    s.set("consensus", consensus.status());
    return s;
  }

  public InetSocketAddress rpcAddress() {
    return rpcAddress;
  }

  public Chain chain() {
    return chain;
  }

  @Override
  public synchronized void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("error while closing {}", resources.get(i).getClass().getSimpleName(), e);
      }
    }
    resources.clear();
  }
}
