package io.ainj.statedb.tree;

import java.util.ArrayDeque;

/**
 * Lazy proof hashing. Only nodes built in memory lack a hash; their subtrees are hashed bottom-up
 * with an explicit stack, because a trie of long shared label prefixes can be deep enough to
 * overflow the Java stack if walked recursively.
 */
final class Hashing {
  private Hashing() {}

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  static void ensure(RadixNode top) {
    if (top.cachedProofHash() != null) {
      return;
    }
    // One thread-local lookup per subtree, not two per node: on a busy thread's map those
    // lookups cost a tenth of hashing a block's new nodes.
    Scratch scratch = SCRATCH.get();
    ArrayDeque<RadixNode> stack = new ArrayDeque<>();
    ArrayDeque<Boolean> expanded = new ArrayDeque<>();
    stack.push(top);
    expanded.push(Boolean.FALSE);
    while (!stack.isEmpty()) {
      RadixNode n = stack.peek();
      boolean done = expanded.pop();
      if (n.cachedProofHash() != null) {
        stack.pop();
        continue;
      }
      if (!done) {
        expanded.push(Boolean.TRUE);
        RadixNode.Body b = n.body();
        if (b.state != null && b.state.radix != null && b.state.radix.cachedProofHash() == null) {
          stack.push(b.state.radix);
          expanded.push(Boolean.FALSE);
        }
        for (RadixNode k : b.kids) {
          if (k.cachedProofHash() == null) {
            stack.push(k);
            expanded.push(Boolean.FALSE);
          }
        }
        continue;
      }
      stack.pop();
      n.setProofHash(compute(n, scratch));
    }
  }

  /** Hash of one radix node from its state child's and kids' (already known) hashes. */
  static byte[] compute(RadixNode n) {
    return compute(n, SCRATCH.get());
  }

  private static byte[] compute(RadixNode n, Scratch s) {
    RadixNode.Body b = n.body();
    byte[] statePh = b.state == null ? null : b.state.proofHash();
    int k = b.kids.length;
    s.ensure(k);
    for (int i = 0; i < k; i++) {
      s.edges[i] = b.kids[i].edge;
      s.phs[i] = b.kids[i].proofHash();
    }
    byte[] h = ProofHash.radix(s.buf, statePh, s.edges, s.phs, k);
    for (int i = 0; i < k; i++) {
      s.edges[i] = null;
      s.phs[i] = null;
    }
    return h;
  }

  private static final class Scratch {
    String[] edges = new String[16];
    byte[][] phs = new byte[16][];
    final ProofHash.Buf buf = ProofHash.newBuf();

    void ensure(int n) {
      if (edges.length < n) {
        edges = new String[n];
        phs = new byte[n][];
      }
    }
  }
}
