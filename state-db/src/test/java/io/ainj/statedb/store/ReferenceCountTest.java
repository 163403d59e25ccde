package io.ainj.statedb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.tree.RadixNode;
import io.ainj.statedb.tree.StateNode;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * After many commits of random partial updates and deletes (so old versions share most of their
 * nodes with new ones), the store holds exactly the nodes reachable from the retained roots, and
 * every reference count equals the number of records and roots that point at the node.
 */
class ReferenceCountTest {
  @Test
  void storeHoldsExactlyTheReachableNodesWithExactCounts() {
    NodeStore store = commitAndCheck(0);
    assertEquals(List.of(38L, 39L, 40L), store.liveHeights());
  }

  @Test
  void keptCheckpointsOutliveTheWindowAndAreFreedLater() {
    // Every 10th height is kept while one of the two newest checkpoints: 30 and 40 at 40
    // (10 and 20 were kept earlier and have been freed since, which the counts below check).
    NodeStore store = commitAndCheck(10);
    assertEquals(List.of(30L, 37L, 38L, 39L, 40L), store.liveHeights());
  }

  private static NodeStore commitAndCheck(long keepEvery) {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    int retained = 3;
    StateDb db = StateDb.open(kv, StateDbConfig.defaults().withRetainedCommits(retained));
    db.keepCheckpointsEvery(keepEvery);
    SplittableRandom rnd = new SplittableRandom(5);
    for (int h = 1; h <= 40; h++) {
      MutableState w = db.edit("NODE:" + h);
      int writes = h == 1 ? 400 : 1 + rnd.nextInt(30);
      for (int i = 0; i < writes; i++) {
        int k = rnd.nextInt(400);
        String path = "/a" + (k % 5) + "/b" + (k % 37) + "/c" + k;
        Json v = rnd.nextInt(10) == 0 ? Json.NULL : Json.of(h * 1000 + i);
        w.set(StateRoot.VALUES, path, v);
      }
      db.commit(h, w.snapshot());
    }
    NodeStore.Opened opened = NodeStore.open(kv, 1_000, retained, false);
    NodeStore store = opened.store();
    TreeMap<Long, Long> expected = new TreeMap<>();
    Set<Long> seen = new HashSet<>();
    for (long h : store.liveHeights()) {
      StateNode root = store.loadRoot(h);
      if (root.isLeaf()) {
        continue;
      }
      expected.merge(root.radix().id(), 1L, Long::sum);
      ArrayDeque<RadixNode> todo = new ArrayDeque<>();
      todo.push(root.radix());
      while (!todo.isEmpty()) {
        RadixNode r = todo.pop();
        if (!seen.add(r.id())) {
          continue;
        }
        RadixNode.Body b = r.body();
        if (b.state() != null && !b.state().isLeaf()) {
          expected.merge(b.state().radix().id(), 1L, Long::sum);
          todo.push(b.state().radix());
        }
        for (int i = 0; i < b.kidCount(); i++) {
          expected.merge(b.kid(i).id(), 1L, Long::sum);
          todo.push(b.kid(i));
        }
      }
    }
    TreeMap<Long, Long> stored = new TreeMap<>();
    kv.forEach(Column.REFS, (k, v) -> stored.put(ByteBuffer.wrap(k).getLong(),
        KeyValueStore.decodeCounter(v)));
    Set<Long> records = new HashSet<>();
    kv.forEach(Column.NODES, (k, v) -> records.add(ByteBuffer.wrap(k).getLong()));
    assertEquals(expected, stored);
    assertEquals(seen, records);
    assertEquals(store.oldestHeight(), store.liveHeights().get(0));
    return store;
  }
}
