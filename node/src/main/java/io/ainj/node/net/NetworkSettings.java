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
 * @param snapshotIntervalBlocks every this many blocks the committed state is kept as a snapshot
 *     checkpoint (the two newest are kept) for peers far behind
 * @param snapshotThresholdBlocks a node more than this many blocks behind its peers fetches a
 *     state snapshot at a checkpoint instead of every block
 */
public record NetworkSettings(byte[] nodeKey, String p2pHost, int p2pPort, List<InetSocketAddress> peers,
    Set<String> observers, long roundTimeoutMs, long maxRoundTimeoutMs, long snapshotIntervalBlocks,
    long snapshotThresholdBlocks) {
  public static final long DEFAULT_ROUND_TIMEOUT_MS = 2_000;
  public static final long DEFAULT_MAX_ROUND_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_SNAPSHOT_INTERVAL_BLOCKS = 1_000;
  public static final long DEFAULT_SNAPSHOT_THRESHOLD_BLOCKS = 2_000;

  public NetworkSettings(byte[] nodeKey, String p2pHost, int p2pPort, List<InetSocketAddress> peers,
      Set<String> observers, long roundTimeoutMs, long maxRoundTimeoutMs) {
    this(nodeKey, p2pHost, p2pPort, peers, observers, roundTimeoutMs, maxRoundTimeoutMs,
        DEFAULT_SNAPSHOT_INTERVAL_BLOCKS, DEFAULT_SNAPSHOT_THRESHOLD_BLOCKS);
  }

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
    if (snapshotIntervalBlocks < 1 || snapshotThresholdBlocks < snapshotIntervalBlocks) {
      throw new IllegalArgumentException("need 1 <= snapshot interval <= snapshot threshold");
    }
  }
}
