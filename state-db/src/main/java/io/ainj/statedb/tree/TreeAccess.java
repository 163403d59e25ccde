package io.ainj.statedb.tree;

/** Read-only trie navigation for the proof and store packages. */
public final class TreeAccess {
  private TreeAccess() {}

  /** The kid of {@code r} whose edge starts with {@code c}, or null. */
  public static RadixNode kid(RadixNode r, char c) {
    return r.kid(c);
  }

  /** Rebuilds a radix node from decoded parts (the store's decoder uses this). */
  public static RadixNode.Body body(StateNode state, RadixNode[] kids) {
    return RadixNode.Body.of(state, kids);
  }

  /** A pinned in-memory radix root over decoded parts (used for the top root record). */
  public static StateNode internalRoot(String label, String version, RadixNode radix,
      int nextSerial) {
    return StateNode.internal(label, version, radix, nextSerial);
  }
}
