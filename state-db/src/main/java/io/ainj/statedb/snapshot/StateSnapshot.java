package io.ainj.statedb.snapshot;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.StateTree;
import java.util.ArrayList;
import java.util.List;

/**
 * A committed state cut into pieces that a node far behind can fetch one by one and rebuild:
 * each piece is a subtree (all four roots: values, rules, owners, functions) at a full path, no
 * larger than a byte bound unless it is a single leaf. Pieces are listed in child-serial order,
 * so writing them in order gives every node the same child order (what GET output shows), and
 * the rebuilt state has the same root proof hash, which the receiver checks against the
 * certified block before using any of it.
 */
public final class StateSnapshot {
  /** One subtree at a full path (first label: the root kind). */
  public record Piece(List<String> fullPath, Json subtree) {}

  private StateSnapshot() {}

  /**
   * The full paths of the pieces of {@code version}, each subtree at most {@code maxPieceBytes}
   * of AIN tree bytes (a leaf may exceed it), in child-serial order.
   */
  public static List<List<String>> plan(StateVersion version, long maxPieceBytes) {
    List<List<String>> out = new ArrayList<>();
    StateNode root = version.rootNode();
    if (root == null || root.isLeaf()) {
      return out;
    }
    for (StateTree.Child c : StateTree.childrenBySerial(root)) {
      plan(c.node(), List.of(c.node().label()), maxPieceBytes, out);
    }
    return out;
  }

  private static void plan(StateNode node, List<String> path, long max, List<List<String>> out) {
    if (node.isLeaf() || node.treeBytes() <= max) {
      out.add(path);
      return;
    }
    for (StateTree.Child c : StateTree.childrenBySerial(node)) {
      List<String> p = new ArrayList<>(path);
      p.add(c.node().label());
      plan(c.node(), List.copyOf(p), max, out);
    }
  }

  /** The piece at {@code fullPath} of {@code version}, or null if the path is not there. */
  public static Piece piece(StateVersion version, List<String> fullPath) {
    StateNode node = version.node(fullPath);
    return node == null ? null : new Piece(fullPath, render(node));
  }

  /** The subtree as JSON, children in serial order (array-index labels first, as in JS). */
  static Json render(StateNode node) {
    if (node.isLeaf()) {
      return node.value();
    }
    Json.JObject.Builder b = Json.JObject.builder();
    for (StateTree.Child c : StateTree.childrenBySerial(node)) {
      b.put(c.node().label(), render(c.node()));
    }
    return b.build();
  }

  /** An empty state to rebuild a snapshot into. */
  public static MutableState newTarget(StateDbConfig config) {
    return StateVersion.empty("SNAPSHOT").edit("SNAPSHOT", config);
  }

  /** Writes one piece into a state being rebuilt; pieces must come in plan order. */
  public static void apply(MutableState target, Piece piece) {
    if (piece.fullPath().isEmpty()) {
      throw new IllegalArgumentException("a piece names at least its root");
    }
    target.writeRaw(piece.fullPath(), piece.subtree());
  }
}
