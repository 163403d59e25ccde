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

    Body(StateNode state, RadixNode[] kids) {
      this.state = state;
      this.kids = kids;
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
  private final NodeSource source;
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

  /** Set once, when the store writes this node. */
  public void assignId(long newId) {
    this.id = newId;
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
    RadixNode[] ks = kids();
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
    return new RadixNode(edge, newSerial, state, kids());
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
    while (i < ks.length && ks[i].edge.charAt(0) < c) {
      i++;
    }
    RadixNode[] out;
    if (i < ks.length && ks[i].edge.charAt(0) == c) {
      out = ks.clone();
      out[i] = kid;
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
