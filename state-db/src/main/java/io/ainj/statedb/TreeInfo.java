package io.ainj.statedb;

import io.ainj.statedb.tree.StateNode;

/** A node's tree info as AIN counts it (spec §7.3); used for limits, budgets and gas. */
public record TreeInfo(int height, long size, long bytes, int maxSiblings, int numChildren) {
  public static TreeInfo of(StateNode n) {
    return new TreeInfo(n.treeHeight(), n.treeSize(), n.treeBytes(), n.treeMaxSiblings(),
        n.numChildren());
  }
}
