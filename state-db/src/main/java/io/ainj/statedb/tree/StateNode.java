package io.ainj.statedb.tree;

import io.ainj.statedb.json.Json;

/**
 * An immutable state node: a leaf holding a JSON primitive, or an internal node whose children
 * sit in a radix trie ({@link #radix()}). Tree info follows AIN (§7.3 of the spec): a leaf has
 * height 0, size 1 and bytes 160 + sizeof(value); an internal node adds 1 to height and size and
 * 160 plus, per child, 2 bytes per label char plus the child's bytes.
 *
 * <p>A node with no children is a leaf. An internal node that lost its last child becomes a leaf
 * with value null but keeps its serial counter, as AIN's node keeps its radix tree.
 */
public final class StateNode {
  /** Node bytes AIN charges besides the value: isLeaf 4 + proofHash 132 + three 8-byte numbers. */
  public static final int NODE_BYTES = 160;

  final String label;
  final String version;
  final Json value;
  final RadixNode radix;
  final int nextSerial;

  final int height;
  final long size;
  final long bytes;
  final int maxSiblings;
  final int numChildren;

  private volatile byte[] leafPh;

  // Label -> child, built for a node with many children once it has been read through many
  // times: one hash lookup instead of a walk down its radix trie (several dependent loads per
  // hex digit). Only nodes read that often earn it: a node of a working copy is replaced at the
  // next write under it, and building an index walks all of its children. Soft, so what it pins
  // goes back under memory pressure; the trie stays the truth.
  private volatile java.lang.ref.SoftReference<ChildIndex> childIndex;
  private int lookups; // racy on purpose: it only decides when to build the index
  // The first child in serial order whose label starts with '$', or NO_CHILD: config walks
  // (rules, functions, owners) look for it at every level where no child has the exact label.
  volatile Object firstVarChild;
  static final Object NO_CHILD = new Object();
  static final int INDEX_MIN_CHILDREN = 16;
  static final int INDEX_AFTER_LOOKUPS = 64;

  private StateNode(String label, String version, Json value, RadixNode radix, int nextSerial,
      byte[] leafPh) {
    this.label = label;
    this.version = version;
    this.value = value;
    this.radix = radix;
    this.nextSerial = nextSerial;
    this.leafPh = leafPh;
    if (radix == null) {
      this.height = 0;
      this.size = 1;
      this.bytes = NODE_BYTES + sizeOf(value);
      this.maxSiblings = 1;
      this.numChildren = 0;
    } else {
      this.height = 1 + radix.height;
      this.size = 1 + radix.size;
      this.bytes = NODE_BYTES + radix.bytes;
      this.numChildren = radix.terminals;
      this.maxSiblings = Math.max(radix.terminals, radix.maxSiblings);
    }
  }

  /**
   * Children by their exact label. Lookups are by radix key, which two labels can share (the
   * hex digits of {@code 0x} labels in either case, or {@code 0x61} and {@code a}), so a hit is
   * exact but a miss is only final for a label that is not {@code 0x}-hex in a node none of whose
   * labels is: otherwise the trie decides.
   */
  record ChildIndex(java.util.HashMap<String, StateNode> byLabel, boolean anyHexLabel) {
    /** Whether no child of another spelling can share {@code label}'s radix key. */
    boolean missIsFinal(String label) {
      return !anyHexLabel && !io.ainj.statedb.path.Labels.isPrefixedHex(label);
    }
  }

  /** The child index if this node has (or has now earned) one, else null: use the trie. */
  ChildIndex childIndex() {
    java.lang.ref.SoftReference<ChildIndex> ref = childIndex;
    ChildIndex index = ref == null ? null : ref.get();
    if (index != null || numChildren < INDEX_MIN_CHILDREN || ++lookups < INDEX_AFTER_LOOKUPS) {
      return index;
    }
    java.util.HashMap<String, StateNode> byLabel = new java.util.HashMap<>(numChildren * 2);
    boolean anyHex = false;
    for (StateTree.Child c : StateTree.childrenByRadix(this, null, Integer.MAX_VALUE)) {
      byLabel.put(c.node().label, c.node());
      anyHex |= io.ainj.statedb.path.Labels.isPrefixedHex(c.node().label);
    }
    index = new ChildIndex(byLabel, anyHex);
    childIndex = new java.lang.ref.SoftReference<>(index);
    lookups = 0;
    return index;
  }

  /** A leaf. A fresh leaf's radix counter starts at 1: AIN gives the empty trie's root serial 0. */
  public static StateNode leaf(String label, String version, Json value) {
    return new StateNode(label, version, value, null, 1, null);
  }

  /** A leaf whose serial counter continues (an internal node that lost its children). */
  static StateNode emptyLeaf(String label, String version, int nextSerial) {
    return new StateNode(label, version, Json.NULL, null, nextSerial, null);
  }

  /** Decoded leaf with its stored proof hash. */
  public static StateNode decodedLeaf(String label, String version, Json value, int nextSerial,
      byte[] ph) {
    return new StateNode(label, version, value, null, nextSerial, ph);
  }

  /** An internal node over a radix trie root; {@code radix} must hold at least one child. */
  public static StateNode internal(String label, String version, RadixNode radix, int nextSerial) {
    if (radix.terminals == 0) {
      return emptyLeaf(label, version, nextSerial);
    }
    return new StateNode(label, version, null, radix, nextSerial, null);
  }

  StateNode withLabel(String newLabel) {
    if (java.util.Objects.equals(newLabel, label)) {
      return this;
    }
    return new StateNode(newLabel, version, value, radix, nextSerial, leafPh);
  }

  /** AIN's object-sizeof for primitives: string 2 per UTF-16 unit, number 8, boolean 4, null 0. */
  public static long sizeOf(Json v) {
    if (v instanceof Json.JString s) {
      return 2L * s.value().length();
    } else if (v instanceof Json.JNumber) {
      return 8;
    } else if (v instanceof Json.JBool) {
      return 4;
    }
    return 0;
  }

  public boolean isLeaf() {
    return radix == null;
  }

  /** Empty in AIN's sense: a leaf whose value is null. Such a node is pruned from its parent. */
  public boolean isEmpty() {
    return radix == null && value.isNull();
  }

  public String label() {
    return label;
  }

  public String version() {
    return version;
  }

  /** The leaf value (JSON null for an internal node's own value). */
  public Json value() {
    return radix == null ? value : Json.NULL;
  }

  public RadixNode radix() {
    return radix;
  }

  public int nextSerial() {
    return nextSerial;
  }

  public int treeHeight() {
    return height;
  }

  public long treeSize() {
    return size;
  }

  public long treeBytes() {
    return bytes;
  }

  public int treeMaxSiblings() {
    return maxSiblings;
  }

  public int numChildren() {
    return numChildren;
  }

  public byte[] proofHash() {
    if (radix != null) {
      return radix.proofHash();
    }
    byte[] h = leafPh;
    if (h == null) {
      h = ProofHash.leaf(value);
      leafPh = h;
    }
    return h;
  }

  /** The proof hash if already known, else null (never computes). */
  public byte[] cachedProofHash() {
    return radix != null ? radix.cachedProofHash() : leafPh;
  }

  public String proofHashHex() {
    return ProofHash.toHex(proofHash());
  }

  @Override
  public String toString() {
    return isLeaf() ? "Leaf{" + label + "=" + value + "}" : "Internal{" + label + ", children="
        + numChildren + "}";
  }
}
