package io.ainj.statedb.tree;

import java.util.Arrays;

/**
 * One node of the radix trie that holds a state node's children. The header (edge label, serial,
 * subtree aggregates, proof hash, storage id) is what the parent knows; the {@link Body} (the state
 * child held here and the child radix nodes) may be evicted and reloaded when the node was
 * persisted. Nodes are immutable: every change makes a new node and shares the rest.
 *
 * <p>The edge label (the parent-side {@code labelRadix + labelSuffix}) belongs to the header, not
 * the body, so relabelling a node during a trie split or merge shares its body, proof hash and
 * storage record.
 */
public final class RadixNode {
  /** The state child (if any) and the child radix nodes sorted by the first char of their edge. */
  public static final class Body {
    final StateNode state;
    final RadixNode[] kids;
    /**
     * Bit d set when a kid's edge starts with hex digit d (kids are sorted by that digit, so a
     * kid's index is the number of lower bits set); -1 when some edge does not start with a
     * lower-case hex digit. Lookups then touch one kid instead of scanning the edges of its
     * siblings, each of which would be a cache miss on a large tree.
     */
    final int kidMask;

    /** A body whose kids' mask the caller knows (it changed one kid of a known body). */
    Body(StateNode state, RadixNode[] kids, int kidMask) {
      this.state = state;
      this.kids = kids;
      this.kidMask = kidMask;
    }

    Body(StateNode state, RadixNode[] kids) {
      this.state = state;
      this.kids = kids;
      int m = 0;
      for (RadixNode k : kids) {
        int d = hexDigit(k.edge.charAt(0));
        if (d < 0 || (m & (1 << d)) != 0) {
          m = -1;
          break;
        }
        m |= 1 << d;
      }
      this.kidMask = m;
    }

    public StateNode state() {
      return state;
    }

    public int kidCount() {
      return kids.length;
    }

    public RadixNode kid(int i) {
      return kids[i];
    }

    public static Body of(StateNode state, RadixNode[] kids) {
      return new Body(state, kids);
    }
  }

  static final RadixNode[] NO_KIDS = new RadixNode[0];

  final String edge;
  final int serial;
  // Aggregates over the subtree, as AIN's radix nodes aggregate them.
  final int height;
  final long size;
  final long bytes;
  final int terminals;
  final int maxSiblings;

  private volatile byte[] ph;
  private volatile long id;
  private volatile Body body;
  // Null while the node lives only in memory; the store sets it when it writes the node, so the
  // body of a committed node can be evicted and reloaded like one read from storage.
  private volatile NodeSource source;
  /** CLOCK reference bit for the node cache; racy by design (a lost update only ages a node). */
  private boolean referenced;

  /** A node built in memory: its body is pinned. */
  RadixNode(String edge, int serial, StateNode state, RadixNode[] kids) {
    this.edge = edge;
    this.serial = serial;
    this.body = new Body(state, kids);
    this.source = null;
    int h = 0;
    long sz = 0;
    long by = 0;
    int t = 0;
    int ms = 0;
    if (state != null) {
      h = state.height;
      sz = state.size;
      by = 2L * state.label.length() + state.bytes;
      t = 1;
      ms = state.maxSiblings;
    }
    for (RadixNode k : kids) {
      h = Math.max(h, k.height);
      sz += k.size;
      by += k.bytes;
      t += k.terminals;
      ms = Math.max(ms, k.maxSiblings);
    }
    this.height = h;
    this.size = sz;
    this.bytes = by;
    this.terminals = t;
    this.maxSiblings = ms;
  }

  /** A node built in memory with aggregates the caller derived incrementally. */
  private RadixNode(String edge, int serial, Body body, int height, long size, long bytes,
      int terminals, int maxSiblings) {
    this.edge = edge;
    this.serial = serial;
    this.body = body;
    this.source = null;
    this.height = height;
    this.size = size;
    this.bytes = bytes;
    this.terminals = terminals;
    this.maxSiblings = maxSiblings;
  }

  static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /** A header decoded from storage; the body is loaded on demand from {@code source}. */
  public RadixNode(String edge, int serial, int height, long size, long bytes, int terminals,
      int maxSiblings, byte[] ph, long id, NodeSource source) {
    this.edge = edge;
    this.serial = serial;
    this.height = height;
    this.size = size;
    this.bytes = bytes;
    this.terminals = terminals;
    this.maxSiblings = maxSiblings;
    this.ph = ph;
    this.id = id;
    this.source = source;
  }

  /** Same node under another edge label (split or merge); body, hash and id are shared. */
  private RadixNode(RadixNode o, String edge) {
    this.edge = edge;
    this.serial = o.serial;
    this.height = o.height;
    this.size = o.size;
    this.bytes = o.bytes;
    this.terminals = o.terminals;
    this.maxSiblings = o.maxSiblings;
    this.ph = o.ph;
    this.id = o.id;
    this.body = o.body;
    this.source = o.source;
  }

  RadixNode withEdge(String newEdge) {
    return newEdge.equals(edge) ? this : new RadixNode(this, newEdge);
  }

  public String edge() {
    return edge;
  }

  public int serial() {
    return serial;
  }

  public int height() {
    return height;
  }

  public long size() {
    return size;
  }

  public long bytes() {
    return bytes;
  }

  public int terminals() {
    return terminals;
  }

  public int maxSiblings() {
    return maxSiblings;
  }

  public long id() {
    return id;
  }

  /**
   * Set once, when the store writes this node; from then on the body may be evicted and reloaded
   * from {@code from}. {@link #unassign} undoes it if the write does not land.
   */
  public void assignId(long newId, NodeSource from) {
    this.id = newId;
    this.source = from;
  }

  /** Back to an in-memory node (its commit failed before reaching storage). */
  public void unassign() {
    this.source = null;
    this.id = 0;
  }

  public boolean isPersisted() {
    return id != 0;
  }

  /** True when the body can be dropped and reloaded (it came from, or went to, storage). */
  public boolean isEvictable() {
    return source != null;
  }

  public NodeSource source() {
    return source;
  }

  /** The body, loading it from storage if it was evicted. */
  public Body body() {
    Body b = body;
    if (b == null) {
      b = source.loadBody(this);
      body = b;
    }
    if (!referenced && source != null) {
      referenced = true;
    }
    return b;
  }

  /** The body if in memory, else null (never loads). */
  public Body bodyIfLoaded() {
    return body;
  }

  /** Installs a loaded body (the store calls this); returns the body now in place. */
  public Body installBody(Body b) {
    body = b;
    return b;
  }

  /** CLOCK second chance: clears and returns the reference bit. */
  public boolean testAndClearReferenced() {
    boolean r = referenced;
    referenced = false;
    return r;
  }

  /** Drops a reloadable body (called by the cache). */
  public void evictBody() {
    if (source != null) {
      body = null;
    }
  }

  public byte[] cachedProofHash() {
    return ph;
  }

  /** Proof hash, computing (and caching) it and any missing hashes below iteratively. */
  public byte[] proofHash() {
    byte[] h = ph;
    if (h == null) {
      Hashing.ensure(this);
      h = ph;
    }
    return h;
  }

  void setProofHash(byte[] h) {
    ph = h;
  }

  StateNode state() {
    return body().state;
  }

  RadixNode[] kids() {
    return body().kids;
  }

  /** Child whose edge starts with {@code c}, or null. */
  RadixNode kid(char c) {
    Body b = body();
    int m = b.kidMask;
    if (m >= 0) {
      int d = hexDigit(c);
      if (d < 0 || (m & (1 << d)) == 0) {
        return null;
      }
      return b.kids[Integer.bitCount(m & ((1 << d) - 1))];
    }
    RadixNode[] ks = b.kids;
    for (RadixNode k : ks) {
      char f = k.edge.charAt(0);
      if (f == c) {
        return k;
      }
      if (f > c) {
        return null;
      }
    }
    return null;
  }

  RadixNode withState(StateNode state, int newSerial) {
    Body b = body();
    StateNode old = b.state;
    if (old != null && state != null && state.height >= old.height
        && state.maxSiblings >= old.maxSiblings) {
      // Replacing the state child: adjust the sums, and the maxima can only grow.
      long by = bytes - (2L * old.label.length() + old.bytes)
          + (2L * state.label.length() + state.bytes);
      return new RadixNode(edge, newSerial, new Body(state, b.kids, b.kidMask),
          Math.max(height, state.height),
          size - old.size + state.size, by, terminals,
          Math.max(maxSiblings, state.maxSiblings));
    }
    return new RadixNode(edge, newSerial, state, b.kids);
  }

  RadixNode withoutState() {
    return new RadixNode(edge, serial, null, kids());
  }

  /** Replaces or inserts the kid with the same first char (kids stay sorted by it). */
  RadixNode withKid(RadixNode kid) {
    Body b = body();
    RadixNode[] ks = b.kids;
    char c = kid.edge.charAt(0);
    int i = 0;
    boolean present;
    int m = b.kidMask;
    int d = hexDigit(c);
    if (m >= 0 && d >= 0) {
      i = Integer.bitCount(m & ((1 << d) - 1));
      present = (m & (1 << d)) != 0;
    } else {
      while (i < ks.length && ks[i].edge.charAt(0) < c) {
        i++;
      }
      present = i < ks.length && ks[i].edge.charAt(0) == c;
    }
    RadixNode[] out;
    if (present) {
      RadixNode old = ks[i];
      out = ks.clone();
      out[i] = kid;
      if (kid.height >= old.height && kid.maxSiblings >= old.maxSiblings) {
        // Replacing a kid: adjust the sums, and the maxima can only grow.
        return new RadixNode(edge, serial, new Body(b.state, out, m), Math.max(height, kid.height),
            size - old.size + kid.size, bytes - old.bytes + kid.bytes,
            terminals - old.terminals + kid.terminals, Math.max(maxSiblings, kid.maxSiblings));
      }
    } else {
      out = new RadixNode[ks.length + 1];
      System.arraycopy(ks, 0, out, 0, i);
      out[i] = kid;
      System.arraycopy(ks, i, out, i + 1, ks.length - i);
    }
    return new RadixNode(edge, serial, b.state, out);
  }

  RadixNode withoutKid(char c) {
    Body b = body();
    RadixNode[] ks = b.kids;
    int i = 0;
    while (i < ks.length && ks[i].edge.charAt(0) != c) {
      i++;
    }
    if (i == ks.length) {
      return this;
    }
    RadixNode[] out = new RadixNode[ks.length - 1];
    System.arraycopy(ks, 0, out, 0, i);
    System.arraycopy(ks, i + 1, out, i, ks.length - i - 1);
    return new RadixNode(edge, serial, b.state, out);
  }

  @Override
  public String toString() {
    return "RadixNode{edge=" + edge + ", serial=" + serial + ", id=" + id + ", terminals="
        + terminals + "}";
  }

  static RadixNode[] kidsOf(RadixNode... ks) {
    RadixNode[] out = ks.clone();
    Arrays.sort(out, (a, b) -> Character.compare(a.edge.charAt(0), b.edge.charAt(0)));
    return out;
  }
}
