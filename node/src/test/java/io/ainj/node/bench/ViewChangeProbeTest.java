package io.ainj.node.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probe against a simulated network behind real HTTP {@code /status} endpoints: rounds of
 * 20 ms, round robin over height + view, a dead primary's round ends in a view change after the
 * round timeout.
 */
class ViewChangeProbeTest {
  private static final long ROUND_MS = 20;
  private static final long TIMEOUT_MS = 150;

  /** Four validators' consensus as seen by their {@code /status}; advanced on every read. */
  private static final class SimNet implements ViewChangeProbe.Validators, AutoCloseable {
    final String[] addresses = {"0x00000000000000000000000000000000000000A0", "0x00000000000000000000000000000000000000b1",
        "0x00000000000000000000000000000000000000C2", "0x00000000000000000000000000000000000000d3"};
    final boolean[] alive = {true, true, true, true};
    final HttpServer[] servers = new HttpServer[4];
    long height = 1;
    int view;
    long viewChanges;
    long roundStart = System.nanoTime();
    /** The next kill catches the primary after it proposed: its height commits without a view change. */
    boolean nextKillTooLate;
    boolean proposedBeforeDying;
    int kills;

    SimNet() throws Exception {
      for (int i = 0; i < 4; i++) {
        int node = i;
        servers[i] = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        servers[i].createContext("/status", ex -> {
          String body;
          int code;
          synchronized (this) {
            advance();
            code = alive[node] ? 200 : 503;
            body = String.format("{\"last_block_number\":%d,\"consensus\":{\"height\":%d,\"view\":%d,"
                    + "\"in_view_change\":false,\"view_changes\":%d,\"primary\":\"%s\"}}",
                height - 1, height, view, viewChanges, addresses[primary()].toLowerCase());
          }
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(code, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
        servers[i].start();
      }
    }

    int primary() {
      return (int) ((height + view) % 4);
    }

    void advance() {
      long elapsedMs = (System.nanoTime() - roundStart) / 1_000_000;
      if ((alive[primary()] || proposedBeforeDying) && elapsedMs >= ROUND_MS) {
        height++;
        view = 0;
        proposedBeforeDying = false;
        roundStart = System.nanoTime();
      } else if (!alive[primary()] && elapsedMs >= TIMEOUT_MS) {
        view++;
        viewChanges++;
        roundStart = System.nanoTime();
      }
    }

    @Override
    public int count() {
      return 4;
    }

    @Override
    public String rpcBase(int i) {
      return "http://127.0.0.1:" + servers[i].getAddress().getPort();
    }

    @Override
    public String address(int i) {
      return addresses[i];
    }

    @Override
    public synchronized void kill(int i) {
      kills++;
      alive[i] = false;
      if (nextKillTooLate && primary() == i) {
        proposedBeforeDying = true;
        nextKillTooLate = false;
      }
    }

    @Override
    public synchronized void restart(int i) {
      alive[i] = true;
    }

    @Override
    public void close() {
      for (HttpServer s : servers) {
        s.stop(0);
      }
    }
  }

  @Test
  void timesEachViewChangeFromTheKillOfAPrimary() throws Exception {
    try (SimNet net = new SimNet()) {
      List<ViewChangeProbe.Trial> trials = new ViewChangeProbe(net).run(4, new PrintStream(new ByteArrayOutputStream()));
      assertEquals(4, trials.size());
      assertEquals(List.of(1, 2, 3, 1), trials.stream().map(ViewChangeProbe.Trial::victim).toList());
      for (ViewChangeProbe.Trial t : trials) {
        // Killed at the start of its round: the others wait out (most of) the round timeout, then
        // move on. (The simulated round starts when a read notices it, so the bound is loose.)
        assertTrue(t.viewChangeMs() > 0 && t.viewChangeMs() < 20 * TIMEOUT_MS, t.toString());
        assertTrue(t.resumeMs() >= t.viewChangeMs(), t.toString());
      }
      assertEquals(4, net.kills);
      String csv = ViewChangeProbe.csv(trials);
      assertTrue(csv.startsWith("victim,height,view_change_ms,resume_ms\n1," + trials.get(0).height() + ","), csv);
      assertEquals(5, csv.lines().count());
    }
  }

  @Test
  void aPrimaryThatProposedBeforeItDiedIsTriedAgain() throws Exception {
    try (SimNet net = new SimNet()) {
      net.nextKillTooLate = true;
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      List<ViewChangeProbe.Trial> trials = new ViewChangeProbe(net).run(1, new PrintStream(log, true));
      assertEquals(1, trials.size());
      assertTrue(trials.get(0).viewChangeMs() >= 0, "the kept trial had a view change");
      assertEquals(2, net.kills);
      assertTrue(log.toString().contains("proposed height"), log.toString());
    }
  }

  @Test
  void needsANetworkThatSurvivesACrash() throws Exception {
    try (SimNet net = new SimNet()) {
      ViewChangeProbe.Validators three = new ViewChangeProbe.Validators() {
        @Override
        public int count() {
          return 3;
        }

        @Override
        public String rpcBase(int i) {
          return net.rpcBase(i);
        }

        @Override
        public String address(int i) {
          return net.address(i);
        }

        @Override
        public void kill(int i) {}

        @Override
        public void restart(int i) {}
      };
      assertThrows(IllegalArgumentException.class, () -> new ViewChangeProbe(three));
    }
  }
}
