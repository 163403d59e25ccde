package io.ainj.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.AinJson;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Times view changes of a running local network: waits until a chosen validator becomes the
 * primary of a fresh round, kills it (kill -9), and measures how long the others take to change
 * view and to commit that height without it; then restarts it and lets it catch up before the
 * next trial. Each validator's {@code /status} tells its height, view, view-change count and
 * the primary it expects, so the probe needs no knowledge of the proposer rotation.
 */
public final class ViewChangeProbe {
  /** Starting and killing the validators of the network under test. */
  public interface Validators {
    int count();

    /** The {@code http://host:port} base of validator {@code i}'s JSON-RPC server. */
    String rpcBase(int i);

    String address(int i);

    void kill(int i) throws Exception;

    void restart(int i) throws Exception;
  }

  /** One trial: times from the kill, in milliseconds. */
  public record Trial(int victim, long height, long viewChangeMs, long resumeMs) {}

  private static final long POLL_MS = 5;
  private static final Duration TRIAL_LIMIT = Duration.ofSeconds(120);

  private final Validators net;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public ViewChangeProbe(Validators net) {
    if (net.count() < 4) {
      throw new IllegalArgumentException("a view change needs a network that survives a crash: at least 4 validators");
    }
    this.net = net;
  }

  /** Runs {@code trials} trials, killing validators 1, 2, ... in turn. */
  public List<Trial> run(int trials, PrintStream log) throws Exception {
    List<Trial> out = new ArrayList<>();
    for (int t = 0; t < trials; t++) {
      int victim = 1 + t % (net.count() - 1);
      Trial trial = trial(victim);
      for (int retry = 0; trial.viewChangeMs() < 0 && retry < 3; retry++) {
        // It proposed before it died, so its height needed no view change: try again.
        log.printf("validator %d proposed height %d before it died; trying again%n", victim, trial.height());
        net.restart(victim);
        awaitCaughtUp(victim);
        trial = trial(victim);
      }
      log.printf("view change %d: killed validator %d as primary of height %d; view changed after %d ms, "
          + "height committed after %d ms%n", t + 1, victim, trial.height(), trial.viewChangeMs(), trial.resumeMs());
      out.add(trial);
      net.restart(victim);
      awaitCaughtUp(victim);
    }
    return out;
  }

  private Trial trial(int victim) throws Exception {
    int watcher = (victim + 1) % net.count();
    String victimAddress = net.address(victim);
    long deadline = System.nanoTime() + TRIAL_LIMIT.toNanos();
    // Wait for the start of a round (view 0) in which the victim is to propose.
    JsonNode c;
    while (true) {
      c = status(watcher).path("consensus");
      if (victimAddress.equalsIgnoreCase(c.path("primary").asText()) && c.path("view").asInt() == 0
          && !c.path("in_view_change").asBoolean()) {
        break;
      }
      checkDeadline(deadline, "validator " + victim + " never became the primary");
      // A primary proposes within a block interval (20 ms) of its round starting: poll finely,
      // or the victim has usually proposed before it is killed and the trial must be repeated.
      Thread.sleep(1);
    }
    long height = c.path("height").asLong();
    net.kill(victim);
    long t0 = System.nanoTime();
    List<Integer> survivors = new ArrayList<>();
    long[] changesBefore = new long[net.count()];
    for (int i = 0; i < net.count(); i++) {
      if (i != victim) {
        survivors.add(i);
        changesBefore[i] = status(i).path("consensus").path("view_changes").asLong();
      }
    }
    long viewChangedAt = -1;
    while (true) {
      boolean allCommitted = true;
      for (int i : survivors) {
        JsonNode s = status(i);
        if (viewChangedAt < 0 && s.path("consensus").path("view_changes").asLong() > changesBefore[i]) {
          viewChangedAt = System.nanoTime();
        }
        allCommitted &= s.path("last_block_number").asLong() >= height;
      }
      if (allCommitted) {
        long now = System.nanoTime();
        return new Trial(victim, height, viewChangedAt < 0 ? -1 : (viewChangedAt - t0) / 1_000_000,
            (now - t0) / 1_000_000);
      }
      checkDeadline(deadline, "the survivors did not commit height " + height + " without validator " + victim);
      Thread.sleep(POLL_MS);
    }
  }

  private void awaitCaughtUp(int node) throws Exception {
    long deadline = System.nanoTime() + TRIAL_LIMIT.toNanos();
    int other = (node + 1) % net.count();
    while (true) {
      try {
        if (status(node).path("last_block_number").asLong() >= status(other).path("last_block_number").asLong()) {
          return;
        }
      } catch (IOException e) {
        // still starting
      }
      checkDeadline(deadline, "restarted validator " + node + " did not catch up");
      Thread.sleep(100);
    }
  }

  private static void checkDeadline(long deadline, String what) throws IOException {
    if (System.nanoTime() > deadline) {
      throw new IOException(what + " within " + TRIAL_LIMIT.toSeconds() + " s");
    }
  }

  private JsonNode status(int i) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(net.rpcBase(i) + "/status"))
        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("validator " + i + " answered /status with HTTP " + r.statusCode());
    }
    return AinJson.parse(r.body());
  }

  /** {@code victim,height,view_change_ms,resume_ms}, one row per trial. */
  public static String csv(List<Trial> trials) {
    StringBuilder sb = new StringBuilder("victim,height,view_change_ms,resume_ms\n");
    for (Trial t : trials) {
      sb.append(t.victim()).append(',').append(t.height()).append(',').append(t.viewChangeMs()).append(',')
          .append(t.resumeMs()).append('\n');
    }
    return sb.toString();
  }
}
