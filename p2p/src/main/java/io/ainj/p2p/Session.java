package io.ainj.p2p;

import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's protocol, the same over TCP and in memory: HELLO and AUTH both ways (see
 * {@link Handshake}), then DATA and PING frames under per-peer rate limits. Frames arrive on one
 * thread at a time (the link's event loop); sending is thread-safe through the link.
 */
final class Session {
  enum State { AWAIT_HELLO, AWAIT_AUTH, OPEN, CLOSED }

  private final AbstractTransport hub;
  private final Link link;
  private final byte[] ourNonce = Handshake.newNonce();
  private volatile State state = State.AWAIT_HELLO;
  private Frame peerHello;
  private volatile String peer;
  private TokenBucket messages;
  private TokenBucket bytes;
  private ScheduledFuture<?> handshakeTimer;
  private boolean helloSent;

  Session(AbstractTransport hub, Link link) {
    this.hub = hub;
    this.link = link;
  }

  void start() {
    P2pConfig c = hub.config();
    sendHello();
    handshakeTimer = hub.schedule(() -> {
      if (state != State.OPEN && state != State.CLOSED) {
        hub.stats().handshakeFailures.incrementAndGet();
        close("handshake timeout");
      }
    }, c.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
  }

  boolean outbound() {
    return link.outbound();
  }

  /** The proven peer address once the handshake passed, else null. */
  String peer() {
    return peer;
  }

  boolean isOpen() {
    return state == State.OPEN;
  }

  String describe() {
    return peer != null ? peer : link.remote();
  }

  void onFrame(byte[] raw) {
    if (state == State.CLOSED) {
      return;
    }
    hub.stats().framesIn.incrementAndGet();
    Optional<Frame> decoded = Frame.decode(raw);
    if (decoded.isEmpty()) {
      malformed("undecodable frame");
      return;
    }
    Frame f = decoded.get();
    switch (state) {
      case AWAIT_HELLO -> onHello(f);
      case AWAIT_AUTH -> onAuth(f);
      case OPEN -> onOpenFrame(f, raw.length);
      default -> { }
    }
  }

  /** Our HELLO always precedes our AUTH on the wire, whichever of start and onHello runs first. */
  private synchronized void sendHello() {
    if (!helloSent) {
      helloSent = true;
      P2pConfig c = hub.config();
      link.write(Frame.hello(c.chainId(), c.genesisHash(), hub.address(), ourNonce).encode());
    }
  }

  private void onHello(Frame f) {
    sendHello();
    if (f.kind() != Frame.HELLO) {
      malformed("expected HELLO, got kind " + f.kind());
      return;
    }
    P2pConfig c = hub.config();
    String why = Handshake.checkHello(f, c, hub.address());
    if (why == null && hub.scores().isBanned(f.address())) {
      why = "banned for misbehaviour";
    }
    if (why != null) {
      hub.stats().refused.incrementAndGet();
      close("refused " + f.address() + ": " + why);
      return;
    }
    peerHello = f;
    byte[] digest = Handshake.digest(c.chainId(), c.genesisHash(), f.nonce(), ourNonce, hub.address());
    link.write(Frame.auth(hub.identity().sign(digest, c.chainId())).encode());
    state = State.AWAIT_AUTH;
  }

  private void onAuth(Frame f) {
    if (f.kind() != Frame.AUTH) {
      malformed("expected AUTH, got kind " + f.kind());
      return;
    }
    if (!Handshake.verifyAuth(hub.identity(), hub.config(), peerHello, ourNonce, f.signature())) {
      hub.stats().handshakeFailures.incrementAndGet();
      hub.scores().penalize(peerHello.address(), PeerScores.BAD_HANDSHAKE);
      close("handshake signature does not prove " + peerHello.address());
      return;
    }
    if (handshakeTimer != null) {
      handshakeTimer.cancel(false);
    }
    long now = System.nanoTime();
    messages = new TokenBucket(hub.config().maxMessagesPerSecond(), now);
    bytes = new TokenBucket(hub.config().maxBytesPerSecond(), now);
    peer = io.ainj.crypto.Address.toChecksum(peerHello.address());
    state = State.OPEN;
    hub.opened(this);
  }

  private void onOpenFrame(Frame f, int size) {
    long now = System.nanoTime();
    if (!messages.tryTake(1, now) || !bytes.tryTake(size, now)) {
      hub.stats().rateLimited.incrementAndGet();
      hub.penalize(peer, PeerScores.FLOOD, "over the rate limit");
      return;
    }
    switch (f.kind()) {
      case Frame.DATA -> hub.onData(this, f);
      case Frame.PING -> { }
      default -> malformed("unexpected kind " + f.kind() + " after the handshake");
    }
  }

  private void malformed(String why) {
    hub.stats().malformed.incrementAndGet();
    hub.scores().penalize(peer != null ? peer : link.remote(), PeerScores.MALFORMED);
    close(why);
  }

  /** Queues a frame; counts it as dropped when the peer's outbound queue is full. */
  void write(byte[] frame) {
    if (state == State.CLOSED) {
      return;
    }
    if (link.write(frame)) {
      hub.stats().framesOut.incrementAndGet();
    } else {
      hub.stats().outboundDropped.incrementAndGet();
    }
  }

  void ping() {
    if (state == State.OPEN) {
      link.write(Frame.ping().encode());
    }
  }

  /** Closes the link; the hub forgets the session. Idempotent. */
  void close(String why) {
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
    }
    if (handshakeTimer != null) {
      handshakeTimer.cancel(false);
    }
    hub.closed(this, why);
    link.close();
  }
}
