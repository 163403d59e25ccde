package io.ainj.p2p;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Misbehaviour scores per peer (an address once known, a remote host before the handshake).
 * Penalties lower the score; at {@link #DISCONNECT_THRESHOLD} the peer is disconnected and
 * refused until its ban expires, after which it starts again from zero. Scores recover by one
 * point per second so rare glitches never add up to a ban.
 */
public final class PeerScores {
  public static final int DISCONNECT_THRESHOLD = -100;
  /** A frame that does not decode, an oversized frame, a protocol violation. */
  public static final int MALFORMED = 50;
  /** A handshake signature that does not prove the claimed key: immediately banned. */
  public static final int BAD_HANDSHAKE = 100;
  /** One message over the rate limit. */
  public static final int FLOOD = 1;

  private record Entry(double score, long updatedMs, long bannedUntilMs) {}

  private final Map<String, Entry> entries = new HashMap<>();
  private final LongSupplier clockMs;
  private final long banMs;

  public PeerScores(LongSupplier clockMs, long banMs) {
    this.clockMs = clockMs;
    this.banMs = banMs;
  }

  /** Applies a penalty; true when the peer must now be disconnected (and is banned). */
  public synchronized boolean penalize(String peer, int points) {
    long now = clockMs.getAsLong();
    Entry e = current(peer, now);
    double score = e.score - points;
    if (score <= DISCONNECT_THRESHOLD) {
      entries.put(key(peer), new Entry(0, now, now + banMs));
      return true;
    }
    entries.put(key(peer), new Entry(score, now, e.bannedUntilMs));
    return false;
  }

  public synchronized boolean isBanned(String peer) {
    return current(peer, clockMs.getAsLong()).bannedUntilMs > clockMs.getAsLong();
  }

  public synchronized double score(String peer) {
    return current(peer, clockMs.getAsLong()).score;
  }

  private Entry current(String peer, long now) {
    Entry e = entries.get(key(peer));
    if (e == null) {
      return new Entry(0, now, 0);
    }
    double recovered = Math.min(0, e.score + (now - e.updatedMs) / 1000.0);
    return new Entry(recovered, now, e.bannedUntilMs);
  }

  private static String key(String peer) {
    return peer.toLowerCase(java.util.Locale.ROOT);
  }
}
