package io.ainj.statedb.tree;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.path.Labels;
import java.util.ArrayList;
import java.util.List;

/** Operations on immutable state nodes: child access, AIN's write primitive, listing. */
public final class StateTree {
  private StateTree() {}

  /** A fresh, empty radix trie root (serial 0). */
  static RadixNode emptyRadix() {
    return new RadixNode("", 0, null, RadixNode.NO_KIDS);
  }

  /**
   * The child stored under {@code label}'s radix key, or null. Lookup goes through the radix key,
   * as AIN's does, so {@code 0xAB} finds a child stored as {@code 0xab}.
   */
  public static StateNode getChild(StateNode node, String label) {
    if (node == null || node.radix == null) {
      return null;
    }
    StateNode.ChildIndex index = node.childIndex();
    if (index != null) {
      StateNode hit = index.byLabel().get(label);
      if (hit != null || index.missIsFinal(label)) {
        return hit;
      }
    }
    return Trie.getByLabel(node.radix, label);
  }

  /**
   * The first child of {@code node}, in serial order, whose label starts with {@code $} (a
   * config tree's path variable), or null. Memoised on the node, which never changes.
   */
  public static StateNode firstVariableChild(StateNode node) {
    if (node == null || node.radix == null) {
      return null;
    }
    Object m = node.firstVarChild;
    if (m == null) {
      m = StateNode.NO_CHILD;
      for (Child c : childrenBySerial(node)) {
        if (c.node().label().startsWith("$")) {
          m = c.node();
          break;
        }
      }
      node.firstVarChild = m;
    }
    return m == StateNode.NO_CHILD ? null : (StateNode) m;
  }

  /** Walks {@code labels} from {@code node}; null when any step is missing. */
  public static StateNode getNode(StateNode node, List<String> labels) {
    StateNode cur = node;
    for (int i = 0, n = labels.size(); i < n && cur != null; i++) {
      cur = getChild(cur, labels.get(i));
    }
    return cur;
  }

  /**
   * Sets {@code child} (renamed to {@code label}) as a child of {@code node}. A leaf turns into an
   * internal node (its value is dropped, as AIN resets values along a write path).
   */
  public static StateNode setChild(StateNode node, String label, StateNode child, String version) {
    RadixNode root = node.radix != null ? node.radix : emptyRadix();
    Trie.Counter c = new Trie.Counter(node.nextSerial);
    RadixNode newRoot = Trie.insert(root, Labels.toRadixLabel(label), 0, child.withLabel(label), c);
    return StateNode.internal(node.label, version, newRoot, c.next);
  }

  /** Removes the child under {@code label}; a node left without children becomes an empty leaf. */
  public static StateNode deleteChild(StateNode node, String label, String version) {
    if (node.radix == null) {
      return node;
    }
    RadixNode newRoot = Trie.delete(node.radix, Labels.toRadixLabel(label), 0, true);
    if (newRoot == node.radix) {
      return node;
    }
    return StateNode.internal(node.label, version, newRoot, node.nextSerial);
  }

  /**
   * Builds a subtree from JSON as AIN's {@code StateNode.fromJsObject}: an object becomes an
   * internal node with one child per key in JavaScript key order; anything else (including an
   * empty object) becomes a leaf. Arrays must have been refused by validation before.
   */
  public static StateNode fromJson(String label, Json value, String version) {
    if (value instanceof JObject obj) {
      if (obj.isEmpty()) {
        return StateNode.leaf(label, version, Json.NULL);
      }
      RadixNode root = emptyRadix();
      Trie.Counter c = new Trie.Counter(1);
      for (int i = 0; i < obj.size(); i++) {
        String key = obj.key(i);
        StateNode child = fromJson(key, obj.value(i), version);
        root = Trie.insert(root, Labels.toRadixLabel(key), 0, child, c);
      }
      return StateNode.internal(label, version, root, c.next);
    }
    if (value instanceof Json.JArray) {
      throw new IllegalArgumentException("arrays cannot be stored in the state");
    }
    return StateNode.leaf(label, version, value);
  }

  /**
   * AIN's write primitive ({@code writeDatabase}): replaces the subtree at {@code labels} below
   * {@code root} with {@code subtree}, creating missing nodes and turning leaves on the way into
   * internal nodes; then, if the written node is empty (a null leaf), removes it and every
   * ancestor left empty. Returns the new root (an empty leaf if everything was pruned).
   */
  public static StateNode write(StateNode root, List<String> labels, StateNode subtree,
      String version) {
    return writeAt(root, labels, 0, subtree, version, null, 0);
  }

  /**
   * {@link #write} for a caller that already walked part of {@code labels}: {@code along[i]} is
   * the node reached after the first {@code i} labels from {@code along[0]} (the root), known
   * for {@code i <= known}, so those lookups are not repeated.
   */
  public static StateNode write(StateNode[] along, int known, List<String> labels,
      StateNode subtree, String version) {
    return writeAt(along[0], labels, 0, subtree, version, along, known);
  }

  private static StateNode writeAt(StateNode node, List<String> labels, int idx,
      StateNode subtree, String version, StateNode[] along, int known) {
    if (idx == labels.size()) {
      // The parent's setChild relabels the subtree; at the root it keeps the root's label.
      return node == null ? subtree : subtree.withLabel(node.label);
    }
    String label = labels.get(idx);
    String nodeLabel = node != null ? node.label : (idx == 0 ? null : labels.get(idx - 1));
    StateNode cur;
    if (node == null) {
      cur = StateNode.leaf(nodeLabel, version, Json.NULL);
    } else {
      cur = node;
    }
    StateNode child = idx < known ? along[idx + 1] : getChild(cur, label);
    StateNode newChild = writeAt(child, labels, idx + 1, subtree, version, along, known);
    StateNode updated = setChild(cur, label, newChild, version);
    if (newChild.isEmpty()) {
      updated = deleteChild(updated, label, version);
    }
    return updated;
  }

  /** A child with the serial and radix label of the radix node that holds it. */
  public record Child(StateNode node, int serial, String radixLabel) {}

  /** Children in serial (first-insertion) order: the order of GET output. */
  public static List<Child> childrenBySerial(StateNode node) {
    List<Child> out = childrenByRadix(node, null, Integer.MAX_VALUE);
    out.sort((a, b) -> Integer.compare(a.serial, b.serial));
    return out;
  }

  /**
   * Children in radix-label order (a depth-first walk of the trie, which is the lexicographic
   * order of the hex labels), only those after {@code afterRadixLabel} if given, at most
   * {@code limit}.
   */
  public static List<Child> childrenByRadix(StateNode node, String afterRadixLabel, int limit) {
    List<Child> out = new ArrayList<>(node.radix == null ? 0 : node.numChildren);
    if (node.radix == null) {
      return out;
    }
    collect(node.radix, new StringBuilder(), afterRadixLabel, limit, out);
    return out;
  }

  private static void collect(RadixNode r, StringBuilder prefix, String after, int limit,
      List<Child> out) {
    if (out.size() >= limit) {
      return;
    }
    int mark = prefix.length();
    prefix.append(r.edge);
    RadixNode.Body b = r.body();
    if (b.state != null) {
      String hex = prefix.toString();
      if (after == null || hex.compareTo(after) > 0) {
        out.add(new Child(b.state, r.serial, hex));
      }
    }
    for (RadixNode k : b.kids) {
      if (out.size() >= limit) {
        break;
      }
      // Skip whole subtrees that sort entirely before the cursor.
      if (after != null && !mayContainAfter(prefix, k.edge, after)) {
        continue;
      }
      collect(k, prefix, after, limit, out);
    }
    prefix.setLength(mark);
  }

  /** False when every label under prefix+edge is <= after (so the subtree can be skipped). */
  private static boolean mayContainAfter(StringBuilder prefix, String edge, String after) {
    String p = prefix + edge;
    int n = Math.min(p.length(), after.length());
    int cmp = p.substring(0, n).compareTo(after.substring(0, n));
    if (cmp != 0) {
      return cmp > 0;
    }
    // p is a prefix of after (or vice versa): labels below may sort after the cursor.
    return true;
  }
}
