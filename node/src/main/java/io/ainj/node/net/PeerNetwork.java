package io.ainj.node.net;

import io.ainj.consensus.core.Event;
import io.ainj.consensus.messages.DecodeResult;
import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.messages.Packet;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.crypto.Address;
import io.ainj.node.consensus.ConsensusDriver;
import io.ainj.p2p.MessageHandler;
import io.ainj.p2p.Transport;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consensus driver's {@link ConsensusDriver.Network} over a p2p {@link Transport}, and the
 * transport's {@link MessageHandler}: consensus packets are encoded with {@link MessageCodec};
 * incoming ones are decoded and their signature checked in a small pool (through the {@link
 * CachingVerifier} the state machine also uses), then offered to the driver's bounded queue.
 * Transactions and block sync have their own channels and handlers.
 */
public final class PeerNetwork implements ConsensusDriver.Network, MessageHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerNetwork.class);

  private final Transport transport;
  private final MessageCodec codec;
  private final CachingVerifier verifier;
  private final TxGossip txGossip;
  private final BlockSync blockSync;
  private final ThreadPoolExecutor verifyPool;
  private final AtomicLong droppedPackets = new AtomicLong();
  private final AtomicLong badPackets = new AtomicLong();
  private volatile ConsensusDriver driver;

  public PeerNetwork(Transport transport, MessageCodec codec, CachingVerifier verifier, TxGossip txGossip,
      BlockSync blockSync) {
    this.transport = transport;
    this.codec = codec;
    this.verifier = verifier;
    this.txGossip = txGossip;
    this.blockSync = blockSync;
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    this.verifyPool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(20_000), r -> {
          Thread t = new Thread(r, "consensus-verify");
          t.setDaemon(true);
          return t;
        }, (r, e) -> droppedPackets.incrementAndGet());
  }

  /** Connects the driver (built with this network as its port) and starts the transport. */
  public void start(ConsensusDriver driver) throws java.io.IOException {
    this.driver = driver;
    transport.start(this);
    blockSync.start(driver);
  }

  // ------------------------------------------------------------------ outbound (consensus thread)

  @Override
  public void broadcast(Packet packet) {
    transport.broadcast(Channels.CONSENSUS, codec.encode(packet));
  }

  @Override
  public void send(ValidatorId to, Packet packet) {
    transport.send(Address.toChecksum(to.toHex()), Channels.CONSENSUS, codec.encode(packet));
  }

  @Override
  public void requestSync(long fromHeight, long targetHeight) {
    blockSync.request(targetHeight);
  }

  // ------------------------------------------------------------------ inbound (transport threads)

  @Override
  public void onMessage(String peer, int channel, byte[] payload) {
    switch (channel) {
      case Channels.CONSENSUS -> verifyPool.execute(() -> onConsensus(peer, payload));
      case Channels.TRANSACTIONS -> txGossip.onBatch(peer, payload);
      case Channels.SYNC_REQUEST -> blockSync.onRequest(peer, payload);
      case Channels.SYNC_RESPONSE -> blockSync.onResponse(peer, payload);
      case Channels.STATUS -> blockSync.onStatus(peer, payload);
      case Channels.SNAPSHOT_REQUEST -> blockSync.onSnapshotRequest(peer, payload);
      case Channels.SNAPSHOT_RESPONSE -> blockSync.onSnapshotResponse(peer, payload);
      default -> transport.penalize(peer, 10, "unknown channel " + channel);
    }
  }

  private void onConsensus(String peer, byte[] payload) {
    DecodeResult<Packet> decoded = codec.decode(payload);
    if (!(decoded instanceof DecodeResult.Ok<Packet> ok)) {
      badPackets.incrementAndGet();
      transport.penalize(peer, 20, "undecodable consensus packet: " + decoded);
      return;
    }
    Packet packet = ok.value();
    // The signature check the state machine will repeat is a cache hit from here on.
    if (!codec.verify(packet.message(), verifier)) {
      badPackets.incrementAndGet();
      transport.penalize(peer, 20, "consensus packet with a bad signature");
      return;
    }
    ConsensusDriver d = driver;
    if (d != null) {
      // Parsing and hashing a proposal's block happens here, on this pool, not in consensus.
      packet.block().ifPresent(d::predecode);
    }
    if (d != null && !d.offer(new Event.MessageReceived(packet))) {
      droppedPackets.incrementAndGet();
    }
  }

  @Override
  public void onPeerConnected(String peer) {
    LOG.debug("peer {} up", peer);
  }

  @Override
  public void onPeerDisconnected(String peer) {
    blockSync.onPeerDisconnected(peer);
  }

  public Transport transport() {
    return transport;
  }

  public BlockSync blockSync() {
    return blockSync;
  }

  public long droppedPackets() {
    return droppedPackets.get();
  }

  public long badPackets() {
    return badPackets.get();
  }

  @Override
  public void close() {
    blockSync.close();
    txGossip.close();
    transport.close();
    verifyPool.shutdownNow();
  }
}
