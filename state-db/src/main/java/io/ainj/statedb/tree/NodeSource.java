package io.ainj.statedb.tree;

/**
 * Where evictable radix node bodies come back from. Implemented by the store; the tree only asks
 * for a body by id when a reader reaches a node whose body is not in memory.
 */
public interface NodeSource {
  /**
   * Loads the body of a persisted radix node.
   *
   * @throws io.ainj.statedb.StateDbException CORRUPTED_STORE when the record is missing or broken
   */
  RadixNode.Body loadBody(RadixNode node);
}
