package io.ainj.statedb;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.path.StatePath;
import io.ainj.statedb.proof.StateProofs;
import io.ainj.statedb.read.GetRenderer;
import io.ainj.statedb.read.ReadOptions;
import io.ainj.statedb.read.ReadResult;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.StateTree;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable snapshot of the whole state (all four roots). Cheap to keep and to share between
 * threads: it is a pointer to an immutable root node. Every read AIN offers is here.
 */
public final class StateVersion {
  private final String name;
  private final StateNode root;

  StateVersion(String name, StateNode root) {
    this.name = name;
    this.root = root == null ? StateNode.leaf(null, name, Json.NULL) : root;
  }

  /** An empty state (no roots at all). */
  public static StateVersion empty(String name) {
    return new StateVersion(name, null);
  }

  public String name() {
    return name;
  }

  /** The top node (its children are values, rules, owners, functions). */
  public StateNode rootNode() {
    return root;
  }

  /** The state root hash consensus compares ({@code ph} of the top node). */
  public String rootProofHash() {
    return root.proofHashHex();
  }

  /** The node at a full path ({@code ["values","a","b"]}), or null. */
  public StateNode node(List<String> fullPath) {
    return StateTree.getNode(root, fullPath);
  }

  public StateNode node(StateRoot kind, List<String> localPath) {
    return node(full(kind, localPath));
  }

  /** GET_VALUE/GET_RULE/GET_OWNER/GET_FUNCTION of {@code localPath} ("/a/b") with options. */
  public ReadResult get(StateRoot kind, String localPath, ReadOptions options) {
    return GetRenderer.read(node(kind, StatePath.parse(localPath)), options);
  }

  /** Plain read of a local path: null when missing, the value or the subtree JSON. */
  public Json get(StateRoot kind, String localPath) {
    return get(kind, localPath, ReadOptions.DEFAULT).value();
  }

  public Json getValue(String localPath) {
    return get(StateRoot.VALUES, localPath);
  }

  /** {@code ain_getProofHash}: the proof hash at a full path ("/values/a"), or null. */
  public String proofHash(String fullPath) {
    StateNode n = node(StatePath.parse(fullPath));
    return n == null ? null : n.proofHashHex();
  }

  /** {@code ain_getStateProof}: AIN's proof object for a full path, or JSON null when missing. */
  public Json stateProof(String fullPath) {
    Json p = StateProofs.build(root, StatePath.parse(fullPath));
    return p == null ? Json.NULL : p;
  }

  /** A proof that always verifies (keeps radix kids AIN leaves out at the target). */
  public Json completeStateProof(String fullPath) {
    Json p = StateProofs.build(root, StatePath.parse(fullPath), StateProofs.Style.COMPLETE);
    return p == null ? Json.NULL : p;
  }

  /** Tree info of the node at a full path, or null. */
  public TreeInfo treeInfo(List<String> fullPath) {
    StateNode n = node(fullPath);
    return n == null ? null : TreeInfo.of(n);
  }

  /** A working copy on top of this snapshot whose new nodes carry {@code versionName}. */
  public MutableState edit(String versionName, StateDbConfig config) {
    return new MutableState(versionName, root, config);
  }

  static List<String> full(StateRoot kind, List<String> local) {
    List<String> out = new ArrayList<>(local.size() + 1);
    out.add(kind.label());
    out.addAll(local);
    return out;
  }

  @Override
  public String toString() {
    return "StateVersion{" + name + ", root=" + rootProofHash() + "}";
  }
}
