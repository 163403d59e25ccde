package io.ainj.p2p;

import java.util.Objects;
import java.util.Set;

/**
 * Tunables of a transport. Only {@code node} reads flags and files; it builds this record.
 *
 * @param chainId AIN chain id; a peer of another chain is refused in the handshake
 * @param genesisHash the genesis block hash (any bytes that identify the network)
 * @param allowed addresses (checksum or lower-case hex) allowed to connect: validators and
 *     allow-listed observers
 * @param relayChannels channels whose gossip is forwarded to the other peers (needed when the
 *     peer graph is not a full mesh)
 * @param maxFrameBytes frames above this size are malformed and cost the peer its session
 * @param maxMessagesPerSecond per-peer inbound message rate (burst: twice this)
 * @param maxBytesPerSecond per-peer inbound byte rate (burst: twice this)
 * @param maxPendingOutboundBytes per-peer outbound queue bound; messages beyond it are dropped
 * @param seenCacheSize how many gossip message ids are remembered for de-duplication
 * @param handshakeTimeoutMillis a session that has not authenticated by then is closed
 * @param idleTimeoutMillis a session silent for this long is closed (peers ping at a third of it)
 * @param reconnectMillis delay between dial attempts to a configured peer
 * @param banMillis how long a peer whose score fell below the threshold is refused
 */
public record P2pConfig(
    int chainId,
    byte[] genesisHash,
    Set<String> allowed,
    Set<Integer> relayChannels,
    int maxFrameBytes,
    int maxMessagesPerSecond,
    long maxBytesPerSecond,
    long maxPendingOutboundBytes,
    int seenCacheSize,
    long handshakeTimeoutMillis,
    long idleTimeoutMillis,
    long reconnectMillis,
    long banMillis) {

  public static final int DEFAULT_MAX_FRAME_BYTES = 32 * 1024 * 1024;
  public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 20_000;
  public static final long DEFAULT_MAX_BYTES_PER_SECOND = 128L * 1024 * 1024;
  public static final long DEFAULT_MAX_PENDING_OUTBOUND_BYTES = 32L * 1024 * 1024;
  public static final int DEFAULT_SEEN_CACHE_SIZE = 200_000;
  public static final long DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 5_000;
  public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 15_000;
  public static final long DEFAULT_RECONNECT_MILLIS = 500;
  public static final long DEFAULT_BAN_MILLIS = 30_000;

  public P2pConfig {
    Objects.requireNonNull(genesisHash, "genesisHash");
    genesisHash = genesisHash.clone();
    allowed = Set.copyOf(allowed.stream().map(a -> a.toLowerCase(java.util.Locale.ROOT)).toList());
    relayChannels = Set.copyOf(relayChannels);
    if (maxFrameBytes < 1024 || maxMessagesPerSecond < 1 || maxBytesPerSecond < 1
        || maxPendingOutboundBytes < 1 || seenCacheSize < 16) {
      throw new IllegalArgumentException("limits must be positive (frames at least 1 KiB)");
    }
    if (handshakeTimeoutMillis < 1 || idleTimeoutMillis < 3 || reconnectMillis < 1 || banMillis < 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** The defaults for a network of {@code allowed} peers. */
  public static P2pConfig defaults(int chainId, byte[] genesisHash, Set<String> allowed) {
    return new P2pConfig(chainId, genesisHash, allowed, Set.of(), DEFAULT_MAX_FRAME_BYTES,
        DEFAULT_MAX_MESSAGES_PER_SECOND, DEFAULT_MAX_BYTES_PER_SECOND,
        DEFAULT_MAX_PENDING_OUTBOUND_BYTES, DEFAULT_SEEN_CACHE_SIZE,
        DEFAULT_HANDSHAKE_TIMEOUT_MILLIS, DEFAULT_IDLE_TIMEOUT_MILLIS, DEFAULT_RECONNECT_MILLIS,
        DEFAULT_BAN_MILLIS);
  }

  public P2pConfig withRelayChannels(Set<Integer> v) {
    return new P2pConfig(chainId, genesisHash, allowed, v, maxFrameBytes, maxMessagesPerSecond,
        maxBytesPerSecond, maxPendingOutboundBytes, seenCacheSize, handshakeTimeoutMillis,
        idleTimeoutMillis, reconnectMillis, banMillis);
  }

  public P2pConfig withRateLimits(int messagesPerSecond, long bytesPerSecond) {
    return new P2pConfig(chainId, genesisHash, allowed, relayChannels, maxFrameBytes,
        messagesPerSecond, bytesPerSecond, maxPendingOutboundBytes, seenCacheSize,
        handshakeTimeoutMillis, idleTimeoutMillis, reconnectMillis, banMillis);
  }

  public P2pConfig withTimeouts(long handshake, long idle, long reconnect, long ban) {
    return new P2pConfig(chainId, genesisHash, allowed, relayChannels, maxFrameBytes,
        maxMessagesPerSecond, maxBytesPerSecond, maxPendingOutboundBytes, seenCacheSize,
        handshake, idle, reconnect, ban);
  }

  public boolean isAllowed(String address) {
    return address != null && allowed.contains(address.toLowerCase(java.util.Locale.ROOT));
  }
}
