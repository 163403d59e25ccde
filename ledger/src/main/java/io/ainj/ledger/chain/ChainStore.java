package io.ainj.ledger.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.Hex;
import io.ainj.ledger.block.Block;
import io.ainj.statedb.store.Column;
import io.ainj.statedb.store.KeyValueStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Finalized blocks, their commit certificates and the indexes clients query (by number, by
 * hash, transaction by hash), in the {@link Column#CHAIN} column of the state's store. Records
 * are staged into the batch that commits the block's state, so a crash leaves both or neither.
 *
 * <p>Keys: {@code 'b' + number} block JSON, {@code 'c' + number} certificate JSON,
 * {@code 'h' + hash} number, {@code 't' + txHash} number and index, {@code "latest"} number.
 */
public final class ChainStore {
  private static final byte[] LATEST = "latest".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int RECENT_BLOCKS = 256;
  // About 40 MB of JSON trees: a few full blocks, or all 256 when blocks are small.
  private static final int RECENT_TXS = 10_000;

  /** Where a finalized transaction is: block number and index in the block. */
  public record TxLocation(long blockNumber, int index) {}

  private final KeyValueStore kv;
  private volatile long latest;
  // Recent blocks are what clients ask for most (last block, tracker lookups).
  private final RecentBlocks recent = new RecentBlocks(RECENT_BLOCKS, RECENT_TXS);

  public ChainStore(KeyValueStore kv) {
    this.kv = kv;
    byte[] l = kv.get(Column.CHAIN, LATEST);
    this.latest = l == null ? -1 : ByteBuffer.wrap(l).getLong();
  }

  /** Number of the last finalized block, -1 when the chain is empty. */
  public long latestNumber() {
    return latest;
  }

  /**
   * Adds the block's records to {@code batch}. Call {@link #committed(Block)} after the batch
   * is written.
   */
  public void stage(KeyValueStore.Batch batch, Block block, JsonNode certificate) {
    long n = block.number();
    batch.put(Column.CHAIN, key('b', n), block.jsonBytes());
    if (certificate != null) {
      batch.put(Column.CHAIN, key('c', n), encode(certificate));
    }
    batch.put(Column.CHAIN, hashKey('h', block.hash()), longBytes(n));
    for (int i = 0; i < block.transactions().size(); i++) {
      String txHash = block.transactions().get(i).path("hash").asText();
      batch.put(Column.CHAIN, hashKey('t', txHash),
          ByteBuffer.allocate(12).putLong(n).putInt(i).array());
    }
    batch.put(Column.CHAIN, LATEST, longBytes(n));
  }

  /** Makes a written block visible to readers. */
  public void committed(Block block) {
    recent.put(block);
    latest = Math.max(latest, block.number());
  }

  public Optional<Block> byNumber(long number) {
    if (number < 0 || number > latest) {
      return Optional.empty();
    }
    Block cached = recent.get(number);
    if (cached != null) {
      return Optional.of(cached);
    }
    byte[] raw = kv.get(Column.CHAIN, key('b', number));
    if (raw == null) {
      return Optional.empty();
    }
    Block b = Block.fromJson(decode(raw));
    recent.put(b);
    return Optional.of(b);
  }

  public Optional<Block> byHash(String hash) {
    byte[] key = hashKeyOrNull('h', hash);
    byte[] n = key == null ? null : kv.get(Column.CHAIN, key);
    return n == null ? Optional.empty() : byNumber(ByteBuffer.wrap(n).getLong());
  }

  public Optional<JsonNode> certificate(long number) {
    byte[] raw = kv.get(Column.CHAIN, key('c', number));
    return raw == null ? Optional.empty() : Optional.of(decode(raw));
  }

  public Optional<TxLocation> txLocation(String txHash) {
    byte[] key = hashKeyOrNull('t', txHash);
    byte[] v = key == null ? null : kv.get(Column.CHAIN, key);
    if (v == null) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(v);
    return Optional.of(new TxLocation(b.getLong(), b.getInt()));
  }

  public Optional<Block> latestBlock() {
    return byNumber(latest);
  }

  private static byte[] key(char prefix, long n) {
    return ByteBuffer.allocate(9).put((byte) prefix).putLong(n).array();
  }

  private static byte[] hashKey(char prefix, String hash) {
    byte[] key = hashKeyOrNull(prefix, hash);
    if (key == null) {
      throw new IllegalArgumentException("not a 32-byte hash: " + hash);
    }
    return key;
  }

  /** Null for anything that is not 0x + 64 hex digits, so lookups of junk find nothing. */
  private static byte[] hashKeyOrNull(char prefix, String hash) {
    if (hash == null || hash.length() != 66 || !Hex.isPrefixedHex(hash)) {
      return null;
    }
    return ByteBuffer.allocate(33).put((byte) prefix).put(Hex.decode(hash)).array();
  }

  private static byte[] longBytes(long n) {
    return ByteBuffer.allocate(8).putLong(n).array();
  }

  private static byte[] encode(JsonNode node) {
    try {
      return AinJson.mapper().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode decode(byte[] raw) {
    try {
      return (ObjectNode) AinJson.mapper().readTree(raw);
    } catch (IOException e) {
      throw new IllegalStateException("a stored block record is corrupt", e);
    }
  }
}
