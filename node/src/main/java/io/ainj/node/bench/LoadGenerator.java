package io.ainj.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.crypto.Keys;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Drives any AIN-compatible JSON-RPC endpoint with pre-signed {@code set_value} transactions and
 * measures what a client sees: committed transactions per second and submit-to-finality
 * latency. Finality is observed by following new blocks (not by polling each transaction, which
 * would double the load); a transaction's latency is the time from its submission until the
 * first block poll that shows it (polls every {@value #FOLLOW_POLL_MS} ms).
 *
 * <pre>
 * ./ainj bench --url http://127.0.0.1:8080/json-rpc \
 *   --txs 20000 --accounts 100 --concurrency 64
 * </pre>
 */
public final class LoadGenerator {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Settings; see {@link #usage()}. */
  /**
   * @param batch transactions per request: 1 sends each with {@code ain_sendSignedTransaction},
   *     more sends them in {@code ain_sendSignedTransactionBatch} calls of that many
   * @param rate transactions per second to offer on a fixed schedule (open loop: a request goes
   *     at its scheduled time whether or not earlier ones were answered, and its finality counts
   *     from that time, so a late sender shows as latency); 0 sends as fast as the clients can
   * @param keys distinct values written, over and over (0: a new one per transaction); a bounded
   *     key set keeps the app's state, and so AIN's free-tier state budget (25 MB over all apps
   *     without stake), from running out in long runs
   * @param rampS with a rate, seconds over which the offered rate rises linearly from 0 to it
   *     (0: the full rate from the start)
   */
  public record Options(String url, int txs, int accounts, int concurrency, int payloadBytes,
      int chainId, String app, long gasPrice, Path csv, int timeoutS, int durationS, int batch, double rate,
      int keys, double rampS) {
    public Options {
      if (rampS < 0 || Double.isNaN(rampS)) {
        throw new IllegalArgumentException("ramp must be 0 (none) or positive");
      }
      if (batch < 1) {
        throw new IllegalArgumentException("batch must be at least 1");
      }
      if (rate < 0 || Double.isNaN(rate)) {
        throw new IllegalArgumentException("rate must be 0 (as fast as possible) or positive");
      }
      if (keys < 0) {
        throw new IllegalArgumentException("keys must be 0 (a new one per transaction) or positive");
      }
    }

    /** The same load into another app for another duration (a warm-up, then the measured run). */
    public Options forRun(String otherApp, int otherDurationS) {
      return new Options(url, txs, accounts, concurrency, payloadBytes, chainId, otherApp, gasPrice, csv,
          timeoutS, otherDurationS, batch, rate, keys, rampS);
    }

    /** The same options with the offered rate rising over {@code seconds}. */
    public Options withRamp(double seconds) {
      return new Options(url, txs, accounts, concurrency, payloadBytes, chainId, app, gasPrice, csv,
          timeoutS, durationS, batch, rate, keys, seconds);
    }

    /**
     * When transaction {@code i} is due, in nanoseconds from the start, at {@code rate} per
     * second after a linear ramp of {@code rampS} seconds (during which i(t) = rate t² / 2 ramp).
     */
    long dueNanos(long i) {
      double rampTxs = rate * rampS / 2;
      double seconds = i < rampTxs ? Math.sqrt(2 * rampS * i / rate) : rampS + (i - rampTxs) / rate;
      return (long) (seconds * 1e9);
    }
  }

  /** One second of the run: transactions committed in it, their finality, machine CPU. */
  public record Second(long second, int committed, long p50Ms, long p99Ms, double cpuPercent) {}

  /** What one run measured. */
  public record Result(int sent, int accepted, int committed, double seconds, double committedPerSecond,
      double submitPerSecond, long p50Ms, long p90Ms, long p99Ms, long maxMs, List<Second> bySecond) {
    public String summary() {
      return String.format("sent %d, accepted %d, committed %d in %.2f s: %.0f committed tx/s "
              + "(submit %.0f tx/s); finality p50 %d ms, p90 %d ms, p99 %d ms, max %d ms",
          sent, accepted, committed, seconds, committedPerSecond, submitPerSecond, p50Ms, p90Ms, p99Ms, maxMs);
    }
  }

  private final Options opt;
  private final AinCrypto crypto = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.AUTO));

  public LoadGenerator(Options opt) {
    this.opt = opt;
  }

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    Result r = new LoadGenerator(o).run(System.out);
    System.out.println(r.summary());
    System.exit(r.committed() == r.accepted() && r.accepted() > 0 ? 0 : 1);
  }

  public Result run(PrintStream log) throws Exception {
    setUpApp(log);
    // A paced run of limited duration needs no more than it can send.
    int txCount = opt.rate() > 0 && opt.durationS() > 0
        ? (int) Math.min(opt.txs(), Math.ceil(opt.rate() * opt.durationS())) : opt.txs();
    log.printf("pre-signing %d transactions from %d accounts...%n", txCount, opt.accounts());
    List<byte[]> keys = new ArrayList<>();
    SecureRandom rnd = new SecureRandom();
    for (int i = 0; i < opt.accounts(); i++) {
      keys.add(Keys.generatePrivateKey(rnd));
    }
    String payload = "x".repeat(Math.max(0, opt.payloadBytes()));
    long baseTs = System.currentTimeMillis();
    ObjectNode[] signed = new ObjectNode[txCount];
    String[] hashes = new String[txCount];
    IntStream.range(0, txCount).parallel().forEach(i -> {
      ObjectNode body = JSON.objectNode();
      ObjectNode op = body.putObject("operation");
      int key = opt.keys() > 0 ? i % opt.keys() : i;
      op.put("type", "SET_VALUE").put("ref", "/apps/" + opt.app() + "/load/" + (key % 1000) + "/" + key);
      op.put("value", payload.isEmpty() ? Integer.toString(i) : payload);
      op.put("is_global", false);
      body.put("nonce", -1).put("timestamp", baseTs + i).put("gas_price", opt.gasPrice());
      var sig = crypto.signTransaction(body, keys.get(i % keys.size()), opt.chainId());
      ObjectNode params = JSON.objectNode();
      params.set("tx_body", body);
      params.put("signature", sig.encode());
      signed[i] = params;
      hashes[i] = sig.hashHex();
    });
    // One request body per unit of `batch` consecutive transactions.
    int batch = opt.batch();
    int units = (txCount + batch - 1) / batch;
    String[] bodies = new String[units];
    IntStream.range(0, units).parallel().forEach(u -> {
      ObjectNode req = JSON.objectNode();
      req.put("jsonrpc", "2.0").put("id", u);
      if (batch == 1) {
        ObjectNode params = signed[u].deepCopy().put("protoVer", "1.0.0");
        req.put("method", "ain_sendSignedTransaction").set("params", params);
      } else {
        ObjectNode params = JSON.objectNode();
        ArrayNode list = params.putArray("tx_list");
        for (int i = u * batch; i < Math.min(txCount, (u + 1) * batch); i++) {
          list.add(signed[i]);
        }
        params.put("protoVer", "1.0.0");
        req.put("method", "ain_sendSignedTransactionBatch").set("params", params);
      }
      bodies[u] = AinJson.writeJsString(req);
    });

    Map<String, Long> submittedAt = new ConcurrentHashMap<>();
    Map<String, Long> latency = new ConcurrentHashMap<>();
    Map<Long, List<Long>> latencyBySecond = new ConcurrentHashMap<>();
    Map<Long, Double> cpuBySecond = new ConcurrentHashMap<>();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    Map<Integer, java.util.concurrent.atomic.LongAdder> refusals = new ConcurrentHashMap<>();
    AtomicLong lastCommitAt = new AtomicLong();
    long startBlock = call("ain_getLastBlockNumber", JSON.objectNode()).asLong();
    long t0 = System.nanoTime();
    Thread watcher = new Thread(() -> watchBlocks(startBlock, submittedAt, latency,
        latencyBySecond, t0, lastCommitAt), "block-watcher");
    watcher.setDaemon(true);
    watcher.start();
    Thread cpu = new Thread(() -> sampleCpu(cpuBySecond, t0), "cpu-sampler");
    cpu.setDaemon(true);
    cpu.start();
    long sendDeadline = opt.durationS() > 0 ? t0 + opt.durationS() * 1_000_000_000L : Long.MAX_VALUE;

    ExecutorService senders = Executors.newFixedThreadPool(opt.concurrency());
    CountDownLatch done = new CountDownLatch(units);
    AtomicInteger next = new AtomicInteger();
    for (int w = 0; w < opt.concurrency(); w++) {
      senders.execute(() -> {
        for (int u = next.getAndIncrement(); u < units; u = next.getAndIncrement()) {
          if (System.nanoTime() > sendDeadline) {
            done.countDown();
            continue;
          }
          int from = u * batch;
          int to = Math.min(txCount, from + batch);
          try {
            long at = System.nanoTime();
            if (opt.rate() > 0) {
              long scheduled = t0 + opt.dueNanos(from);
              if (scheduled > sendDeadline) {
                continue;
              }
              for (long wait = scheduled - at; wait > 0; wait = scheduled - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
              }
              at = scheduled;
            }
            for (int i = from; i < to; i++) {
              submittedAt.put(hashes[i], at);
            }
            JsonNode r = post(bodies[u]);
            sent.addAndGet(to - from);
            JsonNode results = r.path("result").path("result");
            for (int i = from; i < to; i++) {
              JsonNode one = batch == 1 ? results : results.path(i - from);
              JsonNode code = one.path("result").path("code");
              if (one.path("tx_hash").isTextual() && (code.isMissingNode() || code.asInt() == 0)) {
                accepted.incrementAndGet();
              } else {
                submittedAt.remove(hashes[i]);
                int why = r.has("error") ? r.path("error").path("code").asInt() : code.asInt(-1);
                refusals.computeIfAbsent(why, k -> new java.util.concurrent.atomic.LongAdder()).increment();
              }
            }
          } catch (Exception e) {
            for (int i = from; i < to; i++) {
              submittedAt.remove(hashes[i]);
            }
          } finally {
            done.countDown();
          }
        }
      });
    }
    done.await();
    double submitSeconds = (System.nanoTime() - t0) / 1e9;
    if (!refusals.isEmpty()) {
      log.println("refused by code: " + new java.util.TreeMap<>(refusals));
    }
    senders.shutdown();
    long deadline = System.nanoTime() + opt.timeoutS() * 1_000_000_000L;
    while (latency.size() < accepted.get() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    watcher.interrupt();
    cpu.interrupt();
    double seconds = (lastCommitAt.get() - t0) / 1e9;
    List<Second> bySecond = new ArrayList<>();
    for (long sec = 0; sec <= (lastCommitAt.get() - t0) / 1_000_000_000L; sec++) {
      long[] l = latencyBySecond.getOrDefault(sec, List.of()).stream().mapToLong(Long::longValue).sorted().toArray();
      bySecond.add(new Second(sec, l.length, pct(l, 0.5), pct(l, 0.99), cpuBySecond.getOrDefault(sec, 0.0)));
    }
    long[] lat = latency.values().stream().mapToLong(Long::longValue).sorted().toArray();
    Result res = new Result(sent.get(), accepted.get(), lat.length, seconds,
        lat.length / Math.max(seconds, 1e-9), sent.get() / submitSeconds,
        pct(lat, 0.50), pct(lat, 0.90), pct(lat, 0.99), lat.length == 0 ? 0 : lat[lat.length - 1],
        bySecond);
    if (opt.csv() != null) {
      writeCsv(res, opt.csv());
    }
    return res;
  }

  /** Creates a public app for the load (public so any generated account may write to it). */
  private void setUpApp(PrintStream log) throws IOException, InterruptedException {
    JsonNode existing = call("ain_get", JSON.objectNode().put("type", "GET_VALUE").put("ref", "/manage_app/" + opt.app() + "/config"));
    if (!existing.isNull()) {
      return;
    }
    // AIN's base genesis funds these public test accounts; any account may create an app.
    byte[] key = Keys.parsePrivateKey(readGenesisKey());
    String admin = crypto.address(key);
    ObjectNode body = JSON.objectNode();
    ObjectNode op = body.putObject("operation");
    op.put("type", "SET_VALUE").put("ref", "/manage_app/" + opt.app() + "/create/" + System.currentTimeMillis());
    ObjectNode value = op.putObject("value");
    value.putObject("admin").put(admin, true);
    value.put("is_public", true);
    op.put("is_global", false);
    body.put("nonce", -1).put("timestamp", System.currentTimeMillis()).put("gas_price", 0);
    ObjectNode params = JSON.objectNode();
    params.set("tx_body", body);
    params.put("signature", crypto.signTransaction(body, key, opt.chainId()).encode());
    JsonNode r = call("ain_sendSignedTransaction", params);
    log.println("created app " + opt.app() + ": " + r.path("result").path("code"));
    // The first value under /apps adds the "apps" label to service state, which costs service
    // state gas; write it from the funded admin so unfunded load accounts pay nothing.
    ObjectNode first = JSON.objectNode();
    first.putObject("operation").put("type", "SET_VALUE").put("ref", "/apps/" + opt.app() + "/load/ready")
        .put("value", true).put("is_global", false);
    first.put("nonce", -1).put("timestamp", System.currentTimeMillis() + 1).put("gas_price", 0);
    ObjectNode firstParams = JSON.objectNode();
    firstParams.set("tx_body", first);
    firstParams.put("signature", crypto.signTransaction(first, key, opt.chainId()).encode());
    JsonNode ready = call("ain_sendSignedTransaction", firstParams);
    if (ready.path("result").path("code").asInt(-1) != 0) {
      throw new IOException("the first write to app " + opt.app() + " was refused: " + ready);
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (call("ain_get", JSON.objectNode().put("type", "GET_VALUE").put("ref", "/apps/" + opt.app() + "/load/ready")
        .put("is_final", true)).isNull()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("app creation was not finalized within 30 s");
      }
      Thread.sleep(50);
    }
  }

  private static String readGenesisKey() throws IOException {
    try (var in = LoadGenerator.class.getResourceAsStream("/io/ainj/genesis/base/genesis_accounts.json")) {
      if (in != null) {
        return AinJson.mapper().readTree(in).path("others").get(9).path("private_key").asText();
      }
    }
    throw new IOException("genesis accounts are not on the classpath");
  }

  /** Whole-machine CPU load each second (the node and this generator share it). */
  private static void sampleCpu(Map<Long, Double> cpuBySecond, long t0) {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      cpuBySecond.put((System.nanoTime() - t0) / 1_000_000_000L, Math.max(0, os.getCpuLoad()) * 100);
    }
  }

  static final long FOLLOW_POLL_MS = 5;

  private void watchBlocks(long startBlock, Map<String, Long> submittedAt, Map<String, Long> latency,
      Map<Long, List<Long>> latencyBySecond, long t0, AtomicLong lastCommitAt) {
    long next = startBlock + 1;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        long last = call("ain_getLastBlockNumber", JSON.objectNode()).asLong();
        for (; next <= last; next++) {
          JsonNode block = call("ain_getBlockByNumber", JSON.objectNode().put("number", next));
          long now = System.nanoTime();
          int n = 0;
          for (JsonNode h : block.path("transactions")) {
            Long at = submittedAt.get(h.asText());
            long ms = at == null ? 0 : (now - at) / 1_000_000;
            if (at != null && latency.putIfAbsent(h.asText(), ms) == null) {
              n++;
              latencyBySecond.computeIfAbsent((now - t0) / 1_000_000_000L,
                  k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(ms);
            }
          }
          if (n > 0) {
            lastCommitAt.set(now);
          }
        }
        // A new block is seen at most this late (finality figures are up to 5 ms high, 2.5 ms
        // on average); polling every millisecond cost the node under test as many RPC calls as
        // the transactions themselves.
        Thread.sleep(FOLLOW_POLL_MS);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // transient: the node may be busy or restarting; keep following, without spinning
        try {
          Thread.sleep(FOLLOW_POLL_MS);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
    params.put("protoVer", "1.0.0");
    ObjectNode req = JSON.objectNode();
    req.put("jsonrpc", "2.0").put("id", 0).put("method", method).set("params", params);
    JsonNode r = post(AinJson.writeJsString(req));
    if (r.has("error") || r.path("result").has("code") && r.path("result").path("code").asInt() != 0) {
      throw new IOException(method + ": " + r);
    }
    return r.path("result").path("result");
  }

  private JsonNode post(String body) throws IOException {
    return AinJson.parse(connection.get().post(body));
  }

  // One kept-alive connection per sending thread, as wrk does.
  private final ThreadLocal<KeepAliveHttp> connection = ThreadLocal.withInitial(this::connect);

  private KeepAliveHttp connect() {
    return new KeepAliveHttp(URI.create(opt.url()));
  }

  /** The {@code p} quantile (0..1) of sorted values, 0 when there are none. */
  public static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** {@code second,committed_tx,p50_ms,p99_ms,cpu_percent}, one row per second of the run. */
  public static void writeCsv(Result r, Path csv) throws IOException {
    StringBuilder sb = new StringBuilder("second,committed_tx,p50_ms,p99_ms,cpu_percent\n");
    for (Second s : r.bySecond()) {
      sb.append(s.second()).append(',').append(s.committed()).append(',').append(s.p50Ms()).append(',')
          .append(s.p99Ms()).append(',').append(String.format("%.1f", s.cpuPercent())).append('\n');
    }
    Files.writeString(csv, sb.toString());
  }

  static Options parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException(usage());
      }
      m.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0 || Arrays.asList(args).contains("--help")) {
      throw new IllegalArgumentException(usage());
    }
    return new Options(m.getOrDefault("url", "http://127.0.0.1:8080/json-rpc"),
        Integer.parseInt(m.getOrDefault("txs", "10000")),
        Integer.parseInt(m.getOrDefault("accounts", "100")),
        Integer.parseInt(m.getOrDefault("concurrency", "32")),
        Integer.parseInt(m.getOrDefault("payload-bytes", "0")),
        Integer.parseInt(m.getOrDefault("chain-id", "0")),
        m.getOrDefault("app", "loadgen"),
        Long.parseLong(m.getOrDefault("gas-price", "500")),
        m.containsKey("csv") ? Path.of(m.get("csv")) : null,
        Integer.parseInt(m.getOrDefault("timeout-s", "120")),
        Integer.parseInt(m.getOrDefault("duration-s", "0")),
        Integer.parseInt(m.getOrDefault("batch", "1")),
        Double.parseDouble(m.getOrDefault("rate", "0")),
        Integer.parseInt(m.getOrDefault("keys", "0")),
        Double.parseDouble(m.getOrDefault("ramp-s", "0")));
  }

  static String usage() {
    return "usage: LoadGenerator [--url URL] [--txs N] [--accounts A] [--concurrency C] [--payload-bytes P]"
        + " [--chain-id ID] [--app NAME] [--gas-price G] [--csv FILE] [--timeout-s S] [--duration-s S]"
        + " [--batch B (transactions per ain_sendSignedTransactionBatch call; 1 = single sends)]"
        + " [--rate R (transactions per second on a fixed schedule; 0 = as fast as possible)]"
        + " [--keys K (distinct values written over and over; 0 = a new one per transaction)]"
        + " [--ramp-s S (with --rate: the rate rises from 0 over S seconds)]";
  }
}
