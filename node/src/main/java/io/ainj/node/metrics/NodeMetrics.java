package io.ainj.node.metrics;

import com.sun.net.httpserver.HttpServer;
import io.ainj.consensus.core.ConsensusStats;
import io.ainj.ledger.chain.Chain;
import io.ainj.ledger.tx.TxVerifier;
import io.ainj.rpc.RejectReason;
import io.ainj.rpc.RpcHandler;
import io.ainj.rpc.RpcMethodRegistry;
import io.ainj.rpc.RpcStats;
import io.ainj.statedb.StateDb;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The node's meters and its Prometheus endpoint. Modules keep plain counters (no metrics
 * library inside them); this class binds those counters to Micrometer meters, so a scrape
 * reads them and nothing on a hot path pays for metrics. JSON-RPC latency is the exception:
 * each method is wrapped in a timer here, in the node.
 */
public final class NodeMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Set<Integer> refusalCodes = ConcurrentHashMap.newKeySet();
  private Chain chain;
  private HttpServer server;
  private JvmGcMetrics gc;

  public NodeMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Blocks, transactions and the pool. */
  public void bindChain(Chain c) {
    this.chain = c;
    Gauge.builder("ainj_chain_height", c, Chain::latestNumber).description("last finalized block").register(registry);
    FunctionCounter.builder("ainj_txs_admitted", c, x -> x.stats().admitted())
        .description("transactions admitted to the pool").register(registry);
    FunctionCounter.builder("ainj_txs_committed", c, x -> x.stats().committed())
        .description("transactions in finalized blocks").register(registry);
    FunctionCounter.builder("ainj_txs_reverted", c, x -> x.stats().reverted())
        .description("finalized transactions whose execution failed").register(registry);
    FunctionCounter.builder("ainj_block_txs_reused", c, x -> x.buildStats().reused())
        .description("block transactions taken from the pending execution").register(registry);
    FunctionCounter.builder("ainj_block_txs_executed", c, x -> x.buildStats().executed())
        .description("block transactions executed while building or validating a block")
        .register(registry);
    FunctionCounter.builder("ainj_pending_rebuilds", c, x -> x.buildStats().rebuilds())
        .description("rebuilds of the pending state from the whole pool").register(registry);
    FunctionCounter.builder("ainj_pending_reruns", c, x -> x.buildStats().reruns())
        .description("pooled transactions run again on a new pending base").register(registry);
    FunctionCounter.builder("ainj_pending_renumbered", c, x -> x.buildStats().renumbered())
        .description("pooled transactions moved to another block by replaying their writes"
            + " instead of running them again").register(registry);
    Gauge.builder("ainj_pending_deferred_txs", c, Chain::deferredCount)
        .description("pooled transactions waiting to run on the pending state (admissions are"
            + " refused while any wait)").register(registry);
    Gauge.builder("ainj_tx_pool_size", c, x -> x.pool().size()).register(registry);
    Gauge.builder("ainj_tx_pool_free_size", c, x -> x.pool().freeSize()).register(registry);
    Gauge.builder("ainj_tx_tracker_size", c, x -> x.tracker().size()).register(registry);
    refreshRefusals();
  }

  /** Transactions refused at admission, one series per AIN result code as codes appear. */
  private void refreshRefusals() {
    if (chain == null) {
      return;
    }
    for (Integer code : chain.stats().refusedByCode().keySet()) {
      if (refusalCodes.add(code)) {
        Chain c = chain;
        FunctionCounter.builder("ainj_txs_refused", c, x -> x.stats().refusedByCode().getOrDefault(code, 0L))
            .tag("code", Integer.toString(code)).description("transactions refused at admission").register(registry);
      }
    }
  }

  public void bindSignatureChecks(TxVerifier verifier) {
    FunctionTimer.builder("ainj_signature_checks", verifier, v -> v.stats().checks(),
        v -> v.stats().totalNanos(), TimeUnit.NANOSECONDS)
        .description("transaction format and signature checks").register(registry);
    FunctionCounter.builder("ainj_signature_checks_refused", verifier, v -> v.stats().rejected()).register(registry);
  }

  /** Consensus counters from a snapshot the consensus thread publishes. */
  public void bindConsensus(Supplier<ConsensusStats> stats, IntSupplier view) {
    counter("ainj_consensus_messages_received", stats, ConsensusStats::received);
    counter("ainj_consensus_view_changes", stats, ConsensusStats::viewChanges);
    counter("ainj_consensus_timeouts", stats, ConsensusStats::timeouts);
    counter("ainj_consensus_decided", stats, ConsensusStats::decided);
    counter("ainj_consensus_bad_signatures", stats, ConsensusStats::badSignature);
    counter("ainj_consensus_invalid_messages", stats, ConsensusStats::invalid);
    counter("ainj_consensus_duplicates", stats, ConsensusStats::duplicate);
    counter("ainj_consensus_equivocations", stats, ConsensusStats::equivocations);
    counter("ainj_consensus_sync_requests", stats, ConsensusStats::syncRequests);
    Gauge.builder("ainj_consensus_view", view, IntSupplier::getAsInt).register(registry);
  }

  private void counter(String name, Supplier<ConsensusStats> stats, java.util.function.ToLongFunction<ConsensusStats> f) {
    FunctionCounter.builder(name, stats, s -> {
      ConsensusStats v = s.get();
      return v == null ? 0 : f.applyAsLong(v);
    }).register(registry);
  }

  public void bindRpc(Supplier<RpcStats> stats) {
    FunctionCounter.builder("ainj_rpc_http_requests", stats, s -> s.get().httpRequests()).register(registry);
    FunctionCounter.builder("ainj_rpc_calls", stats, s -> s.get().jsonRpcCalls()).register(registry);
    Gauge.builder("ainj_rpc_open_connections", stats, s -> s.get().openConnections()).register(registry);
    Gauge.builder("ainj_rpc_in_flight", stats, s -> s.get().inFlightCalls()).register(registry);
    for (RejectReason r : RejectReason.values()) {
      FunctionCounter.builder("ainj_rpc_rejected", stats, s -> s.get().rejected(r))
          .tag("reason", r.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }
  }

  public void bindState(StateDb db) {
    Gauge.builder("ainj_state_cached_nodes", db, d -> d.stats().cachedNodes()).register(registry);
    FunctionCounter.builder("ainj_state_cache_loads", db, d -> d.stats().cacheLoads())
        .description("state nodes read from RocksDB").register(registry);
    FunctionCounter.builder("ainj_state_cache_evictions", db, d -> d.stats().cacheEvictions()).register(registry);
  }

  public void bindPeers(IntSupplier peers) {
    Gauge.builder("ainj_peers", peers, IntSupplier::getAsInt).register(registry);
  }

  /** The same methods, each timed under {@code ainj_rpc_latency{method}}. */
  public RpcMethodRegistry timed(RpcMethodRegistry methods) {
    RpcMethodRegistry.Builder b = RpcMethodRegistry.builder();
    for (String name : methods.names()) {
      Timer timer = Timer.builder("ainj_rpc_latency").tag("method", name)
          .publishPercentiles(0.5, 0.99).register(registry);
      if (methods.handler(name).orElseThrow() instanceof RpcHandler.NonBlocking later) {
        b.registerAsync(name, (params, ctx) -> {
          long t0 = System.nanoTime();
          return later.method().call(params, ctx)
              .whenComplete((r, t) -> timer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS));
        });
        continue;
      }
      var method = methods.find(name).orElseThrow();
      b.register(name, (params, ctx) -> {
        long t0 = System.nanoTime();
        try {
          return method.call(params, ctx);
        } finally {
          timer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
      });
    }
    return b.build();
  }

  /** Serves {@code GET /metrics} in the Prometheus text format; returns the bound port. */
  public int serve(String host, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext("/metrics", exchange -> {
      refreshRefusals();
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
