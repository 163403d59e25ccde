package io.ainj.statedb.tree;

/** Integrity checks the store runs on records it loads. */
public final class TreeVerify {
  private TreeVerify() {}

  /** Recomputes one radix node's hash from its body (kids' and state child's recorded hashes). */
  public static byte[] recomputeOne(RadixNode r) {
    return Hashing.compute(r);
  }
}
