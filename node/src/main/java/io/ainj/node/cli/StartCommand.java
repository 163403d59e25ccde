package io.ainj.node.cli;

import io.ainj.crypto.EcdsaBackends;
import io.ainj.node.Node;
import io.ainj.node.NodeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ainj start}: run a node until SIGTERM or SIGINT. */
@Command(
    name = "start",
    description = "Start a node. With --dev it is the single validator of a devnet built from the "
        + "genesis (the embedded AIN base config unless --genesis-dir is given), signing with the "
        + "first genesis validator's public test key. With --home DIR it is one validator of a "
        + "network whose homes `ainj testnet init` wrote (DIR/config.json, DIR/node.key).")
public final class StartCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin DataDirOption dataDir;
  @Mixin CryptoOption crypto;

  @Option(names = "--dev",
      description = "Run a single-validator development network.")
  boolean dev;

  @Option(names = "--home", paramLabel = "DIR",
      description = "Run the validator whose home directory (config.json, node.key, data) is DIR.")
  Path home;

  @Option(names = "--genesis-dir", paramLabel = "DIR",
      description = "An AIN blockchain-configs directory (e.g. ../shared/ain-configs/1-node); files it lacks come from the embedded base.")
  Path genesisDir;

  @Option(names = "--rpc-host", defaultValue = "${env:AINJ_RPC_HOST:-127.0.0.1}",
      description = "JSON-RPC bind address. Default: ${DEFAULT-VALUE}.")
  String rpcHost;

  @Option(names = "--rpc-port", defaultValue = "${env:AINJ_RPC_PORT:-8080}",
      description = "JSON-RPC port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int rpcPort;

  @Option(names = "--block-interval-ms", defaultValue = "" + NodeConfig.DEFAULT_BLOCK_INTERVAL_MS,
      description = "Shortest time between blocks while transactions wait. Default: ${DEFAULT-VALUE}.")
  long blockIntervalMs;

  @Option(names = "--empty-block-interval-ms", defaultValue = "" + NodeConfig.DEFAULT_EMPTY_BLOCK_INTERVAL_MS,
      description = "How long an idle chain waits before an empty block. Default: ${DEFAULT-VALUE}.")
  long emptyBlockIntervalMs;

  @Option(names = "--max-txs-per-block", defaultValue = "" + NodeConfig.DEFAULT_MAX_TXS_PER_BLOCK,
      description = "Most transactions in one block. Default: ${DEFAULT-VALUE}.")
  int maxTxsPerBlock;

  @Option(names = "--tx-pool-size", defaultValue = "" + NodeConfig.DEFAULT_TX_POOL_SIZE,
      description = "Pool capacity (AIN's TX_POOL_SIZE_LIMIT is 1000). Default: ${DEFAULT-VALUE}.")
  int txPoolSize;

  @Option(names = "--tx-pool-size-per-account", defaultValue = "" + NodeConfig.DEFAULT_TX_POOL_SIZE_PER_ACCOUNT,
      description = "Pool capacity per sender (AIN: 100). Default: ${DEFAULT-VALUE}.")
  int txPoolSizePerAccount;

  @Option(names = "--tx-tracker-size", defaultValue = "" + NodeConfig.DEFAULT_TX_TRACKER_SIZE,
      description = "Transaction records kept in memory for ain_getTransactionByHash (AIN keeps a day's);"
          + " older finalized transactions are answered from the chain. Default: ${DEFAULT-VALUE}.")
  int txTrackerSize;

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics (0 picks a free port). Off unless given.")
  Integer metricsPort;

  @Option(names = "--metrics-host", defaultValue = "127.0.0.1",
      description = "Metrics bind address. Default: ${DEFAULT-VALUE}.")
  String metricsHost;

  @Override
  public Integer call() throws Exception {
    if (dev == (home != null)) {
      spec.commandLine().getErr().println("error: give exactly one of --dev and --home DIR");
      return 2;
    }
    Node node;
    if (home != null) {
      io.ainj.node.net.HomeConfig hc;
      try {
        hc = io.ainj.node.net.HomeConfig.load(home, EcdsaBackends.Choice.parse(crypto.choice),
            spec.commandLine().getParseResult().hasMatchedOption("--rpc-port") ? rpcPort : -1);
      } catch (java.io.IOException | RuntimeException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 1;
      }
      node = new Node(hc.node(), hc.network());
    } else {
      NodeConfig config;
      try {
        config = new NodeConfig(dataDir.dataDir, genesisDir, rpcHost, rpcPort, blockIntervalMs,
            emptyBlockIntervalMs, maxTxsPerBlock, txPoolSize, txPoolSizePerAccount, txTrackerSize,
            EcdsaBackends.Choice.parse(crypto.choice));
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 2;
      }
      node = new Node(config);
    }
    if (metricsPort != null) {
      node.withMetrics(metricsHost, metricsPort);
    }
    try {
      node.start();
    } catch (Exception e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    PrintWriter err = spec.commandLine().getErr();
    Thread shutdown = new Thread(() -> {
      // Stop taking requests, let the block in flight finish, close the store.
      node.close();
      err.println("ainj node stopped");
      err.flush();
      stopped.countDown();
    }, "shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    // A requested stop (SIGTERM from an init system, Ctrl-C) is a success, not a crash: exit 0
    // after the same clean shutdown, instead of the JVM's default 128 + signal.
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> new Thread(() -> System.exit(0), "signal").start());
      } catch (IllegalArgumentException e) {
        // This platform does not know the signal; the default handling applies.
      }
    }
    if (node.metricsAddress() != null) {
      spec.commandLine().getOut().println("ainj metrics: http://" + node.metricsAddress().getHostString()
          + ":" + node.metricsAddress().getPort() + "/metrics");
    }
    spec.commandLine().getOut().println("ainj node running: JSON-RPC http://" + node.rpcAddress().getHostString()
        + ":" + node.rpcAddress().getPort() + "/json-rpc");
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
