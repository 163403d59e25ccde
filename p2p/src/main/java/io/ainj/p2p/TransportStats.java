package io.ainj.p2p;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a transport; read by {@code node} for logs and metrics. */
public final class TransportStats {
  final AtomicLong framesIn = new AtomicLong();
  final AtomicLong framesOut = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong rateLimited = new AtomicLong();
  final AtomicLong outboundDropped = new AtomicLong();
  final AtomicLong malformed = new AtomicLong();
  final AtomicLong handshakeFailures = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong penalties = new AtomicLong();
  final AtomicLong disconnects = new AtomicLong();

  public long framesIn() {
    return framesIn.get();
  }

  public long framesOut() {
    return framesOut.get();
  }

  public long duplicates() {
    return duplicates.get();
  }

  public long rateLimited() {
    return rateLimited.get();
  }

  public long outboundDropped() {
    return outboundDropped.get();
  }

  public long malformed() {
    return malformed.get();
  }

  public long handshakeFailures() {
    return handshakeFailures.get();
  }

  public long refused() {
    return refused.get();
  }

  public long penalties() {
    return penalties.get();
  }

  public long disconnects() {
    return disconnects.get();
  }

  @Override
  public String toString() {
    return "in=" + framesIn + " out=" + framesOut + " dup=" + duplicates + " rateLimited=" + rateLimited
        + " outDropped=" + outboundDropped + " malformed=" + malformed + " handshakeFail="
        + handshakeFailures + " refused=" + refused + " penalties=" + penalties + " disconnects=" + disconnects;
  }
}
