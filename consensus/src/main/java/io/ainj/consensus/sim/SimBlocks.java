package io.ainj.consensus.sim;

import io.ainj.consensus.messages.ByteReader;
import io.ainj.consensus.messages.ByteWriter;
import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.Hash;
import io.ainj.crypto.Keccak256;

/**
 * The simulator's stand-in for the ledger: a block payload is (height, parent hash, proposer
 * index, nonce, valid flag) and its hash is keccak-256 of the payload. Validity is what a real
 * ProposalValidator checks in spirit: right height, right parent, hash belongs to payload, and
 * the block is not marked invalid (byzantine proposers set the flag).
 */
public final class SimBlocks {
  private SimBlocks() {}

  public static Block build(long height, Hash parent, int proposer, long nonce, boolean valid) {
    byte[] payload = new ByteWriter(64)
        .u64(height).raw(parent.toBytes()).u32(proposer).u64(nonce).u8(valid ? 1 : 0)
        .toByteArray();
    return new Block(height, Hash.of(Keccak256.hash(payload)), payload);
  }

  /** A block whose hash does not belong to its payload (a byzantine primary's lie). */
  public static Block withForeignHash(Block b, Hash claimed) {
    return new Block(b.height(), claimed, b.payload());
  }

  /** Null when valid on {@code parent}, else why not. */
  public static String invalidReason(Block b, Hash parent) {
    byte[] payload = b.payload();
    if (!Hash.of(Keccak256.hash(payload)).equals(b.hash())) {
      return "hash does not match payload";
    }
    try {
      ByteReader r = new ByteReader(payload);
      long h = r.u64();
      Hash p = Hash.of(r.raw(Hash.LENGTH));
      r.u32();
      r.u64();
      int valid = r.u8();
      r.expectEnd();
      if (h != b.height()) {
        return "payload height " + h + " != block height " + b.height();
      }
      if (!p.equals(parent)) {
        return "wrong parent";
      }
      if (valid != 1) {
        return "marked invalid by its proposer";
      }
      return null;
    } catch (ByteReader.Malformed e) {
      return "malformed payload";
    }
  }

  /** The hash of the fixed genesis block every simulated node starts from. */
  public static Hash genesisHash() {
    return Hash.of(Keccak256.hash("ainj-sim-genesis".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }
}
