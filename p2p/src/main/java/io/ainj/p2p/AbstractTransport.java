package io.ainj.p2p;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both transports share: the open sessions by peer address (one per peer), gossip
 * de-duplication and relay, scores and bans, delivery to the {@link MessageHandler}.
 */
public abstract class AbstractTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(AbstractTransport.class);

  private final NodeIdentity identity;
  private final P2pConfig config;
  private final TransportStats stats = new TransportStats();
  private final PeerScores scores;
  private final SeenCache seen;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers;
  private volatile MessageHandler handler = (p, c, b) -> { };
  protected volatile boolean closed;

  protected AbstractTransport(NodeIdentity identity, P2pConfig config) {
    this.identity = identity;
    this.config = config;
    this.scores = new PeerScores(System::currentTimeMillis, config.banMillis());
    this.seen = new SeenCache(config.seenCacheSize());
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "p2p-timers");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public String address() {
    return identity.address();
  }

  NodeIdentity identity() {
    return identity;
  }

  P2pConfig config() {
    return config;
  }

  PeerScores scores() {
    return scores;
  }

  @Override
  public TransportStats stats() {
    return stats;
  }

  protected void setHandler(MessageHandler handler) {
    this.handler = handler;
  }

  ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    if (timers.isShutdown()) {
      return null;
    }
    try {
      return timers.schedule(task, delay, unit);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return null;
    }
  }

  protected ScheduledFuture<?> every(Runnable task, long periodMillis) {
    return timers.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("p2p periodic task failed", e);
      }
    }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** A new connection's session; the caller starts it once the link can carry frames. */
  Session newSession(Link link) {
    return new Session(this, link);
  }

  /**
   * A session authenticated. One session per peer: when both dialed each other, both sides keep
   * the connection dialed by the lower address, so they agree without talking about it.
   */
  void opened(Session s) {
    String key = s.peer().toLowerCase(Locale.ROOT);
    Session loser = null;
    boolean fresh;
    synchronized (sessions) {
      if (closed) {
        loser = s;
        fresh = false;
      } else {
        Session old = sessions.get(key);
        fresh = old == null;
        if (old == null || old.outbound() == s.outbound() || keepsNew(s)) {
          sessions.put(key, s);
          loser = old;
        } else {
          loser = s;
        }
      }
    }
    if (loser != null) {
      loser.close("duplicate connection");
    }
    if (fresh && loser != s) {
      LOG.info("peer {} connected ({})", s.peer(), s.outbound() ? "outbound" : "inbound");
      try {
        handler.onPeerConnected(s.peer());
      } catch (RuntimeException e) {
        LOG.warn("peer-connected handler failed", e);
      }
    }
  }

  private boolean keepsNew(Session s) {
    String self = address().toLowerCase(Locale.ROOT);
    String other = s.peer().toLowerCase(Locale.ROOT);
    String dialer = s.outbound() ? self : other;
    return dialer.equals(self.compareTo(other) < 0 ? self : other);
  }

  void closed(Session s, String why) {
    String peer = s.peer();
    if (peer == null) {
      LOG.debug("connection {} closed before the handshake: {}", s.describe(), why);
      return;
    }
    boolean removed;
    synchronized (sessions) {
      removed = sessions.remove(peer.toLowerCase(Locale.ROOT), s);
    }
    if (removed) {
      stats.disconnects.incrementAndGet();
      LOG.info("peer {} disconnected: {}", peer, why);
      try {
        handler.onPeerDisconnected(peer);
      } catch (RuntimeException e) {
        LOG.warn("peer-disconnected handler failed", e);
      }
    }
  }

  void onData(Session from, Frame f) {
    if (f.gossip()) {
      if (!seen.add(f.channel(), f.payload())) {
        stats.duplicates.incrementAndGet();
        return;
      }
      if (config.relayChannels().contains(f.channel())) {
        byte[] frame = Frame.data(f.channel(), true, f.payload()).encode();
        for (Session s : sessions.values()) {
          if (s != from) {
            s.write(frame);
          }
        }
      }
    }
    try {
      handler.onMessage(from.peer(), f.channel(), f.payload());
    } catch (RuntimeException e) {
      // The application's bug must not cost the peer its session or the loop its thread.
      LOG.warn("message handler failed on channel {} from {}", f.channel(), from.peer(), e);
    }
  }

  @Override
  public void broadcast(int channel, byte[] payload) {
    seen.add(channel, payload);
    byte[] frame = Frame.data(channel, true, payload).encode();
    for (Session s : sessions.values()) {
      s.write(frame);
    }
  }

  @Override
  public boolean send(String peer, int channel, byte[] payload) {
    Session s = sessions.get(peer.toLowerCase(Locale.ROOT));
    if (s == null) {
      return false;
    }
    s.write(Frame.data(channel, false, payload).encode());
    return true;
  }

  @Override
  public Set<String> peers() {
    Set<String> out = new TreeSet<>();
    for (Session s : sessions.values()) {
      out.add(s.peer());
    }
    return out;
  }

  public boolean isConnected(String peer) {
    return sessions.containsKey(peer.toLowerCase(Locale.ROOT));
  }

  @Override
  public void penalize(String peer, int points, String reason) {
    stats.penalties.incrementAndGet();
    if (scores.penalize(peer, points)) {
      Session s = sessions.get(peer.toLowerCase(Locale.ROOT));
      LOG.warn("disconnecting and banning peer {} for {} ms: {}", peer, config.banMillis(), reason);
      if (s != null) {
        s.close("banned: " + reason);
      }
    } else {
      LOG.debug("penalized peer {} by {}: {}", peer, points, reason);
    }
  }

  protected void pingAll() {
    for (Session s : sessions.values()) {
      s.ping();
    }
  }

  protected void closeAllSessions() {
    List<Session> all;
    synchronized (sessions) {
      closed = true;
      all = new ArrayList<>(sessions.values());
    }
    for (Session s : all) {
      s.close("transport closed");
    }
    timers.shutdownNow();
  }
}
