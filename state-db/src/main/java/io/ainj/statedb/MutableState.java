package io.ainj.statedb;

import io.ainj.statedb.StateDbException.Reason;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.path.PathCheck;
import io.ainj.statedb.path.StatePath;
import io.ainj.statedb.path.StateValidation;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.StateTree;
import java.util.List;

/**
 * A single-threaded working copy of the state: the vm writes through it while executing a block
 * or dry-running a transaction. It is a mutable pointer to an immutable root, so {@link
 * #snapshot()} and {@link #restore(StateVersion)} are O(1) (AIN's backup/restore of a failed
 * transaction), and snapshots stay valid whatever happens next.
 */
public final class MutableState {
  private final String versionName;
  private final StateDbConfig config;
  private StateNode root;
  // The last walk into each of the four trees. A transaction walks the same long prefixes again
  // and again (its app's usage in every tree before and after, the written value for its rule,
  // the write itself), so the next walk starts from the longest common prefix instead of the root.
  private final Walk[] walks = new Walk[StateRoot.values().length];
  // While a log is open (beginLog): the writes since, and the root they started from.
  private List<WriteLog.Entry> log;
  private StateNode logStart;
  private boolean logBroken;

  /**
   * The nodes reached along {@code labels[0..len)} from {@code nodes[0]}, valid while that is
   * the state's root. A write under another tree keeps it: the tree's nodes are shared
   * unchanged by the new root, so only {@code nodes[0]} is replaced.
   */
  private static final class Walk {
    String[] labels = new String[8];
    StateNode[] nodes = new StateNode[9];
    int len = -1; // -1: nothing walked on the current root

    void grow(int n) {
      if (labels.length < n) {
        labels = java.util.Arrays.copyOf(labels, Math.max(n, 2 * labels.length));
        nodes = java.util.Arrays.copyOf(nodes, labels.length + 1);
      }
    }
  }

  MutableState(String versionName, StateNode root, StateDbConfig config) {
    this.versionName = versionName;
    this.root = root;
    this.config = config;
  }

  public String versionName() {
    return versionName;
  }

  /** The current state as an immutable snapshot. */
  public StateVersion snapshot() {
    return new StateVersion(versionName, root);
  }

  /** Puts the state back to {@code v} (typically a snapshot taken before a failed transaction). */
  public void restore(StateVersion v) {
    if (log != null) {
      // Back to where the log began: nothing written. Anywhere else: the log no longer says
      // how this state came about.
      if (v.rootNode() == logStart) {
        log.clear();
      } else {
        logBroken = true;
      }
    }
    this.root = v.rootNode();
    forgetWalks();
  }

  /** Starts recording the writes made from now on (see {@link #endLog}). */
  public void beginLog() {
    log = new java.util.ArrayList<>(4);
    logStart = root;
    logBroken = false;
  }

  /**
   * Stops recording: the writes since {@link #beginLog}, which {@link #replay} puts on another
   * state, or null when a restore to a state other than the one the log began on broke it.
   */
  public WriteLog endLog() {
    List<WriteLog.Entry> entries = log;
    boolean broken = logBroken;
    log = null;
    logStart = null;
    if (entries == null || broken) {
      return null;
    }
    return new WriteLog(entries);
  }

  /** Makes the writes of {@code writes} on this state, in their order, without checks. */
  public void replay(WriteLog writes) {
    for (WriteLog.Entry e : writes.entries()) {
      // The logged subtree is immutable and can be shared, unless it carries another version.
      StateNode subtree = e.subtree() != null && e.subtree().version().equals(versionName) ? e.subtree()
          : StateTree.fromJson(null, e.value(), versionName);
      record(e.fullPath(), e.value(), subtree);
      write(e.fullPath(), subtree);
    }
  }

  private void record(List<String> fullPath, Json value, StateNode subtree) {
    if (log != null) {
      log.add(new WriteLog.Entry(List.copyOf(fullPath), value, subtree));
    }
  }

  private void forgetWalks() {
    for (Walk w : walks) {
      if (w != null) {
        w.len = -1;
      }
    }
  }

  /** The walk slot of a full path's tree, or null (an empty path, or not one of the four). */
  private Walk walkOf(List<String> fullPath) {
    if (fullPath.isEmpty()) {
      return null;
    }
    StateRoot tree = StateRoot.byLabel(fullPath.get(0));
    if (tree == null) {
      return null;
    }
    Walk w = walks[tree.ordinal()];
    if (w == null) {
      w = walks[tree.ordinal()] = new Walk();
    }
    return w;
  }

  /** How many leading labels of {@code path} the walk has already followed on this root. */
  private int known(Walk w, List<String> path) {
    if (w.len < 0 || w.nodes[0] != root) {
      w.nodes[0] = root;
      w.len = 0;
      return 0;
    }
    int n = Math.min(w.len, path.size());
    int k = 0;
    while (k < n && w.labels[k].equals(path.get(k))) {
      k++;
    }
    return k;
  }

  /** Follows {@code path} from the walk's {@code k}-th node, recording the nodes found. */
  private StateNode follow(Walk w, List<String> path, int k) {
    w.grow(path.size());
    StateNode cur = w.nodes[k];
    w.len = k;
    for (int i = k, n = path.size(); i < n; i++) {
      cur = StateTree.getChild(cur, path.get(i));
      if (cur == null) {
        return null;
      }
      w.labels[i] = path.get(i);
      w.nodes[i + 1] = cur;
      w.len = i + 1;
    }
    return cur;
  }

  /** Replaces the root after a write at {@code fullPath}: other trees' walks stay valid. */
  private void wrote(List<String> fullPath, StateNode newRoot) {
    StateNode old = root;
    root = newRoot;
    Walk same = walkOf(fullPath);
    for (Walk w : walks) {
      if (w == null || w.len < 0) {
        continue;
      }
      if (w == same || fullPath.isEmpty() || w.nodes[0] != old) {
        w.len = -1;
      } else {
        w.nodes[0] = newRoot;
      }
    }
  }

  private void write(List<String> fullPath, StateNode subtree) {
    Walk w = walkOf(fullPath);
    StateNode next;
    if (w == null) {
      next = StateTree.write(root, fullPath, subtree, versionName);
    } else {
      int k = known(w, fullPath);
      next = StateTree.write(w.nodes, k, fullPath, subtree, versionName);
    }
    wrote(fullPath, next);
  }

  /** Result of validating a write before doing it; {@code code} is AIN's, 0 when valid. */
  public record WriteCheck(int code, String message) {
    public static final WriteCheck OK = new WriteCheck(0, null);

    public boolean isValid() {
      return code == 0;
    }
  }

  /**
   * AIN's validation of a write on {@code kind} in AIN's order for that kind: path then object for
   * values (10102, 10101); object then path for configs (10501/10502...). Then the two hard
   * limits state-db enforces itself: path depth against the height limit (11101) and the written
   * subtree's bytes (11103).
   */
  public WriteCheck check(StateRoot kind, List<String> localPath, Json value) {
    int limit = config.labelLengthLimit();
    PathCheck path = StateValidation.checkPath(localPath, limit);
    PathCheck obj = StateValidation.checkValue(value, limit);
    PathCheck first = kind == StateRoot.VALUES ? path : obj;
    PathCheck second = kind == StateRoot.VALUES ? obj : path;
    boolean firstIsPath = kind == StateRoot.VALUES;
    WriteCheck c = toCheck(kind, first, firstIsPath);
    if (!c.isValid()) {
      return c;
    }
    c = toCheck(kind, second, !firstIsPath);
    if (!c.isValid()) {
      return c;
    }
    // The top node sits at height >= localPath.size() + 1 after writing below /<root>.
    if (localPath.size() + 1 > config.treeHeightLimit()) {
      return new WriteCheck(11101, "Out of tree height limit (" + (localPath.size() + 1) + " > "
          + config.treeHeightLimit() + ")");
    }
    return WriteCheck.OK;
  }

  private static WriteCheck toCheck(StateRoot kind, PathCheck pc, boolean isPath) {
    if (pc.isValid()) {
      return WriteCheck.OK;
    }
    if (isPath) {
      return new WriteCheck(kind.invalidPathCode(),
          "Invalid " + kind.noun() + " path: " + pc.invalidPath());
    }
    return new WriteCheck(kind.invalidObjectCode(), "Invalid object for states: "
        + pc.invalidPath());
  }

  /**
   * Validated write: checks like {@link #check} and then replaces the subtree at
   * {@code /<kind><localPath>} (null deletes and prunes).
   *
   * @throws StateDbException INVALID_PATH, INVALID_VALUE, TREE_HEIGHT_LIMIT or TREE_BYTES_LIMIT
   *     with AIN's code
   */
  public void set(StateRoot kind, List<String> localPath, Json value) {
    WriteCheck c = check(kind, localPath, value);
    if (!c.isValid()) {
      Reason r = c.code() == kind.invalidPathCode() ? Reason.INVALID_PATH
          : c.code() == 11101 ? Reason.TREE_HEIGHT_LIMIT : Reason.INVALID_VALUE;
      throw new StateDbException(r, c.code(), c.message());
    }
    StateNode subtree = StateTree.fromJson(null, value, versionName);
    if (subtree.treeBytes() > config.treeBytesLimit()) {
      throw new StateDbException(Reason.TREE_BYTES_LIMIT, 11103,
          "Out of tree bytes limit (" + subtree.treeBytes() + " > " + config.treeBytesLimit() + ")");
    }
    List<String> fullPath = StateVersion.full(kind, localPath);
    record(fullPath, value, subtree);
    write(fullPath, subtree);
  }

  public void set(StateRoot kind, String localPath, Json value) {
    set(kind, StatePath.parse(localPath), value);
  }

  /**
   * AIN's raw write primitive on a full path: no validation (the caller validated, or the data is
   * trusted, like genesis). Arrays are still refused because the tree cannot hold them.
   */
  public void writeRaw(List<String> fullPath, Json value) {
    StateNode subtree = StateTree.fromJson(null, value, versionName);
    record(fullPath, value, subtree);
    write(fullPath, subtree);
  }

  public void writeRaw(StateRoot kind, String localPath, Json value) {
    writeRaw(StateVersion.full(kind, StatePath.parse(localPath)), value);
  }

  // Reads on the current state (the vm reads what it just wrote).

  public StateNode node(List<String> fullPath) {
    Walk w = walkOf(fullPath);
    if (w == null) {
      return StateTree.getNode(root, fullPath);
    }
    int k = known(w, fullPath);
    return k == fullPath.size() ? w.nodes[k] : follow(w, fullPath, k);
  }

  public Json get(StateRoot kind, String localPath) {
    return snapshot().get(kind, localPath);
  }

  public String rootProofHash() {
    return root.proofHashHex();
  }

  public TreeInfo rootTreeInfo() {
    return TreeInfo.of(root);
  }
}
