package io.ainj.p2p;

/**
 * Where a transport delivers what authenticated peers send. Called on transport threads: an
 * implementation must only hand the bytes to its own bounded queue and return, never block.
 */
public interface MessageHandler {
  /**
   * @param peer the checksum address the peer proved in the handshake
   * @param channel the channel number the sender chose
   * @param payload opaque bytes, owned by the callee
   */
  void onMessage(String peer, int channel, byte[] payload);

  default void onPeerConnected(String peer) {}

  default void onPeerDisconnected(String peer) {}
}
