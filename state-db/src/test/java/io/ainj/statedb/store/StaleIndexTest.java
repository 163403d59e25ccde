package io.ainj.statedb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateDbException;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.tree.RadixNode;
import io.ainj.statedb.tree.StateNode;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * After many commits of random partial updates and deletes (so old versions share most of their
 * nodes with new ones), the store holds exactly the nodes reachable from the retained roots: no
 * garbage left behind, nothing a retained root needs deleted, whatever the retention, the kept
 * checkpoints and the restarts in between.
 */
class StaleIndexTest {
  @Test
  void storeHoldsExactlyTheReachableNodes() {
    NodeStore store = commitAndCheck(3, 0, 0, 1 << 20);
    assertEquals(List.of(38L, 39L, 40L), store.liveHeights());
  }

  @Test
  void keptCheckpointsOutliveTheWindowAndAreFreedLater() {
    // Every 10th height is kept while one of the two newest checkpoints: 30 and 40 at 40
    // (10 and 20 were kept earlier and have been freed since, which the audit below checks).
    NodeStore store = commitAndCheck(3, 10, 0, 1 << 20);
    assertEquals(List.of(30L, 37L, 38L, 39L, 40L), store.liveHeights());
  }

  @Test
  void oneRetainedVersionFreesEverythingElseAtOnce() {
    NodeStore store = commitAndCheck(1, 0, 0, 1 << 20);
    assertEquals(List.of(40L), store.liveHeights());
  }

  @Test
  void theIndexSurvivesRestartsBetweenCommits() {
    // Reopen the store every 7 blocks: stale records written before a restart are acted on
    // after it, with the previous root loaded from storage instead of the committed graph.
    NodeStore store = commitAndCheck(4, 8, 7, 1 << 20);
    assertEquals(List.of(32L, 36L, 37L, 38L, 39L, 40L), store.liveHeights());
  }

  @Test
  void evictedBodiesOfCommittedNodesReloadWhilePruning() {
    // A 64-node cache evicts the bodies of just-committed nodes almost at once, so the walk for
    // stale nodes and later reads load them back from storage.
    commitAndCheck(2, 5, 0, 64);
  }

  @Test
  void aCommitThatFailsToWriteLeavesTheVersionCommittable() {
    FailingStore kv = new FailingStore();
    StateDb db = StateDb.open(kv, StateDbConfig.defaults().withRetainedCommits(2));
    MutableState w = db.edit("NODE:1");
    w.set(StateRoot.VALUES, "/a/b", Json.of(1));
    db.commit(1, w.snapshot());
    MutableState w2 = db.edit("NODE:2");
    w2.set(StateRoot.VALUES, "/a/c", Json.of(2));
    StateVersion v2 = w2.snapshot();
    kv.failNextWrite = true;
    assertThrows(StateDbException.class, () -> db.commit(2, v2));
    assertEquals(1, db.finalizedHeight());
    StateVersion committed = db.commit(2, v2);
    assertEquals(Json.of(2), committed.getValue("/a/c"));
    StateDb reopened = StateDb.open(kv.inner.reopen(), StateDbConfig.defaults());
    assertEquals(committed.rootProofHash(), reopened.finalized().rootProofHash());
    assertEquals(Json.of(1), reopened.finalized().getValue("/a/b"));
    audit(kv.inner, NodeStore.open(kv.inner.reopen(), 1_000, 2, false).store());
  }

  private static NodeStore commitAndCheck(int retained, long keepEvery, int restartEvery,
      int cacheNodes) {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    StateDbConfig config = StateDbConfig.defaults().withRetainedCommits(retained)
        .withCacheMaxNodes(cacheNodes);
    StateDb db = StateDb.open(kv, config);
    db.keepCheckpointsEvery(keepEvery);
    SplittableRandom rnd = new SplittableRandom(5);
    Map<String, Json> expected = new HashMap<>();
    for (int h = 1; h <= 40; h++) {
      if (restartEvery > 0 && h % restartEvery == 0) {
        kv = kv.reopen();
        db = StateDb.open(kv, config);
        db.keepCheckpointsEvery(keepEvery);
      }
      MutableState w = db.edit("NODE:" + h);
      int writes = h == 1 ? 400 : 1 + rnd.nextInt(30);
      for (int i = 0; i < writes; i++) {
        int k = rnd.nextInt(400);
        String path = "/a" + (k % 5) + "/b" + (k % 37) + "/c" + k;
        // Now and then a whole subtree goes, so pruning frees nodes no write path touched.
        if (rnd.nextInt(40) == 0) {
          path = "/a" + (k % 5) + "/b" + (k % 37);
        }
        Json v = rnd.nextInt(10) == 0 ? Json.NULL : Json.of(h * 1000 + i);
        w.set(StateRoot.VALUES, path, v);
      }
      db.commit(h, w.snapshot());
      for (int i = 0; i < 400; i += 13) {
        String path = "/a" + (i % 5) + "/b" + (i % 37) + "/c" + i;
        expected.put(path, db.finalized().getValue(path));
      }
    }
    NodeStore store = NodeStore.open(kv, 1_000, retained, false).store();
    audit(kv, store);
    // Every retained version still reads in full, and the latest as it did before the reopen.
    for (long h : store.liveHeights()) {
      assertNotNull(db.committedAt(h).orElseThrow().getValue("/"));
    }
    StateDb reopened = StateDb.open(kv.reopen(), config);
    for (Map.Entry<String, Json> e : expected.entrySet()) {
      assertEquals(e.getValue(), reopened.finalized().getValue(e.getKey()), e.getKey());
    }
    return store;
  }

  /** The node records are exactly the nodes reachable from the live roots. */
  static void audit(InMemoryKeyValueStore kv, NodeStore store) {
    TreeSet<Long> reachable = new TreeSet<>();
    for (long h : store.liveHeights()) {
      StateNode root = store.loadRoot(h);
      if (root.isLeaf()) {
        continue;
      }
      ArrayDeque<RadixNode> todo = new ArrayDeque<>();
      todo.push(root.radix());
      while (!todo.isEmpty()) {
        RadixNode r = todo.pop();
        if (!reachable.add(r.id())) {
          continue;
        }
        RadixNode.Body b = r.body();
        if (b.state() != null && !b.state().isLeaf()) {
          todo.push(b.state().radix());
        }
        for (int i = 0; i < b.kidCount(); i++) {
          todo.push(b.kid(i));
        }
      }
    }
    TreeSet<Long> records = new TreeSet<>();
    kv.forEach(Column.NODES, (k, v) -> records.add(ByteBuffer.wrap(k).getLong()));
    assertEquals(reachable, records);
    // Every id in the stale index is a stored node held by a live height.
    TreeSet<Long> live = new TreeSet<>(store.liveHeights());
    kv.forEach(Column.STALE, (k, v) -> {
      long holder = ByteBuffer.wrap(k).getLong();
      assertTrue(live.contains(holder), "stale ids held by released height " + holder);
      for (long id : NodeStore.unpackIds(v)) {
        assertTrue(records.contains(id), "stale id " + id + " has no record");
      }
    });
    assertEquals(store.oldestHeight(), store.liveHeights().get(0));
  }

  /** An in-memory store whose next write can be made to fail (a full disk, say). */
  private static final class FailingStore implements KeyValueStore {
    final InMemoryKeyValueStore inner = new InMemoryKeyValueStore();
    boolean failNextWrite;

    @Override
    public byte[] get(Column column, byte[] key) {
      return inner.get(column, key);
    }

    @Override
    public Batch newBatch() {
      return inner.newBatch();
    }

    @Override
    public void write(Batch batch, boolean sync) {
      if (failNextWrite) {
        failNextWrite = false;
        throw new StateDbException(StateDbException.Reason.STORAGE_FAILURE, "disk full");
      }
      inner.write(batch, sync);
    }

    @Override
    public void forEach(Column column, BiConsumer<byte[], byte[]> visitor) {
      inner.forEach(column, visitor);
    }

    @Override
    public void forEachWithPrefix(Column column, byte[] prefix,
        BiConsumer<byte[], byte[]> visitor) {
      inner.forEachWithPrefix(column, prefix, visitor);
    }

    @Override
    public boolean isEmpty(Column column) {
      return inner.isEmpty(column);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
