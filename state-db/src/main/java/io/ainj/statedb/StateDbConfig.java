package io.ainj.statedb;

/**
 * State-db settings with AIN's defaults. {@code node} builds one from its configuration; nothing
 * here reads flags, files or the environment.
 *
 * @param labelLengthLimit {@code resource/state_label_length_limit}
 * @param treeHeightLimit {@code resource/state_tree_height_limit}; a write whose path alone would
 *     exceed it is refused before touching the tree (AIN would fail it with 11101 afterwards)
 * @param treeBytesLimit {@code resource/state_tree_bytes_limit}; a single written subtree above it
 *     is refused with 11103
 * @param cacheMaxNodes radix node bodies loaded from storage kept in memory at most
 * @param retainedCommits committed versions kept on disk; older ones are freed at commit
 * @param syncWrites fsync the write-ahead log at every commit
 */
public record StateDbConfig(
    int labelLengthLimit,
    int treeHeightLimit,
    long treeBytesLimit,
    int cacheMaxNodes,
    int retainedCommits,
    boolean syncWrites) {

  public static final int DEFAULT_LABEL_LENGTH_LIMIT = 150;
  public static final int DEFAULT_TREE_HEIGHT_LIMIT = 30;
  public static final long DEFAULT_TREE_BYTES_LIMIT = 5_000_000_000L;
  public static final int DEFAULT_CACHE_MAX_NODES = 1_000_000;
  public static final int DEFAULT_RETAINED_COMMITS = 16;

  public StateDbConfig {
    if (labelLengthLimit <= 0 || treeHeightLimit <= 0 || treeBytesLimit <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (cacheMaxNodes < 16) {
      throw new IllegalArgumentException("cacheMaxNodes must be at least 16");
    }
    if (retainedCommits < 1) {
      throw new IllegalArgumentException("retainedCommits must be at least 1");
    }
  }

  public static StateDbConfig defaults() {
    return new StateDbConfig(DEFAULT_LABEL_LENGTH_LIMIT, DEFAULT_TREE_HEIGHT_LIMIT,
        DEFAULT_TREE_BYTES_LIMIT, DEFAULT_CACHE_MAX_NODES, DEFAULT_RETAINED_COMMITS, true);
  }

  public StateDbConfig withCacheMaxNodes(int n) {
    return new StateDbConfig(labelLengthLimit, treeHeightLimit, treeBytesLimit, n,
        retainedCommits, syncWrites);
  }

  public StateDbConfig withRetainedCommits(int n) {
    return new StateDbConfig(labelLengthLimit, treeHeightLimit, treeBytesLimit, cacheMaxNodes, n,
        syncWrites);
  }
}
