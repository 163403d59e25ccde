package io.ainj.p2p;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A network in one JVM for multi-node tests: transports that implement the same {@link
 * Transport} interface and run the same sessions, handshake and limits as {@link NettyTransport},
 * with frames handed between per-node delivery threads instead of sockets. Links can be cut
 * (frames dropped both ways) to simulate partitions.
 */
public final class InMemoryNetwork {
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final Set<String> cut = ConcurrentHashMap.newKeySet();

  /** A transport of this network; it connects to every started node of {@code dial} when started. */
  public Transport create(NodeIdentity identity, P2pConfig config, Collection<String> dial) {
    return new Node(identity, config, List.copyOf(dial));
  }

  /** Drops every frame between a and b (both ways) until {@link #heal}. */
  public void cut(String a, String b) {
    cut.add(pair(a, b));
  }

  public void heal(String a, String b) {
    cut.remove(pair(a, b));
  }

  private static String pair(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    return x.compareTo(y) < 0 ? x + "|" + y : y + "|" + x;
  }

  /** Opens a connection from {@code dialer} to {@code acceptor}, with raw access to the dialer's link. */
  RawLink connectRaw(String acceptor) {
    Node to = nodes.get(acceptor.toLowerCase(Locale.ROOT));
    if (to == null) {
      throw new IllegalStateException("no started node " + acceptor);
    }
    RawLink raw = new RawLink();
    Session remote = to.newSession(new Link() {
      @Override
      public boolean write(byte[] frame) {
        raw.received.add(frame);
        return true;
      }

      @Override
      public String remote() {
        return "raw";
      }

      @Override
      public boolean outbound() {
        return false;
      }

      @Override
      public void close() {
        raw.closed = true;
      }
    });
    raw.deliver = frame -> to.inbox.execute(() -> remote.onFrame(frame));
    remote.start();
    return raw;
  }

  /** A test's hand on one end of a connection: frames it sends and frames it got. */
  static final class RawLink {
    final List<byte[]> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    volatile boolean closed;
    java.util.function.Consumer<byte[]> deliver;

    void send(byte[] frame) {
      deliver.accept(frame);
    }
  }

  private void connect(Node a, Node b) {
    String key = pair(a.address(), b.address());
    Session[] sides = new Session[2];
    sides[0] = a.newSession(link(a, b, key, true, () -> sides[1]));
    sides[1] = b.newSession(link(b, a, key, false, () -> sides[0]));
    // Both HELLOs are queued before either side can answer, as on a TCP connection.
    sides[0].start();
    sides[1].start();
  }

  private Link link(Node self, Node other, String key, boolean outbound,
      java.util.function.Supplier<Session> otherSide) {
    return new Link() {
      private volatile boolean open = true;

      @Override
      public boolean write(byte[] frame) {
        if (!open || cut.contains(key) || other.closed) {
          return true; // lost on the wire, as on a broken TCP link
        }
        if (frame.length > other.config().maxFrameBytes()) {
          other.inbox.execute(() -> otherSide.get().onFrame(new byte[] {(byte) 0xff}));
          return true;
        }
        try {
          other.inbox.execute(() -> otherSide.get().onFrame(frame));
        } catch (java.util.concurrent.RejectedExecutionException e) {
          // the other node stopped
        }
        return true;
      }

      @Override
      public String remote() {
        return "mem:" + other.address();
      }

      @Override
      public boolean outbound() {
        return outbound;
      }

      @Override
      public void close() {
        open = false;
        Session o = otherSide.get();
        try {
          other.inbox.execute(() -> o.close("closed by peer"));
        } catch (java.util.concurrent.RejectedExecutionException e) {
          // the other node stopped
        }
      }
    };
  }

  private final class Node extends AbstractTransport {
    private final List<String> dial;
    private final ExecutorService inbox;

    Node(NodeIdentity identity, P2pConfig config, List<String> dial) {
      super(identity, config);
      this.dial = dial;
      this.inbox = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "p2p-mem-" + identity.address().substring(0, 8));
        t.setDaemon(true);
        return t;
      });
    }

    @Override
    public void start(MessageHandler handler) {
      setHandler(handler);
      nodes.put(address().toLowerCase(Locale.ROOT), this);
      Set<String> targets = new HashSet<>();
      dial.forEach(d -> targets.add(d.toLowerCase(Locale.ROOT)));
      for (String t : targets) {
        Node other = nodes.get(t);
        if (other != null && !other.closed) {
          connect(this, other);
        }
      }
    }

    @Override
    public void close() {
      nodes.remove(address().toLowerCase(Locale.ROOT), this);
      closeAllSessions();
      inbox.shutdown();
      try {
        inbox.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
