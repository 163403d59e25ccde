package io.ainj.p2p;

import java.util.Set;

/**
 * A set of authenticated sessions with other nodes, carrying opaque messages on numbered
 * channels. Netty over TCP in production ({@link NettyTransport}), in memory for multi-node tests
 * in one JVM ({@link InMemoryNetwork}); both run the same sessions and handshake.
 */
public interface Transport extends AutoCloseable {
  /** This node's address (the key it proves to peers). */
  String address();

  /** Starts listening and dialing; messages go to {@code handler}. */
  void start(MessageHandler handler) throws java.io.IOException;

  /** Gossip: to every connected peer, remembered so the echo is not delivered back here. */
  void broadcast(int channel, byte[] payload);

  /** To one peer, not de-duplicated (requests and responses); false when not connected. */
  boolean send(String peer, int channel, byte[] payload);

  /** Addresses of the peers with an open, authenticated session. */
  Set<String> peers();

  /**
   * The application found a peer's message invalid (a bad signature, an undecodable packet):
   * lower its score; below the threshold it is disconnected and refused for a while.
   */
  void penalize(String peer, int points, String reason);

  /** Counters: frames, duplicates, drops, penalties, disconnects. */
  TransportStats stats();

  @Override
  void close();
}
