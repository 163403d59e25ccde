package io.ainj.statedb.read;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.StateTree;
import java.util.List;

/**
 * Renders a state node as AIN's GET output (spec §2.7). Children come in serial order; the meta
 * keys of a leaf child follow its value; the node's own meta keys follow its children.
 */
public final class GetRenderer {
  /** {@code GET_RESP_MAX_SIBLINGS}: page size of partial reads and the sibling guard. */
  public static final int GET_RESP_MAX_SIBLINGS = 20000;
  /** {@code GET_RESP_BYTES_LIMIT}. */
  public static final long GET_RESP_BYTES_LIMIT = 20_000_000L;

  private GetRenderer() {}

  /** Reads a node with options and API guards; a missing node reads as null. */
  public static ReadResult read(StateNode node, ReadOptions opts) {
    if (node == null) {
      return ReadResult.ok(Json.NULL);
    }
    if (opts.fromApi()) {
      if (!opts.isPartial() && node.treeMaxSiblings() > GET_RESP_MAX_SIBLINGS) {
        return new ReadResult(Json.NULL, ReadResult.GET_EXCEEDS_MAX_SIBLINGS,
            "The data exceeds the max sibling limit of the requested node: "
                + node.treeMaxSiblings() + " > " + GET_RESP_MAX_SIBLINGS);
      }
      if (!opts.isShallow() && !opts.isPartial() && node.treeBytes() > GET_RESP_BYTES_LIMIT) {
        return new ReadResult(Json.NULL, ReadResult.GET_EXCEEDS_MAX_BYTES,
            "The data exceeds the max byte limit of the requested node: " + node.treeBytes()
                + " > " + GET_RESP_BYTES_LIMIT);
      }
    }
    return ReadResult.ok(render(node, opts));
  }

  public static Json render(StateNode node, ReadOptions opts) {
    if (node.isLeaf()) {
      return node.value();
    }
    JObject.Builder b = JObject.builder();
    // JObject orders integer-like keys first, like JS objects; AIN's output object is a JS object
    // too, so its key order comes out identical.
    List<StateTree.Child> children;
    if (opts.isPartial()) {
      children = StateTree.childrenByRadix(node, opts.lastEndLabel(), GET_RESP_MAX_SIBLINGS);
      String endLabel = children.isEmpty() ? null : children.get(children.size() - 1).radixLabel();
      b.put("#end_label", endLabel == null ? Json.NULL : Json.of(endLabel));
      if (opts.lastEndLabel() == null) {
        children.sort((x, y) -> Integer.compare(x.serial(), y.serial()));
      }
    } else {
      children = StateTree.childrenBySerial(node);
    }
    for (StateTree.Child c : children) {
      StateNode child = c.node();
      String label = child.label();
      if (child.isLeaf()) {
        b.put(label, child.value());
        if (opts.includeVersion()) {
          b.put("#version:" + label, versionJson(child));
        }
        if (opts.includeTreeInfo()) {
          putTreeInfo(b, child, ":" + label);
        }
        if (opts.includeProof()) {
          b.put("#state_ph:" + label, Json.of(child.proofHashHex()));
        }
      } else if (opts.isShallow() || opts.isPartial()) {
        JObject.Builder stub = JObject.builder();
        stub.put("#state_ph", Json.of(child.proofHashHex()));
        if (opts.isPartial()) {
          stub.put("#serial", Json.of(c.serial()));
        }
        b.put(label, stub.build());
      } else {
        b.put(label, render(child, opts));
      }
    }
    if (opts.includeVersion()) {
      b.put("#version", versionJson(node));
    }
    if (opts.includeTreeInfo()) {
      putTreeInfo(b, node, "");
    }
    if (opts.includeProof()) {
      b.put("#state_ph", Json.of(node.proofHashHex()));
    }
    return b.build();
  }

  private static Json versionJson(StateNode n) {
    return n.version() == null ? Json.NULL : Json.of(n.version());
  }

  /**
   * {@code #num_parents} is 1: nodes are immutable and shared between versions, so "parents"
   * is not a property of a node here; AIN reports 1 except while versions share a node.
   */
  private static void putTreeInfo(JObject.Builder b, StateNode n, String suffix) {
    b.put("#num_parents" + suffix, Json.of(1));
    b.put("#num_children" + suffix, Json.of(n.numChildren()));
    b.put("#tree_height" + suffix, Json.of(n.treeHeight()));
    b.put("#tree_size" + suffix, Json.of((double) n.treeSize()));
    b.put("#tree_bytes" + suffix, Json.of((double) n.treeBytes()));
    b.put("#tree_max_siblings" + suffix, Json.of(n.treeMaxSiblings()));
  }
}
