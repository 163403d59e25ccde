package io.ainj.node.net;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * How a node joins a network of validators (absent for {@code start --dev}).
 *
 * @param nodeKey the secp256k1 key this node signs votes and handshakes with
 * @param p2pHost the P2P bind address
 * @param p2pPort the P2P port (0 picks a free one)
 * @param peers P2P endpoints to dial
 * @param observers addresses allowed to connect besides the validators
 * @param roundTimeoutMs the round timer of view 0 (later views back off exponentially)
 * @param maxRoundTimeoutMs cap of the back-off
 */
public record NetworkSettings(byte[] nodeKey, String p2pHost, int p2pPort, List<InetSocketAddress> peers,
    Set<String> observers, long roundTimeoutMs, long maxRoundTimeoutMs) {
  public static final long DEFAULT_ROUND_TIMEOUT_MS = 2_000;
  public static final long DEFAULT_MAX_ROUND_TIMEOUT_MS = 30_000;

  public NetworkSettings {
    nodeKey = nodeKey.clone();
    peers = List.copyOf(peers);
    observers = Set.copyOf(observers);
    if (p2pPort < 0 || p2pPort > 65535) {
      throw new IllegalArgumentException("p2p port must be 0..65535");
    }
    if (roundTimeoutMs < 1 || maxRoundTimeoutMs < roundTimeoutMs) {
      throw new IllegalArgumentException("need 1 <= round timeout <= max round timeout");
    }
  }
}
