package io.ainj.statedb.store;

import io.ainj.statedb.StateDbException;
import io.ainj.statedb.StateDbException.Reason;
import io.ainj.statedb.tree.NodeSource;
import io.ainj.statedb.tree.RadixNode;
import io.ainj.statedb.tree.StateNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists state versions in a {@link KeyValueStore} and loads node bodies back on demand.
 *
 * <p>A commit writes, in one atomic batch: every radix node the version created (ids assigned in
 * post-order so each record names persisted kids), +1 on the reference count of every node a new
 * record points to, the root record and the "latest" pointer, and the release of the oldest
 * retained root (its nodes whose count drops to zero are deleted, recursively). A crash before the
 * batch lands leaves the previous commit intact; after it, the new one.
 *
 * <p>Nodes read from storage after their version was released are gone: readers must not hold a
 * {@code StateVersion} older than the retention window across commits.
 */
public final class NodeStore implements NodeSource {
  private static final Logger LOG = LoggerFactory.getLogger(NodeStore.class);

  static final byte[] KEY_FORMAT = ascii("format");
  static final byte[] KEY_LATEST = ascii("latest");
  static final byte[] KEY_OLDEST = ascii("oldest");
  static final byte[] KEY_NEXT_ID = ascii("next_id");
  private static final byte[] ROOT_PREFIX = ascii("root:");
  private static final int STORE_FORMAT = 1;

  private final KeyValueStore kv;
  private final NodeCache cache;
  private final boolean sync;
  private final int retained;
  private long nextId;
  private long latest = -1;
  private long oldest = -1;
  // Heights whose roots are still on disk, ascending (loaded at open, kept current at commit).
  private final java.util.TreeSet<Long> live = new java.util.TreeSet<>();
  // Every keepEvery-th height is a checkpoint whose root outlives the retention window while it
  // is one of the two newest: peers far behind fetch state snapshots from it. 0: none kept.
  private volatile long keepEvery;

  /** What {@link #open} found. */
  public record Opened(NodeStore store, long height, StateNode root) {}

  private NodeStore(KeyValueStore kv, int cacheMaxNodes, int retained, boolean sync) {
    this.kv = kv;
    this.cache = new NodeCache(cacheMaxNodes);
    this.retained = retained;
    this.sync = sync;
  }

  /**
   * Opens the store: a fresh one is initialised; an existing one must carry the format marker,
   * the latest root pointer and a root record whose top trie checks out. Any inconsistency is a
   * CORRUPTED_STORE error; nothing is repaired.
   */
  public static Opened open(KeyValueStore kv, int cacheMaxNodes, int retained, boolean sync) {
    NodeStore s = new NodeStore(kv, cacheMaxNodes, retained, sync);
    byte[] format = kv.get(Column.META, KEY_FORMAT);
    if (format == null) {
      if (!kv.isEmpty(Column.NODES) || !kv.isEmpty(Column.META) || !kv.isEmpty(Column.REFS)) {
        throw new StateDbException(Reason.CORRUPTED_STORE,
            "state store holds data but no format marker");
      }
      try (KeyValueStore.Batch b = kv.newBatch()) {
        b.put(Column.META, KEY_FORMAT, KeyValueStore.encodeCounter(STORE_FORMAT));
        b.put(Column.META, KEY_NEXT_ID, KeyValueStore.encodeCounter(1));
        kv.write(b, true);
      }
      s.nextId = 1;
      return new Opened(s, -1, null);
    }
    long f = decodeLong(format, "format marker");
    if (f != STORE_FORMAT) {
      throw new StateDbException(Reason.CORRUPTED_STORE, "unknown state store format " + f);
    }
    byte[] next = kv.get(Column.META, KEY_NEXT_ID);
    if (next == null) {
      throw new StateDbException(Reason.CORRUPTED_STORE, "state store has no id counter");
    }
    s.nextId = decodeLong(next, "id counter");
    byte[] latest = kv.get(Column.META, KEY_LATEST);
    if (latest == null) {
      if (!kv.isEmpty(Column.NODES)) {
        throw new StateDbException(Reason.CORRUPTED_STORE,
            "state store has node records but no root pointer");
      }
      return new Opened(s, -1, null);
    }
    s.latest = decodeLong(latest, "latest root pointer");
    byte[] oldest = kv.get(Column.META, KEY_OLDEST);
    s.oldest = oldest == null ? s.latest : decodeLong(oldest, "oldest root pointer");
    for (long h = s.oldest; h <= s.latest; h++) {
      if (kv.get(Column.META, rootKey(h)) != null) {
        s.live.add(h);
      }
    }
    StateNode root = s.loadRoot(s.latest);
    s.verifyTop(root);
    LOG.info("state store opened at height {} root {}", s.latest, root.proofHashHex());
    return new Opened(s, s.latest, root);
  }

  /** Loads the root committed at {@code height}. */
  public StateNode loadRoot(long height) {
    byte[] rec = kv.get(Column.META, rootKey(height));
    if (rec == null) {
      throw new StateDbException(Reason.CORRUPTED_STORE,
          "root record for height " + height + " is missing");
    }
    NodeCodec.Root r = NodeCodec.decodeRoot(rec, this);
    if (r.height() != height) {
      throw new StateDbException(Reason.CORRUPTED_STORE,
          "root record for height " + height + " names height " + r.height());
    }
    return r.node();
  }

  /** Recomputes the hashes of the root's trie from its records and compares them. */
  private void verifyTop(StateNode root) {
    if (root.isLeaf()) {
      return;
    }
    ArrayDeque<RadixNode> todo = new ArrayDeque<>();
    todo.push(root.radix());
    int checked = 0;
    while (!todo.isEmpty() && checked < 4096) {
      RadixNode r = todo.pop();
      RadixNode.Body b = r.body();
      byte[] stored = r.cachedProofHash();
      byte[] recomputed = io.ainj.statedb.tree.TreeVerify.recomputeOne(r);
      if (!java.util.Arrays.equals(stored, recomputed)) {
        throw new StateDbException(Reason.CORRUPTED_STORE,
            "node " + r.id() + " does not match the hash its parent recorded");
      }
      checked++;
      for (int i = 0; i < b.kidCount(); i++) {
        todo.push(b.kid(i));
      }
    }
  }

  public long latestHeight() {
    return latest;
  }

  public long oldestHeight() {
    return oldest;
  }

  @Override
  public RadixNode.Body loadBody(RadixNode node) {
    long id = node.id();
    byte[] rec = kv.get(Column.NODES, idKey(id));
    if (rec == null) {
      throw new StateDbException(Reason.CORRUPTED_STORE,
          "node " + id + " is missing (store damaged, or read of a released version)");
    }
    RadixNode.Body body = NodeCodec.decodeBody(rec, id, this);
    node.installBody(body);
    cache.admit(node);
    return body;
  }

  /**
   * Commits {@code root} as the state of {@code height} (strictly above the latest) and returns
   * the same state as loaded from the store, so the in-memory nodes of the block can be freed.
   */
  public synchronized StateNode commit(long height, StateNode root) {
    return commit(height, root, batch -> { });
  }

  /**
   * As {@link #commit(long, StateNode)}, with {@code alsoWrite} adding other data (the block
   * that produced this state) to the same atomic batch.
   */
  public synchronized StateNode commit(
      long height, StateNode root, java.util.function.Consumer<KeyValueStore.Batch> alsoWrite) {
    if (height <= latest) {
      throw new StateDbException(Reason.INVALID_VERSION,
          "commit at height " + height + " but latest is " + latest);
    }
    root.proofHash(); // hash lazily built nodes before encoding their parents
    Map<Long, Long> deltas = new HashMap<>();
    int written;
    try (KeyValueStore.Batch batch = kv.newBatch()) {
      written = writeNew(root, batch, deltas);
      if (!root.isLeaf()) {
        deltas.merge(root.radix().id(), 1L, Long::sum);
      }
      batch.put(Column.META, rootKey(height), NodeCodec.encodeRoot(height, root));
      batch.put(Column.META, KEY_LATEST, KeyValueStore.encodeCounter(height));
      Set<Long> freed = new HashSet<>();
      List<Long> releasedHeights = new ArrayList<>();
      // Keep the newest `retained` roots, plus the two newest checkpoints: release the oldest
      // others while too many remain.
      List<Long> releasable = new ArrayList<>();
      for (long h : live) {
        if (!isKept(h, height)) {
          releasable.add(h);
        }
      }
      int excess = releasable.size() + (isKept(height, height) ? 0 : 1) - retained;
      for (int i = 0; i < excess && i < releasable.size(); i++) {
        long h = releasable.get(i);
        byte[] rec = kv.get(Column.META, rootKey(h));
        if (rec == null) {
          throw new StateDbException(Reason.CORRUPTED_STORE, "root record for height " + h + " is missing");
        }
        StateNode old = NodeCodec.decodeRoot(rec, this).node();
        if (!old.isLeaf()) {
          release(old.radix().id(), batch, deltas, freed);
        }
        batch.delete(Column.META, rootKey(h));
        releasedHeights.add(h);
      }
      java.util.TreeSet<Long> after = new java.util.TreeSet<>(live);
      after.removeAll(releasedHeights);
      after.add(height);
      long newOldest = after.first();
      for (Map.Entry<Long, Long> e : deltas.entrySet()) {
        if (!freed.contains(e.getKey()) && e.getValue() != 0) {
          batch.addCounter(Column.REFS, idKey(e.getKey()), e.getValue());
        }
      }
      batch.put(Column.META, KEY_OLDEST, KeyValueStore.encodeCounter(newOldest));
      batch.put(Column.META, KEY_NEXT_ID, KeyValueStore.encodeCounter(nextId));
      alsoWrite.accept(batch);
      kv.write(batch, sync);
      latest = height;
      oldest = newOldest;
      synchronized (live) {
        live.clear();
        live.addAll(after);
      }
      LOG.debug("committed height {}: {} new nodes, {} freed, released heights {}", height,
          written, freed.size(), releasedHeights);
    }
    return loadRoot(height);
  }

  private boolean isKept(long h, long latestHeight) {
    long k = keepEvery;
    if (k <= 0 || h % k != 0) {
      return false;
    }
    long newest = (latestHeight / k) * k;
    return h >= newest - k;
  }

  /**
   * Keeps the root of every {@code interval}-th height while it is one of the two newest such
   * checkpoints, beyond the retention window (0 turns it off). Not persisted: set at each open.
   */
  public void keepCheckpointsEvery(long interval) {
    if (interval < 0) {
      throw new IllegalArgumentException("interval must not be negative");
    }
    keepEvery = interval;
  }

  /** The heights whose committed roots are on disk, ascending. */
  public List<Long> liveHeights() {
    synchronized (live) {
      return new ArrayList<>(live);
    }
  }

  /** Writes every unpersisted radix node under {@code root}, kids before parents. */
  private int writeNew(StateNode root, KeyValueStore.Batch batch, Map<Long, Long> deltas) {
    if (root.isLeaf() || root.radix().isPersisted()) {
      return 0;
    }
    int count = 0;
    ArrayDeque<RadixNode> stack = new ArrayDeque<>();
    ArrayDeque<Boolean> expanded = new ArrayDeque<>();
    stack.push(root.radix());
    expanded.push(Boolean.FALSE);
    while (!stack.isEmpty()) {
      RadixNode n = stack.peek();
      boolean done = expanded.pop();
      if (n.isPersisted()) {
        stack.pop();
        continue;
      }
      RadixNode.Body b = n.body();
      if (!done) {
        expanded.push(Boolean.TRUE);
        StateNode s = b.state();
        if (s != null && !s.isLeaf() && !s.radix().isPersisted()) {
          stack.push(s.radix());
          expanded.push(Boolean.FALSE);
        }
        for (int i = 0; i < b.kidCount(); i++) {
          if (!b.kid(i).isPersisted()) {
            stack.push(b.kid(i));
            expanded.push(Boolean.FALSE);
          }
        }
        continue;
      }
      stack.pop();
      long id = nextId++;
      n.assignId(id);
      batch.put(Column.NODES, idKey(id), NodeCodec.encodeBody(b));
      StateNode s = b.state();
      if (s != null && !s.isLeaf()) {
        deltas.merge(s.radix().id(), 1L, Long::sum);
      }
      for (int i = 0; i < b.kidCount(); i++) {
        deltas.merge(b.kid(i).id(), 1L, Long::sum);
      }
      count++;
    }
    return count;
  }

  /** Drops one reference to {@code id}; frees it and cascades when none remain. */
  private void release(long id, KeyValueStore.Batch batch, Map<Long, Long> deltas,
      Set<Long> freed) {
    ArrayDeque<Long> todo = new ArrayDeque<>();
    todo.push(id);
    while (!todo.isEmpty()) {
      long cur = todo.pop();
      long d = deltas.merge(cur, -1L, Long::sum);
      long count = kv.getCounter(Column.REFS, idKey(cur)) + d;
      if (count < 0) {
        throw new StateDbException(Reason.CORRUPTED_STORE,
            "reference count of node " + cur + " would go negative");
      }
      if (count > 0) {
        continue;
      }
      byte[] rec = kv.get(Column.NODES, idKey(cur));
      if (rec == null) {
        throw new StateDbException(Reason.CORRUPTED_STORE, "node " + cur + " is missing");
      }
      RadixNode.Body b = NodeCodec.decodeBody(rec, cur, this);
      batch.delete(Column.NODES, idKey(cur));
      batch.delete(Column.REFS, idKey(cur));
      freed.add(cur);
      StateNode s = b.state();
      if (s != null && !s.isLeaf()) {
        todo.push(s.radix().id());
      }
      for (int i = 0; i < b.kidCount(); i++) {
        todo.push(b.kid(i).id());
      }
    }
  }

  public int cachedNodes() {
    return cache.size();
  }

  public long cacheLoads() {
    return cache.loads();
  }

  public long cacheEvictions() {
    return cache.evictions();
  }

  static byte[] idKey(long id) {
    byte[] k = new byte[8];
    for (int i = 7; i >= 0; i--) {
      k[i] = (byte) id;
      id >>>= 8;
    }
    return k;
  }

  static byte[] rootKey(long height) {
    byte[] k = new byte[ROOT_PREFIX.length + 8];
    System.arraycopy(ROOT_PREFIX, 0, k, 0, ROOT_PREFIX.length);
    byte[] h = idKey(height);
    System.arraycopy(h, 0, k, ROOT_PREFIX.length, 8);
    return k;
  }

  private static long decodeLong(byte[] b, String what) {
    if (b.length != 8) {
      throw new StateDbException(Reason.CORRUPTED_STORE, what + " is " + b.length + " bytes");
    }
    return KeyValueStore.decodeCounter(b);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
