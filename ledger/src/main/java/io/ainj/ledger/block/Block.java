package io.ainj.ledger.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinHash;
import io.ainj.ledger.tx.ObjectSizeof;

/**
 * An AIN-format block: the header plus its body ({@code last_votes}, {@code evidence},
 * {@code transactions}, {@code receipts}), with {@code hash} and the informational
 * {@code size}. Bodies stay JSON because they are hashed as canonical JSON exactly as AIN does.
 */
public final class Block {
  private final BlockHeader header;
  private final ArrayNode lastVotes;
  private final ObjectNode evidence;
  private final ArrayNode transactions;
  private final ArrayNode receipts;
  private final String hash;
  // object-sizeof walks every transaction: computed once (the parts are never modified).
  private volatile long size = -1;

  // Private: a Block is consistent by construction (assemble computes the body hashes, fromJson
  // checks them), so holders need not hash its transactions and receipts again.
  private Block(BlockHeader header, ArrayNode lastVotes, ObjectNode evidence, ArrayNode transactions,
      ArrayNode receipts, String hash) {
    this.header = header;
    this.lastVotes = lastVotes;
    this.evidence = evidence;
    this.transactions = transactions;
    this.receipts = receipts;
    this.hash = hash;
  }

  public BlockHeader header() {
    return header;
  }

  public ArrayNode lastVotes() {
    return lastVotes;
  }

  public ObjectNode evidence() {
    return evidence;
  }

  public ArrayNode transactions() {
    return transactions;
  }

  public ArrayNode receipts() {
    return receipts;
  }

  public String hash() {
    return hash;
  }

  /** Blocks are equal when their hashes are (the hash covers every field but size). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Block b && b.hash.equals(hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "Block[" + header.number() + " " + hash + "]";
  }

  /** Assembles a block, computing the four body hashes and the block hash. */
  public static Block assemble(
      String lastHash, ArrayNode lastVotes, ObjectNode evidence, ArrayNode transactions,
      ArrayNode receipts, long number, long epoch, long timestamp, String stateProofHash,
      String proposer, JsonNode validators, double gasAmountTotal, double gasCostTotal) {
    BlockHeader header = new BlockHeader(
        lastHash,
        hashOf(lastVotes),
        hashOf(transactions),
        hashOf(receipts),
        hashOf(evidence),
        number, epoch, timestamp, stateProofHash, proposer, validators,
        gasAmountTotal, gasCostTotal);
    return new Block(header, lastVotes, evidence, transactions, receipts, header.hash());
  }

  public long number() {
    return header.number();
  }

  public ObjectNode toJson() {
    ObjectNode out = header.toJson();
    out.set("last_votes", lastVotes);
    out.set("evidence", evidence);
    out.set("transactions", transactions);
    out.set("receipts", receipts);
    out.put("hash", hash);
    out.put("size", size());
    return out;
  }

  /**
   * The block as JSON bytes (JS number formatting), made once: the proposal payload and the
   * stored record are the same bytes.
   */
  public byte[] jsonBytes() {
    byte[] known = json;
    if (known == null) {
      known = io.ainj.crypto.AinJson.writeJs(toJson());
      json = known;
    }
    return known;
  }

  private volatile byte[] json;

  /** object-sizeof of header and body, as AIN reports it (not hashed). */
  public long size() {
    long known = size;
    if (known < 0) {
      known = computeSize();
      size = known;
    }
    return known;
  }

  private long computeSize() {
    ObjectNode all = header.toJson();
    all.set("last_votes", lastVotes);
    all.set("evidence", evidence);
    all.set("transactions", transactions);
    all.set("receipts", receipts);
    return ObjectSizeof.of(all);
  }

  /**
   * Reads a block and checks that all five hashes recompute (spec §4.2 "valid at this level").
   *
   * @throws IllegalArgumentException on a missing field or a hash that does not match
   */
  public static Block fromJson(JsonNode json) {
    BlockHeader header = BlockHeader.fromJson(json);
    ArrayNode lastVotes = array(json, "last_votes");
    ObjectNode evidence = (ObjectNode) BlockHeader.object(json, "evidence");
    ArrayNode transactions = array(json, "transactions");
    ArrayNode receipts = array(json, "receipts");
    String hash = BlockHeader.text(json, "hash");
    Block block = new Block(header, lastVotes, evidence, transactions, receipts, hash);
    block.requireConsistent();
    return block;
  }

  /** Throws unless every body hash and the block hash match the content. */
  public void requireConsistent() {
    check("last_votes_hash", header.lastVotesHash(), hashOf(lastVotes));
    check("transactions_hash", header.transactionsHash(), hashOf(transactions));
    check("receipts_hash", header.receiptsHash(), hashOf(receipts));
    check("evidence_hash", header.evidenceHash(), hashOf(evidence));
    check("hash", hash, header.hash());
    if (transactions.size() != receipts.size()) {
      throw new IllegalArgumentException("block has " + transactions.size()
          + " transactions but " + receipts.size() + " receipts");
    }
  }

  public static String hashOf(JsonNode node) {
    return AinHash.hashCanonicalJson(node);
  }

  private static void check(String field, String expected, String actual) {
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException(field + " mismatch: block says " + expected + ", content gives " + actual);
    }
  }

  private static ArrayNode array(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray()) {
      throw new IllegalArgumentException("block field " + field + " must be an array");
    }
    return (ArrayNode) v;
  }

  public static ArrayNode emptyArray() {
    return JsonNodeFactory.instance.arrayNode();
  }
}
