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
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists state versions in a {@link KeyValueStore} and loads node bodies back on demand.
 *
 * <p>A commit writes, in one atomic batch: every radix node the version created (ids assigned in
 * post-order so each record names persisted kids), the root record, the "latest" pointer, the
 * list of nodes the new version no longer reaches, and the deletion of nodes no retained version
 * reaches any more. A crash before the batch lands leaves the previous commit intact; after it,
 * the new one. Nothing is read back from storage to find garbage.
 *
 * <p>How garbage is found (a stale-node index, as in Diem's Jellyfish Merkle tree): node ids grow
 * with every commit, and a committed tree is immutable, so a node written at height {@code b}
 * and first missing from the tree of height {@code v} is in the tree of every height {@code h}
 * with {@code b <= h < v} and no other. At the commit of {@code v} the store walks the previous
 * root down to the nodes the new tree still points at; what it passes is stale since {@code v},
 * recorded under the newest retained height below {@code v} that holds it. When that height is
 * released, each id is moved to the next retained height below that holds it (a kept
 * checkpoint), or deleted. This relies on a committed tree never pointing at a node that an
 * earlier commit dropped: every version derives from the previous commit, which is how the
 * ledger builds blocks.
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
  private static final byte[] IDS_PREFIX = ascii("ids:");
  // Below this many new nodes, handing the encoding to the common pool costs more than it saves.
  private static final int PARALLEL_ENCODE_MIN = 512;
  /** 1: reference-counted nodes (sessions 1 to 3); 2: stale-node index. */
  static final int STORE_FORMAT = 2;

  private final KeyValueStore kv;
  private final NodeCache cache;
  private final boolean sync;
  private final int retained;
  private long nextId;
  private long latest = -1;
  private long oldest = -1;
  // The tree committed last, as the commit received it: the next commit walks it for stale nodes
  // (its bodies are in memory where the next block changed it, since that block was built on it).
  private StateNode latestRoot;
  // Heights whose roots are still on disk, ascending (loaded at open, kept current at commit).
  private final java.util.TreeSet<Long> live = new java.util.TreeSet<>();
  // For each live height, the id counter after its commit: ids below it existed at that height.
  private final Map<Long, Long> idsBelow = new HashMap<>();
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
      if (!kv.isEmpty(Column.NODES) || !kv.isEmpty(Column.META) || !kv.isEmpty(Column.STALE)) {
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
    if (f == 1) {
      throw new StateDbException(Reason.CORRUPTED_STORE, "state store format 1 (reference-counted"
          + " nodes, written by an earlier ainj build) is not read by this version: start the node"
          + " on an empty home directory and let it sync from its peers");
    }
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
        byte[] ids = kv.get(Column.META, idsKey(h));
        if (ids == null) {
          throw new StateDbException(Reason.CORRUPTED_STORE,
              "id counter of height " + h + " is missing");
        }
        s.live.add(h);
        s.idsBelow.put(h, decodeLong(ids, "id counter of height " + h));
      }
    }
    StateNode root = s.loadRoot(s.latest);
    s.verifyTop(root);
    s.latestRoot = root;
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
   * it: its nodes now carry storage ids, and their bodies are evictable like loaded ones.
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
    long firstId = nextId;
    List<RadixNode> created = new ArrayList<>();
    LongSet kept = new LongSet(4096);
    int freed;
    List<Long> releasedHeights = new ArrayList<>();
    java.util.TreeSet<Long> after = new java.util.TreeSet<>(live);
    try (KeyValueStore.Batch batch = kv.newBatch()) {
      try {
        writeNew(root, batch, kept, created);
        long[] stale = staleNodes(latestRoot, root, kept);
        batch.put(Column.META, rootKey(height), NodeCodec.encodeRoot(height, root));
        batch.put(Column.META, idsKey(height), KeyValueStore.encodeCounter(nextId));
        batch.put(Column.META, KEY_LATEST, KeyValueStore.encodeCounter(height));
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
          batch.delete(Column.META, rootKey(h));
          batch.delete(Column.META, idsKey(h));
          releasedHeights.add(h);
        }
        after.removeAll(releasedHeights);
        after.add(height);
        Map<Long, Long> idsAfter = new HashMap<>(idsBelow);
        idsAfter.keySet().removeAll(releasedHeights);
        idsAfter.put(height, nextId);
        freed = pinOrFree(stale, height, after, idsAfter, batch);
        for (long h : releasedHeights) {
          int[] count = {0};
          kv.forEachWithPrefix(Column.STALE, idKey(h), (k, v) -> {
            batch.delete(Column.STALE, k);
            count[0] += pinOrFree(unpackIds(v), staleSince(k), after, idsAfter, batch);
          });
          freed += count[0];
        }
        batch.put(Column.META, KEY_OLDEST, KeyValueStore.encodeCounter(after.first()));
        batch.put(Column.META, KEY_NEXT_ID, KeyValueStore.encodeCounter(nextId));
        alsoWrite.accept(batch);
        kv.write(batch, sync);
        idsBelow.clear();
        idsBelow.putAll(idsAfter);
      } catch (RuntimeException e) {
        // Nothing landed: the version stays an in-memory one that a retry can commit.
        for (RadixNode n : created) {
          n.unassign();
        }
        nextId = firstId;
        throw e;
      }
    }
    cache.adopt(created);
    latest = height;
    oldest = after.first();
    latestRoot = root;
    synchronized (live) {
      live.clear();
      live.addAll(after);
    }
    LOG.debug("committed height {}: {} new nodes, {} freed, released heights {}", height,
        created.size(), freed, releasedHeights);
    return root;
  }

  /**
   * Records the nodes of {@code ids}, stale since height {@code since}, under the newest live
   * height below {@code since} that still holds them (the ones whose id is below that height's
   * counter), and deletes the rest. Returns how many were deleted.
   */
  private int pinOrFree(long[] ids, long since, java.util.NavigableSet<Long> liveHeights,
      Map<Long, Long> counters, KeyValueStore.Batch batch) {
    if (ids.length == 0) {
      return 0;
    }
    Long holder = liveHeights.lower(since);
    long limit = holder == null ? 0 : counters.get(holder);
    long[] keep = new long[ids.length];
    int kept = 0;
    for (long id : ids) {
      if (id < limit) {
        keep[kept++] = id;
      } else {
        batch.delete(Column.NODES, idKey(id));
      }
    }
    if (kept > 0) {
      batch.put(Column.STALE, staleKey(holder, since), packIds(keep, kept));
    }
    return ids.length - kept;
  }

  /**
   * Ids of the nodes reachable from {@code before} but not from {@code after}, given in {@code
   * kept} the stored nodes that {@code after}'s new records point at: a walk down {@code before}
   * that stops wherever the new tree shares a subtree.
   */
  private static long[] staleNodes(StateNode before, StateNode after, LongSet kept) {
    if (before == null || before.isLeaf()) {
      return new long[0];
    }
    if (!after.isLeaf() && after.radix().isPersisted()) {
      kept.add(after.radix().id());
    }
    long[] out = new long[64];
    int n = 0;
    ArrayDeque<RadixNode> todo = new ArrayDeque<>();
    if (!kept.contains(before.radix().id())) {
      todo.push(before.radix());
    }
    while (!todo.isEmpty()) {
      RadixNode r = todo.pop();
      if (n == out.length) {
        out = java.util.Arrays.copyOf(out, n * 2);
      }
      out[n++] = r.id();
      RadixNode.Body b = r.body();
      StateNode s = b.state();
      if (s != null && !s.isLeaf() && !kept.contains(s.radix().id())) {
        todo.push(s.radix());
      }
      for (int i = 0; i < b.kidCount(); i++) {
        RadixNode k = b.kid(i);
        if (!kept.contains(k.id())) {
          todo.push(k);
        }
      }
    }
    return java.util.Arrays.copyOf(out, n);
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

  /**
   * Writes every unpersisted radix node under {@code root}: ids assigned in post-order (kids
   * before parents, so each record names its kids' ids), records encoded in parallel (the
   * encoding of a block's ~9,000 new nodes is mostly waiting on the memory of their kids'
   * headers), then added to the batch in id order. Adds to {@code created} each node it assigns
   * an id and to {@code kept} each stored node a new record points at.
   */
  private void writeNew(StateNode root, KeyValueStore.Batch batch, LongSet kept,
      List<RadixNode> created) {
    if (root.isLeaf() || root.radix().isPersisted()) {
      return;
    }
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
      if (!done) {
        RadixNode.Body b = n.body();
        StateNode s = b.state();
        expanded.push(Boolean.TRUE);
        if (s != null && !s.isLeaf()) {
          pushOrKeep(s.radix(), stack, expanded, kept);
        }
        for (int i = 0; i < b.kidCount(); i++) {
          pushOrKeep(b.kid(i), stack, expanded, kept);
        }
        continue;
      }
      stack.pop();
      n.assignId(nextId++, this);
      created.add(n);
    }
    byte[][] records = new byte[created.size()][];
    java.util.stream.IntStream range = java.util.stream.IntStream.range(0, records.length);
    (records.length >= PARALLEL_ENCODE_MIN ? range.parallel() : range)
        .forEach(i -> records[i] = NodeCodec.encodeBody(created.get(i).body()));
    for (int i = 0; i < records.length; i++) {
      batch.put(Column.NODES, idKey(created.get(i).id()), records[i]);
    }
  }

  private static void pushOrKeep(RadixNode k, ArrayDeque<RadixNode> stack,
      ArrayDeque<Boolean> expanded, LongSet kept) {
    if (k.isPersisted()) {
      kept.add(k.id());
    } else {
      stack.push(k);
      expanded.push(Boolean.FALSE);
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
    return prefixed(ROOT_PREFIX, height);
  }

  static byte[] idsKey(long height) {
    return prefixed(IDS_PREFIX, height);
  }

  private static byte[] prefixed(byte[] prefix, long height) {
    byte[] k = new byte[prefix.length + 8];
    System.arraycopy(prefix, 0, k, 0, prefix.length);
    byte[] h = idKey(height);
    System.arraycopy(h, 0, k, prefix.length, 8);
    return k;
  }

  /** Stale-index key: the height holding the nodes, then the height they are stale since. */
  static byte[] staleKey(long holder, long since) {
    byte[] k = new byte[16];
    System.arraycopy(idKey(holder), 0, k, 0, 8);
    System.arraycopy(idKey(since), 0, k, 8, 8);
    return k;
  }

  private static long staleSince(byte[] key) {
    if (key.length != 16) {
      throw new StateDbException(Reason.CORRUPTED_STORE, "stale index key of " + key.length
          + " bytes");
    }
    return java.nio.ByteBuffer.wrap(key, 8, 8).getLong();
  }

  static byte[] packIds(long[] ids, int count) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * count);
    for (int i = 0; i < count; i++) {
      b.putLong(ids[i]);
    }
    return b.array();
  }

  static long[] unpackIds(byte[] rec) {
    if (rec.length % 8 != 0) {
      throw new StateDbException(Reason.CORRUPTED_STORE, "stale index record of " + rec.length
          + " bytes");
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(rec);
    long[] ids = new long[rec.length / 8];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = b.getLong();
    }
    return ids;
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
