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
  private final io.ainj.node.net.NetworkSettings network;
  private io.ainj.node.net.PeerNetwork peers;
  private java.util.function.BiFunction<io.ainj.p2p.NodeIdentity, io.ainj.p2p.P2pConfig, io.ainj.p2p.Transport> transports;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private Chain chain;
  private ConsensusDriver consensus;
  private RpcServer rpc;
  private InetSocketAddress rpcAddress;
  private String validatorAddress;
  private GenesisParams genesis;

  public Node(NodeConfig config) {
    this(config, null);
  }

  /**
   * @param network how to join a network of validators, or null for the single dev validator
   */
  public Node(NodeConfig config, io.ainj.node.net.NetworkSettings network) {
    this.config = config;
    this.network = network;
  }

  /**
   * Replaces the Netty transport of a network node, e.g. by {@link io.ainj.p2p.InMemoryNetwork}
   * for several validators in one JVM. Call before {@link #start}.
   */
  public Node withTransports(
      java.util.function.BiFunction<io.ainj.p2p.NodeIdentity, io.ainj.p2p.P2pConfig, io.ainj.p2p.Transport> factory) {
    this.transports = factory;
    return this;
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
    TxTracker tracker = new TxTracker(86_400_000L, config.txTrackerSize());
    VmTxExecutor executor = NodeExecutors.forGenesis(genesis);
    chain = new Chain(stateDb, pool, tracker, executor, clock,
        new Chain.Config(config.maxTxsPerBlock(), 86_400_000L, genesis.genesisTimestamp(), genesis.epochMs()));

    TxVerifier verifier = new TxVerifier(crypto, genesis.chainId(),
        genesis.resource().path("tx_bytes_limit").asLong(10_000));
    byte[] validatorKey;
    ValidatorSet validatorSet;
    ObjectNode validatorsJson;
    if (network == null) {
      // Dev mode: this node is the first genesis validator, signing with its genesis key.
      GenesisParams.Validator validator = genesis.validators().values().iterator().next();
      validatorKey = genesis.account(validator.address()).privateKey();
      validatorAddress = validator.address();
      validatorsJson = JsonNodeFactory.instance.objectNode();
      validatorsJson.putObject(validator.address()).put("stake", validator.stake()).put("proposal_right", true);
      validatorSet = ValidatorSet.of(List.of(ValidatorId.fromHex(validator.address())));
    } else {
      // A network: every genesis validator votes; this node is whoever its key says.
      validatorKey = network.nodeKey();
      validatorAddress = crypto.address(validatorKey);
      validatorsJson = genesis.validatorsJson();
      validatorSet = ValidatorSet.of(genesis.validators().keySet().stream().map(ValidatorId::fromHex).toList());
      LOG.info("node {} is {} of {} genesis validators", validatorAddress,
          validatorSet.contains(ValidatorId.fromHex(validatorAddress)) ? "one" : "an observer, not one",
          validatorSet.size());
    }

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

    long baseTimeout = baseRoundTimeoutMs(config, network);
    long maxTimeout = Math.max(network == null ? ConsensusConfig.DEFAULT_MAX_ROUND_TIMEOUT_MILLIS : network.maxRoundTimeoutMs(),
        Math.max(baseTimeout, 4 * config.emptyBlockIntervalMs()));
    ConsensusConfig cc = new ConsensusConfig(genesis.chainId(), ConsensusConfig.DEFAULT_CHECKPOINT_INTERVAL,
        baseTimeout, maxTimeout,
        ConsensusConfig.DEFAULT_FUTURE_HEIGHT_WINDOW, ConsensusConfig.DEFAULT_FUTURE_VIEW_WINDOW,
        ConsensusConfig.DEFAULT_MAX_BUFFERED_MESSAGES, ConsensusConfig.DEFAULT_MAX_BLOCK_BYTES);
    MessageCodec codec = MessageCodec.of(cc);
    AinSignatureVerifier plainVerifier = new AinSignatureVerifier(crypto, genesis.chainId());
    io.ainj.node.net.CachingVerifier cachingVerifier = new io.ainj.node.net.CachingVerifier(plainVerifier);
    ConsensusStateMachine machine = new ConsensusStateMachine(cc,
        new AinMessageSigner(crypto, validatorKey, genesis.chainId()),
        network == null ? plainVerifier : cachingVerifier, ProposerSelector.ROUND_ROBIN);
    SafetyStore safety = new SafetyStore(config.dataDir().resolve("consensus"),
        new SafetyStateCodec(codec));
    Optional<SafetyState> saved = safety.load();
    io.ainj.node.net.TxGossip txGossip = null;
    // Clients' sends and peers' gossip are admitted on one thread (closed after the RPC server
    // and the peers that feed it).
    io.ainj.node.net.TxAdmission admission = new io.ainj.node.net.TxAdmission();
    resources.add(admission);
    if (network == null) {
      consensus = new ConsensusDriver(machine, chain, safety, validatorSet,
          new ConsensusDriver.BlockMeta(validatorAddress, validatorsJson), ConsensusDriver.Network.NONE,
          clock, config.blockIntervalMs(), config.emptyBlockIntervalMs());
      resources.add(consensus);
      chain.onAdmitted(p -> consensus.poke());
      consensus.start(saved);
    } else {
      java.util.Set<String> allowed = new java.util.HashSet<>(genesis.validators().keySet());
      allowed.addAll(network.observers());
      String genesisHash = chain.store().byNumber(0).orElseThrow().hash();
      io.ainj.p2p.P2pConfig p2pConfig = io.ainj.p2p.P2pConfig.defaults(genesis.chainId(),
          io.ainj.crypto.Hex.decode(genesisHash), allowed);
      io.ainj.p2p.NodeIdentity identity = new io.ainj.p2p.NodeIdentity(crypto, validatorKey);
      io.ainj.p2p.Transport transport = transports != null ? transports.apply(identity, p2pConfig)
          : new io.ainj.p2p.NettyTransport(identity, p2pConfig, network.p2pHost(), network.p2pPort(), network.peers());
      txGossip = new io.ainj.node.net.TxGossip(transport, chain, verifier, admission);
      io.ainj.node.net.BlockSync sync = new io.ainj.node.net.BlockSync(transport, chain, validatorSet, plainVerifier, codec);
      sync.enableSnapshots(stateDb, network.snapshotIntervalBlocks(), network.snapshotThresholdBlocks());
      peers = new io.ainj.node.net.PeerNetwork(transport, codec, cachingVerifier, txGossip, sync);
      consensus = new ConsensusDriver(machine, chain, safety, validatorSet,
          new ConsensusDriver.BlockMeta(validatorAddress, validatorsJson), peers,
          clock, config.blockIntervalMs(), config.emptyBlockIntervalMs(),
          new io.ainj.node.net.TxSignatureCheck(chain, verifier));
      resources.add(consensus);
      chain.onAdmitted(p -> consensus.poke());
      consensus.followGossip(txGossip);
      // The Start event is queued before any peer's packet can be.
      consensus.start(saved);
      resources.add(peers);
      peers.start(consensus);
      LOG.info("P2P running as {} ({} peers configured, {} validators)", transport.address(),
          network.peers().size(), validatorSet.size());
    }

    AinRpcMethods methods = new AinRpcMethods(chain, verifier, nodeInfo(),
        new AinRpcMethods.Limits(50, genesis.resource().path("batch_tx_list_size_limit").asInt(50)),
        new RuleEngine(), executor.vm()::genesisParams, clock, admission);
    RpcMethodRegistry registry = new io.ainj.rpc.ainft.AinftRpcMethods(chain::pendingState, chain::finalizedState).register(methods.register(RpcMethodRegistry.builder())).build();
    registry = io.ainj.node.consensus.CertificateRpc.wrap(registry, chain);
    if (metricsPort >= 0) {
      io.ainj.node.metrics.NodeMetrics metrics = new io.ainj.node.metrics.NodeMetrics();
      resources.add(metrics);
      metrics.bindChain(chain);
      metrics.bindSignatureChecks(verifier);
      metrics.bindState(stateDb);
      ConsensusDriver driver = consensus;
      metrics.bindConsensus(driver::stats, driver::view);
      metrics.bindPeers(() -> nodeInfo().peerCount());
      registry = metrics.timed(registry);
      metricsServer = metrics;
    }
    RpcProbes probes = RpcProbes.defaults()
        .withReadiness(() -> consensus.isRunning() && chain.isServing())
        .withHealth(() -> consensus.isRunning())
        .withStatus(this::status)
        .withLastBlockNumber(chain::latestNumber);
    // Workers mostly wait (for the chain's lock while a block commits, for the state): more of
    // them than cores keeps reads flowing. Sends do not use them (the admission thread).
    rpc = new RpcServer(RpcServerConfig.builder().host(config.rpcHost()).port(config.rpcPort())
        .workerThreads(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()))
        .workerQueueCapacity(4096).maxConnections(4096).build(), registry, probes);
    rpcAddress = rpc.start();
    resources.add(rpc);
    if (metricsServer != null) {
      RpcServer server = rpc;
      metricsServer.bindRpc(server::stats);
      int port = metricsServer.serve(metricsHost, metricsPort);
      LOG.info("Prometheus metrics on http://{}:{}/metrics", metricsHost, port);
      metricsAddress = new InetSocketAddress(metricsHost, port);
    }
    LOG.info("JSON-RPC listening on http://{}:{}/json-rpc (chain id {}, network id {}, validator {})",
        rpcAddress.getHostString(), rpcAddress.getPort(), genesis.chainId(), genesis.networkId(), validatorAddress);
  }

  /**
   * The round timer of view 0 a node runs with: the network's setting (or the consensus default
   * without one), but at least twice the empty-block interval, so that an idle primary's empty
   * block is never mistaken for a dead primary.
   */
  public static long baseRoundTimeoutMs(NodeConfig config, io.ainj.node.net.NetworkSettings network) {
    return Math.max(network == null ? ConsensusConfig.DEFAULT_BASE_ROUND_TIMEOUT_MILLIS : network.roundTimeoutMs(),
        2 * config.emptyBlockIntervalMs());
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
        return peers != null;
      }

      @Override
      public boolean syncing() {
        return peers != null && peers.blockSync().isSyncing();
      }

      @Override
      public int peerCount() {
        return peers == null ? 0 : peers.transport().peers().size();
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
    if (peers != null) {
      s.put("peers", peers.transport().peers().size());
      s.put("syncing", peers.blockSync().isSyncing());
      s.put("sync_target", peers.blockSync().targetHeight());
    }
    return s;
  }

  private int metricsPort = -1;
  private String metricsHost = "127.0.0.1";
  private io.ainj.node.metrics.NodeMetrics metricsServer;
  private InetSocketAddress metricsAddress;

  /** Serve Prometheus metrics on {@code host:port} (0 picks a free port); call before start. */
  public Node withMetrics(String host, int port) {
    this.metricsHost = host;
    this.metricsPort = port;
    return this;
  }

  /** Where metrics are served, or null when they are off. */
  public InetSocketAddress metricsAddress() {
    return metricsAddress;
  }

  public InetSocketAddress rpcAddress() {
    return rpcAddress;
  }

  public Chain chain() {
    return chain;
  }

  /** The address this node signs with. */
  public String validatorAddress() {
    return validatorAddress;
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
