package io.ainj.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.AinJson;
import io.ainj.node.bench.LoadGenerator;
import io.ainj.node.bench.Plot;
import io.ainj.node.bench.ViewChangeProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ainj bench}: a local network under load, or any AIN-compatible endpoint. */
@Command(
    name = "bench",
    description = "Start a local network of N validators (or use --url for any AIN-compatible "
        + "JSON-RPC endpoint), drive it with pre-signed set_value transactions for the duration and "
        + "write DIR/throughput.csv (per second: committed tx, p50/p99 finality, CPU), "
        + "DIR/summary.txt and DIR/plot.svg.")
public final class BenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--validators", defaultValue = "1", description = "Validators to start. Default: ${DEFAULT-VALUE}.")
  int validators;

  @Option(names = "--url", description = "Benchmark this JSON-RPC endpoint instead of starting a network.")
  String url;

  @Option(names = "--duration-s", defaultValue = "30", description = "How long to send. Default: ${DEFAULT-VALUE}.")
  int durationS;

  @Option(names = "--block-size", description = "Most transactions per block. Default: "
      + io.ainj.node.NodeConfig.DEFAULT_MAX_TXS_PER_BLOCK + " for one validator (as `start --dev`), "
      + "1000 for a network (as `testnet init`: a block of a network must be built, sent, "
      + "re-checked and committed by every validator within a round).")
  Integer blockSize;

  @Option(names = "--payload-bytes", defaultValue = "0", description = "Bytes of each value written. Default: ${DEFAULT-VALUE}.")
  int payloadBytes;

  @Option(names = "--clients", defaultValue = "64", description = "Concurrent JSON-RPC clients. Default: ${DEFAULT-VALUE}.")
  int clients;

  @Option(names = "--batch", defaultValue = "1", description = "Transactions per request: 1 sends each "
      + "with ain_sendSignedTransaction, more uses ain_sendSignedTransactionBatch. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--rate", defaultValue = "0", description = "Transactions per second to offer on a fixed "
      + "schedule (open loop; finality counts from the scheduled time); 0 sends as fast as the clients "
      + "can. Default: ${DEFAULT-VALUE}.")
  double rate;

  @Option(names = "--warmup-s", defaultValue = "0", description = "Seconds of the same load before the "
      + "measured run, whose figures are dropped (freshly started JVMs spend one to several minutes "
      + "compiling, longer the more JVMs share the cores; a long-running validator does not). With --rate, the warm-up's rate rises "
      + "from 0 over its first half. Default: ${DEFAULT-VALUE}.")
  int warmupS;

  @Option(names = "--keys", defaultValue = "0", description = "Distinct values written, over and over "
      + "(0: a new one per transaction). Long runs need a bound: apps without stake share AIN's "
      + "25 MB free-tier state budget. Default: ${DEFAULT-VALUE}.")
  int keys;

  @Option(names = "--accounts", defaultValue = "200", description = "Signing accounts. Default: ${DEFAULT-VALUE}.")
  int accounts;

  @Option(names = "--max-txs", defaultValue = "200000", description = "Transactions to pre-sign. Default: ${DEFAULT-VALUE}.")
  int maxTxs;

  @Option(names = "--base-port", defaultValue = "19000", description = "First port of the local network. Default: ${DEFAULT-VALUE}.")
  int basePort;

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Option(names = "--view-changes", defaultValue = "0", description = "After the measured run, with a "
      + "local network of 4 or more validators: kill -9 the primary of a fresh round this many times "
      + "(validators 1, 2, ... in turn; each restarted and caught up before the next) and time how "
      + "long the others take to change view and to commit that height. Written to "
      + "DIR/view_changes.csv and summary.txt, against twice the round timeout. Default: ${DEFAULT-VALUE}.")
  int viewChanges;

  @Option(names = "--validator-heap", defaultValue = "2g", paramLabel = "SIZE", description = "Java heap of "
      + "each local validator, fixed and touched at start (-Xms, -Xmx, -XX:+AlwaysPreTouch; e.g. 2g); 'jvm' "
      + "leaves the JVM's default, which grows towards a quarter of RAM. A growing heap keeps touching new "
      + "pages, and on a VM that hands freed memory back to its host each first touch is costly. "
      + "Default: ${DEFAULT-VALUE}.")
  String validatorHeap;

  @Option(names = "--validator-java-opt", paramLabel = "OPTION", description = "One more JVM option for "
      + "each local validator, after the heap options (repeatable; e.g. --validator-java-opt=-XX:+UseParallelGC). "
      + "Local validators run on the Java that runs the bench (./ainj: AINJ_JAVA or JAVA_HOME).")
  List<String> validatorJavaOpts = new ArrayList<>();

  private JsonNode nodeList;

  @Override
  public Integer call() throws Exception {
    if (!validatorHeap.equals("jvm") && !validatorHeap.matches("[1-9][0-9]*[kKmMgG]?")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--validator-heap takes a size such as 2g or 1536m, or 'jvm'");
    }
    if (viewChanges > 0 && (url != null || validators < 4)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--view-changes needs a local network of at least 4 validators (no --url)");
    }
    Files.createDirectories(out);
    List<Process> nodes = new ArrayList<>();
    String target = url;
    try {
      if (target == null) {
        target = startNetwork(nodes);
      }
      java.io.PrintStream log = new java.io.PrintStream(
          new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
      LoadGenerator.Options o = new LoadGenerator.Options(target, maxTxs, accounts, clients, payloadBytes, 0,
          "bench" + System.currentTimeMillis() % 100000, 500, null, 120, durationS, batch, rate, keys, 0);
      if (warmupS > 0) {
        // A paced warm-up ramps up over its first half: at the full rate from the first second,
        // fresh JVMs still compiling fall behind and the measured run inherits their backlog.
        LoadGenerator.Options warm = o.forRun(o.app() + "w", warmupS).withRamp(rate > 0 ? warmupS / 2.0 : 0);
        LoadGenerator.Result w = new LoadGenerator(warm).run(log);
        log.println("warm-up (not counted): " + w.summary());
      }
      LoadGenerator.Result r = new LoadGenerator(o).run(log);
      LoadGenerator.writeCsv(r, out.resolve("throughput.csv"));
      String title = (url == null ? validators + " validator(s)" : url) + ": " + r.summary();
      Files.writeString(out.resolve("summary.txt"), title + "\n");
      Files.writeString(out.resolve("plot.svg"), Plot.svg(
          (url == null ? validators + " validators" : "endpoint") + String.format(", %.0f tx/s, p50 %d ms",
              r.committedPerSecond(), r.p50Ms()), r.bySecond()));
      spec.commandLine().getOut().println(r.summary());
      spec.commandLine().getOut().println("wrote " + out.resolve("throughput.csv") + ", summary.txt, plot.svg");
      spec.commandLine().getOut().flush();
      boolean viewChangesOk = viewChanges <= 0 || timeViewChanges(nodes, title, log);
      return r.committed() > 0 && viewChangesOk ? 0 : 1;
    } finally {
      for (Process p : nodes) {
        p.destroy();
      }
      for (Process p : nodes) {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  /** Runs the view-change trials; false when one took longer than twice the round timeout. */
  private boolean timeViewChanges(List<Process> nodes, String title, java.io.PrintStream log) throws Exception {
    io.ainj.node.net.HomeConfig home = io.ainj.node.net.HomeConfig.load(
        Path.of(nodeList.get(0).path("home").asText()), io.ainj.crypto.EcdsaBackends.Choice.AUTO, -1);
    long limitMs = 2 * io.ainj.node.Node.baseRoundTimeoutMs(home.node(), home.network());
    List<ViewChangeProbe.Trial> trials = new ViewChangeProbe(new ViewChangeProbe.Validators() {
      @Override
      public int count() {
        return nodes.size();
      }

      @Override
      public String rpcBase(int i) {
        return "http://127.0.0.1:" + nodeList.get(i).path("rpc_port").asInt();
      }

      @Override
      public String address(int i) {
        return nodeList.get(i).path("address").asText();
      }

      @Override
      public void kill(int i) throws Exception {
        nodes.get(i).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }

      @Override
      public void restart(int i) throws Exception {
        nodes.set(i, startValidator(nodeList.get(i)));
      }
    }).run(viewChanges, log);
    Files.writeString(out.resolve("view_changes.csv"), ViewChangeProbe.csv(trials));
    long[] resume = trials.stream().mapToLong(ViewChangeProbe.Trial::resumeMs).sorted().toArray();
    // A trial whose victim proposed before it died (after every retry) had no view change to time.
    long[] change = trials.stream().mapToLong(ViewChangeProbe.Trial::viewChangeMs).filter(ms -> ms >= 0)
        .sorted().toArray();
    boolean ok = resume[resume.length - 1] <= limitMs;
    String line = String.format("%d view changes (primary killed at the start of its round): view changed after "
            + "p50 %d ms, max %d ms (%d of the trials); height committed after p50 %d ms, max %d ms; twice the "
            + "round timeout is %d ms: %s",
        trials.size(), LoadGenerator.pct(change, 0.5), change.length == 0 ? 0 : change[change.length - 1],
        change.length, LoadGenerator.pct(resume, 0.5), resume[resume.length - 1], limitMs,
        ok ? "within" : "NOT within");
    Files.writeString(out.resolve("summary.txt"), title + "\n" + line + "\n");
    spec.commandLine().getOut().println(line);
    spec.commandLine().getOut().flush();
    return ok;
  }

  private Process startValidator(JsonNode n) throws Exception {
    String jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path home = Path.of(n.path("home").asText());
    List<String> cmd = new ArrayList<>(List.of(java));
    if (!validatorHeap.equals("jvm")) {
      cmd.add("-Xms" + validatorHeap);
      cmd.add("-Xmx" + validatorHeap);
      // Touched once at start (a few seconds per GiB here) rather than page by page under load.
      cmd.add("-XX:+AlwaysPreTouch");
    }
    cmd.addAll(validatorJavaOpts);
    cmd.addAll(List.of("-jar", jar, "start", "--home", home.toString()));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("node.log").toFile()))
        .start();
  }

  private String startNetwork(List<Process> nodes) throws Exception {
    Path net = out.resolve("net");
    int code = Main.commandLine().execute("testnet", "init", "--validators", Integer.toString(validators),
        "--out", net.toString(), "--base-port", Integer.toString(basePort), "--max-txs-per-block",
        Integer.toString(blockSize != null ? blockSize
            : validators == 1 ? io.ainj.node.NodeConfig.DEFAULT_MAX_TXS_PER_BLOCK : 1000));
    if (code != 0) {
      throw new IOException("testnet init failed");
    }
    JsonNode list = AinJson.mapper().readTree(net.resolve("nodes.json").toFile());
    nodeList = list;
    for (JsonNode n : list) {
      nodes.add(startValidator(n));
    }
    String first = "http://127.0.0.1:" + list.get(0).path("rpc_port").asInt();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (JsonNode n : list) {
      String ready = "http://127.0.0.1:" + n.path("rpc_port").asInt() + "/readiness";
      while (true) {
        try {
          if (http.send(HttpRequest.newBuilder(URI.create(ready)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            break;
          }
        } catch (IOException e) {
          // not listening yet
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("validator at " + ready + " did not become ready; see its node.log");
        }
        Thread.sleep(200);
      }
    }
    return first + "/json-rpc";
  }
}
