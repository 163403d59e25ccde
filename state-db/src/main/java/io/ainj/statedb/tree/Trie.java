package io.ainj.statedb.tree;

/**
 * Immutable radix-trie operations on a state node's children, mirroring AIN's RadixTree so that
 * the trie shape (hence the proof hash) and the serial numbers come out the same:
 * <ul>
 *   <li>every radix node created takes the next serial of the owning state node's counter, and a
 *       node that receives a state child it did not have takes another one ("keep insertion
 *       order"); overwriting a label keeps its serial;</li>
 *   <li>deletion merges a node left with no state child and one kid into that kid, and removes a
 *       node left with neither; the root is never merged or removed.</li>
 * </ul>
 */
final class Trie {
  private Trie() {}

  /** Mutable serial counter threaded through one insert. */
  static final class Counter {
    int next;

    Counter(int next) {
      this.next = next;
    }

    int take() {
      return next++;
    }
  }

  /** The radix node holding {@code hex} exactly, or null. */
  static RadixNode find(RadixNode root, String hex) {
    RadixNode cur = root;
    int idx = 0;
    int n = hex.length();
    while (idx < n) {
      RadixNode k = cur.kid(hex.charAt(idx));
      if (k == null) {
        return null;
      }
      String e = k.edge;
      int el = e.length();
      if (el > n - idx || !hex.regionMatches(idx + 1, e, 1, el - 1)) {
        return null;
      }
      cur = k;
      idx += el;
    }
    return cur;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * Lookup by state label without building its radix label: for ASCII labels the hex digits are
   * produced on the fly (the read hot path allocates nothing); other labels go through
   * {@link io.ainj.statedb.path.Labels#toRadixLabel}.
   */
  static StateNode getByLabel(RadixNode root, String label) {
    int n = label.length();
    boolean hexLabel = n >= 2 && label.charAt(0) == '0' && label.charAt(1) == 'x';
    for (int i = 0; i < n; i++) {
      if (label.charAt(i) >= 0x80) {
        return get(root, io.ainj.statedb.path.Labels.toRadixLabel(label));
      }
    }
    // Account addresses and hashes (0x<hex>) key by their own digits, lower-cased; other ASCII
    // labels by the hex of their bytes. Either way the key is read off the label, not built.
    boolean digits = hexLabel && io.ainj.statedb.path.Labels.isPrefixedHex(label);
    int total = digits ? n - 2 : 2 * n;
    RadixNode cur = root;
    int idx = 0;
    while (idx < total) {
      RadixNode k = cur.kid(keyAt(label, digits, idx));
      if (k == null) {
        return null;
      }
      String e = k.edge;
      int el = e.length();
      if (el > total - idx) {
        return null;
      }
      for (int j = 1; j < el; j++) {
        if (e.charAt(j) != keyAt(label, digits, idx + j)) {
          return null;
        }
      }
      cur = k;
      idx += el;
    }
    return cur.state();
  }

  /** Char {@code i} of an ASCII label's radix key (see {@link io.ainj.statedb.path.Labels#toRadixLabel}). */
  private static char keyAt(String label, boolean digits, int i) {
    if (digits) {
      char c = label.charAt(2 + i);
      return c >= 'A' && c <= 'F' ? (char) (c + ('a' - 'A')) : c;
    }
    char c = label.charAt(i >> 1);
    return HEX[(i & 1) == 0 ? (c >> 4) & 0xf : c & 0xf];
  }

  static StateNode get(RadixNode root, String hex) {
    RadixNode r = find(root, hex);
    return r == null ? null : r.state();
  }

  /** Returns the new root with {@code child} stored under {@code hex}. */
  static RadixNode insert(RadixNode cur, String hex, int idx, StateNode child, Counter c) {
    if (idx == hex.length()) {
      RadixNode.Body b = cur.body();
      int serial = b.state != null ? cur.serial : c.take();
      return cur.withState(child, serial);
    }
    char ch = hex.charAt(idx);
    RadixNode k = cur.kid(ch);
    if (k == null) {
      c.take(); // AIN creates the radix node with a serial, then set() gives it a fresh one.
      RadixNode leaf = new RadixNode(hex.substring(idx), c.take(), child, RadixNode.NO_KIDS);
      return cur.withKid(leaf);
    }
    String edge = k.edge;
    int el = edge.length();
    int rest = hex.length() - (idx + 1);
    boolean match = el == 1
        || (el - 1 <= rest && hex.regionMatches(idx + 1, edge, 1, el - 1));
    if (match) {
      return cur.withKid(insert(k, hex, idx + el, child, c));
    }
    // Split: a new internal radix node takes the common prefix of the edge and the new label.
    int common = 0;
    int max = Math.min(rest, el - 1);
    while (common < max && hex.charAt(idx + 1 + common) == edge.charAt(1 + common)) {
      common++;
    }
    int internalSerial = c.take();
    String internalEdge = edge.substring(0, 1 + common);
    RadixNode moved = k.withEdge(edge.substring(1 + common));
    RadixNode internal;
    if (common == rest) {
      // The new label ends inside the old edge: the internal node itself holds the state child,
      // and set() gives it a fresh serial because it had none.
      internal = new RadixNode(internalEdge, c.take(), child, new RadixNode[] {moved});
    } else {
      c.take();
      RadixNode leaf = new RadixNode(hex.substring(idx + 1 + common), c.take(), child,
          RadixNode.NO_KIDS);
      internal = new RadixNode(internalEdge, internalSerial, null, RadixNode.kidsOf(moved, leaf));
    }
    return cur.withKid(internal);
  }

  /**
   * Returns the replacement for {@code cur} after removing the state child at {@code hex}: the
   * same node if absent, null if {@code cur} disappears.
   */
  static RadixNode delete(RadixNode cur, String hex, int idx, boolean isRoot) {
    if (idx == hex.length()) {
      RadixNode.Body b = cur.body();
      if (b.state == null || isRoot) {
        // AIN refuses to delete the root radix node's state child (label "0x"): a no-op.
        return cur;
      }
      if (b.kids.length == 0) {
        return null;
      }
      if (b.kids.length == 1) {
        RadixNode only = b.kids[0];
        return only.withEdge(cur.edge + only.edge);
      }
      return cur.withoutState();
    }
    char ch = hex.charAt(idx);
    RadixNode k = cur.kid(ch);
    if (k == null) {
      return cur;
    }
    String edge = k.edge;
    int el = edge.length();
    if (el > hex.length() - idx || !hex.regionMatches(idx + 1, edge, 1, el - 1)) {
      return cur;
    }
    RadixNode nk = delete(k, hex, idx + el, false);
    if (nk == k) {
      return cur;
    }
    if (nk != null) {
      return cur.withKid(nk);
    }
    RadixNode without = cur.withoutKid(ch);
    RadixNode.Body wb = without.body();
    if (!isRoot && wb.state == null && wb.kids.length == 1) {
      RadixNode only = wb.kids[0];
      return only.withEdge(cur.edge + only.edge);
    }
    return without;
  }
}
