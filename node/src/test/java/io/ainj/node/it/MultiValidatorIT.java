package io.ainj.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.Keys;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validators as real processes on loopback, under a steady load: kill -9 a replica (the
 * others keep committing), restart it (it catches up to the same block hashes), kill the primary
 * (a view change, then commits resume), pause one with SIGSTOP for a minute (the others go on)
 * and resume it (it rejoins and catches up). Throughout, every transaction a validator reported finalized stays
 * finalized in the same block on every validator, and all validators agree on every block.
 *
 * <p>Round timeouts are 1 s, so the paused validator misses many rounds and view changes.
 */
class MultiValidatorIT {
  private static final int N = 4;
  private static final Duration PAUSE = Duration.ofSeconds(60);
  @TempDir Path dir;

  private final NodeProcess[] nodes = new NodeProcess[N];
  private volatile int pausedIdx = -1;
  private List<String> addresses;
  private List<Path> homes;

  @Test
  void fourValidatorsSurviveCrashesAViewChangeAndAPause() throws Exception {
    Path net = dir.resolve("net");
    int base = freePortBase();
    Process init = new ProcessBuilder(NodeProcess.javaBin(), "-jar", NodeProcess.jar().toString(), "testnet", "init",
        "--validators", Integer.toString(N), "--out", net.toString(), "--base-port", Integer.toString(base),
        "--empty-block-interval-ms", "400", "--round-timeout-ms", "1000").redirectErrorStream(true).start();
    String initOut = new String(init.getInputStream().readAllBytes());
    assertEquals(0, init.waitFor(), initOut);
    JsonNode list = AinJson.parse(Files.readString(net.resolve("nodes.json")));
    assertEquals(N, list.size());
    addresses = new ArrayList<>();
    homes = new ArrayList<>();
    for (JsonNode n : list) {
      addresses.add(n.path("address").asText());
      homes.add(Path.of(n.path("home").asText()));
    }

    AtomicBoolean stop = new AtomicBoolean();
    Map<String, Long> finalized = new ConcurrentHashMap<>();
    List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread load = null;
    try {
      startAll();
      awaitAllAtLeast(2, Duration.ofSeconds(60));

      byte[] key = Keys.parsePrivateKey(NodeProcessIT.readGenesisKey(0));
      String created = nodes[1].createApp("mvit", key);
      // sent to validator 1, finalized as seen from validator 3: gossip reached the primary
      nodes[3].awaitFinalized(created, Duration.ofSeconds(30));

      AtomicInteger seq = new AtomicInteger();
      load = new Thread(() -> {
        while (!stop.get()) {
          int i = seq.incrementAndGet();
          NodeProcess target = nodes[i % N];
          try {
            if (target != null && target.process.isAlive() && i % N != pausedIdx) {
              JsonNode r = target.send(NodeProcess.setValue("/apps/mvit/v" + i,
                  JsonNodeFactory.instance.numberNode(i), -1, System.currentTimeMillis()), key);
              String h = r.path("tx_hash").asText(null);
              if (h != null && r.path("result").path("code").asInt(-1) == 0) {
                sent.add(h);
              }
            }
            Thread.sleep(40);
          } catch (IOException e) {
            // that validator is down or paused: the client tries the next one
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "load");
      load.setDaemon(true);
      load.start();

      // 1. kill -9 a replica that is not the primary of the next height: the others keep committing
      int victim = pickNotPrimary();
      log("killing replica " + victim);
      nodes[victim].kill9();
      nodes[victim] = null;
      long h0 = minHeight();
      awaitAllAtLeast(h0 + 5, Duration.ofSeconds(30));
      recordFinalized(sent, finalized);

      // 2. restart it: it catches up to the same block hashes
      log("restarting " + victim);
      nodes[victim] = NodeProcess.startHome(homes.get(victim));
      long target = maxHeight();
      awaitAllAtLeast(target + 2, Duration.ofSeconds(60));
      assertSameBlocks(1, minHeight());

      // 3. kill the primary of the coming height: a view change, then commits resume
      int primary = primaryOfNextHeight();
      log("killing primary " + primary);
      nodes[primary].kill9();
      nodes[primary] = null;
      long viewChangesBefore = totalViewChanges(); // of the survivors
      long h1 = minHeight();
      awaitAllAtLeast(h1 + 6, Duration.ofSeconds(60));
      assertTrue(totalViewChanges() > viewChangesBefore, "a view change happened after the primary died");
      recordFinalized(sent, finalized);
      log("view changes now " + totalViewChanges() + "; restarting " + primary);
      nodes[primary] = NodeProcess.startHome(homes.get(primary));
      awaitAllAtLeast(maxHeight() + 1, Duration.ofSeconds(60));

      // 4. pause one validator for a minute; the others go on; resumed, it rejoins
      int paused = (primary + 1) % N;
      log("pausing " + paused);
      pausedIdx = paused;
      signal(nodes[paused], "STOP");
      long h2 = nodes[(paused + 1) % N].height();
      try {
        Thread.sleep(PAUSE.toMillis());
        long h3 = nodes[(paused + 1) % N].height();
        assertTrue(h3 >= h2 + 5, "the other three kept committing while one was paused: " + h2 + " -> " + h3);
      } finally {
        signal(nodes[paused], "CONT");
        pausedIdx = -1;
      }
      awaitAllAtLeast(maxHeight() + 2, Duration.ofSeconds(60));

      log("resumed; stopping the load");
      stop.set(true);
      load.join(5_000);
      recordFinalized(sent, finalized);
      awaitAllAtLeast(maxHeight() + 1, Duration.ofSeconds(30));
      assertSameBlocks(1, minHeight());

      log("checking " + finalized.size() + " finalized of " + sent.size() + " sent transactions");
      // nothing reported finalized is lost, and every validator has it in the same block
      assertTrue(finalized.size() > 50, "enough load got through: " + finalized.size());
      for (Map.Entry<String, Long> e : finalized.entrySet()) {
        for (NodeProcess n : nodes) {
          JsonNode t = n.tx(e.getKey());
          assertTrue(t.path("is_finalized").asBoolean(false), "tx " + e.getKey() + " finalized on " + n.url);
          assertEquals(e.getValue().longValue(), t.path("number").asLong(), "tx " + e.getKey() + " block on " + n.url);
        }
      }
    } catch (Throwable t) {
      NodeProcess.printOutputs(nodes);
      throw t;
    } finally {
      stop.set(true);
      if (load != null) {
        load.interrupt();
      }
      for (NodeProcess n : nodes) {
        if (n != null) {
          signal(n, "CONT");
          n.kill9();
        }
      }
    }
  }

  private void log(String what) throws Exception {
    StringBuilder b = new StringBuilder("[MultiValidatorIT] " + what + ": heights");
    for (NodeProcess n : nodes) {
      try {
        b.append(' ').append(n == null ? "down" : Long.toString(n.height()));
      } catch (IOException e) {
        b.append(" ?");
      }
    }
    System.out.println(b);
  }

  private void startAll() throws Exception {
    List<Thread> starters = new ArrayList<>();
    List<Exception> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < N; i++) {
      int idx = i;
      Thread t = new Thread(() -> {
        try {
          nodes[idx] = NodeProcess.startHome(homes.get(idx));
        } catch (Exception e) {
          errors.add(e);
        }
      });
      t.start();
      starters.add(t);
    }
    for (Thread t : starters) {
      t.join();
    }
    if (!errors.isEmpty()) {
      throw errors.get(0);
    }
  }

  /** Finalized status of what the load sent, as one live validator reports it. */
  private void recordFinalized(List<String> sent, Map<String, Long> finalized) throws Exception {
    List<String> copy;
    synchronized (sent) {
      copy = new ArrayList<>(sent);
    }
    NodeProcess any = live().get(0);
    for (String h : copy) {
      if (!finalized.containsKey(h)) {
        JsonNode t = any.tx(h);
        if (t.path("is_finalized").asBoolean(false)) {
          finalized.put(h, t.path("number").asLong());
        }
      }
    }
  }

  private List<NodeProcess> live() {
    List<NodeProcess> out = new ArrayList<>();
    for (NodeProcess n : nodes) {
      if (n != null) {
        out.add(n);
      }
    }
    return out;
  }

  private long minHeight() throws Exception {
    long m = Long.MAX_VALUE;
    for (NodeProcess n : live()) {
      m = Math.min(m, n.height());
    }
    return m;
  }

  private long maxHeight() throws Exception {
    long m = -1;
    for (NodeProcess n : live()) {
      m = Math.max(m, n.height());
    }
    return m;
  }

  private void awaitAllAtLeast(long height, Duration timeout) throws Exception {
    NodeProcess.awaitAtLeast(live(), height, timeout);
  }

  private void assertSameBlocks(long from, long to) throws Exception {
    for (long n = from; n <= to; n++) {
      String hash = null;
      for (NodeProcess p : live()) {
        JsonNode b = p.block(n);
        String h = b.path("hash").asText();
        assertTrue(b.path("commit_certificate").path("seals").size() >= 3, "block " + n + " carries its certificate");
        if (hash == null) {
          hash = h;
        } else {
          assertEquals(hash, h, "block " + n + " on " + p.url);
        }
      }
    }
  }

  /** PBFT round robin: primary of (height, view) is sorted validators[(height + view) mod n]. */
  private int primaryOfNextHeight() throws Exception {
    NodeProcess any = live().get(0);
    long next = any.height() + 1;
    List<String> sorted = new ArrayList<>(addresses);
    sorted.sort(Comparator.comparing(a -> a.toLowerCase(java.util.Locale.ROOT)));
    return addresses.indexOf(sorted.get((int) (next % N)));
  }

  private int pickNotPrimary() throws Exception {
    int p = primaryOfNextHeight();
    return (p + 2) % N;
  }

  private long totalViewChanges() throws Exception {
    long sum = 0;
    for (NodeProcess n : live()) {
      sum += n.statusJson().path("consensus").path("view_changes").asLong();
    }
    return sum;
  }

  private static void signal(NodeProcess n, String sig) throws Exception {
    if (n != null && n.process.isAlive()) {
      new ProcessBuilder("kill", "-" + sig, Long.toString(n.process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePortBase() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000);
      boolean free = true;
      for (int p = base; p < base + 2 * N && free; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no free port range");
  }
}
