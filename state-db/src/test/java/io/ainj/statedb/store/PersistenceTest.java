package io.ainj.statedb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateDbException;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.read.ReadOptions;
import io.ainj.statedb.testing.StateDbFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  static final StateDbConfig CONFIG = StateDbConfig.defaults();

  static void fill(MutableState s, int block, int n) {
    for (int i = 0; i < n; i++) {
      s.set(StateRoot.VALUES, "/apps/app" + (i % 7) + "/users/u" + i + "/balance",
          Json.of(block * 1000 + i));
    }
  }

  @Test
  void inMemoryCommitReopensAtTheSameRoot() {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    StateDb db = StateDb.open(kv, CONFIG);
    MutableState s = StateDbFixtures.initState(db, "NODE:1");
    fill(s, 1, 200);
    StateVersion committed = db.commit(1, s.snapshot());
    assertEquals(s.rootProofHash(), committed.rootProofHash());
    String expectedJson = JsonCodec.stringify(committed.getValue("/apps"));

    StateDb reopened = StateDb.open(kv.reopen(), CONFIG);
    assertEquals(1, reopened.finalizedHeight());
    assertEquals(committed.rootProofHash(), reopened.finalized().rootProofHash());
    assertEquals(expectedJson, JsonCodec.stringify(reopened.finalized().getValue("/apps")));
    // Serials (output order) and version strings survive too.
    assertEquals(JsonCodec.stringify(committed.get(StateRoot.VALUES, "/apps/app3",
            ReadOptions.DEFAULT.withPartial(true, null)).value()),
        JsonCodec.stringify(reopened.finalized().get(StateRoot.VALUES, "/apps/app3",
            ReadOptions.DEFAULT.withPartial(true, null)).value()));
  }

  @Test
  void rocksDbCrashWithoutCommitReopensAtLastCommit(@TempDir Path dir) {
    String committedRoot;
    try (StateDb db = StateDb.open(RocksDbKeyValueStore.open(dir), CONFIG)) {
      MutableState s = StateDbFixtures.initState(db, "NODE:1");
      fill(s, 1, 300);
      committedRoot = db.commit(1, s.snapshot()).rootProofHash();
      MutableState next = db.edit("NODE:2");
      fill(next, 2, 300);
      assertNotEquals(committedRoot, next.rootProofHash());
      // Closed without committing block 2: as if the process died mid-block.
    }
    try (StateDb db = StateDb.open(RocksDbKeyValueStore.open(dir), CONFIG)) {
      assertEquals(1, db.finalizedHeight());
      assertEquals(committedRoot, db.finalized().rootProofHash());
      assertEquals("1005", JsonCodec.stringify(
          db.finalized().getValue("/apps/app5/users/u5/balance")));
      // Keep going from the reopened state.
      MutableState s = db.edit("NODE:2");
      fill(s, 2, 50);
      String root2 = db.commit(2, s.snapshot()).rootProofHash();
      assertEquals(s.rootProofHash(), root2);
    }
  }

  @Test
  void commitHeightsMustIncrease() {
    StateDb db = StateDbFixtures.inMemoryDb();
    MutableState s = StateDbFixtures.initState(db, "NODE:3");
    db.commit(3, s.snapshot());
    StateDbException e = assertThrows(StateDbException.class, () -> db.commit(3, s.snapshot()));
    assertEquals(StateDbException.Reason.INVALID_VERSION, e.reason());
  }

  @Test
  void droppingOldCommitsFreesWhatOnlyTheyHeld() {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    StateDb db = StateDb.open(kv, CONFIG.withRetainedCommits(2));
    MutableState s = StateDbFixtures.initState(db, "NODE:1");
    fill(s, 1, 100);
    db.commit(1, s.snapshot());
    int afterFirst = kv.count(Column.NODES);
    for (int h = 2; h <= 12; h++) {
      MutableState w = db.edit("NODE:" + h);
      // Rewrite the same keys: each block replaces every leaf, so old nodes become garbage.
      fill(w, h, 100);
      db.commit(h, w.snapshot());
    }
    int live = kv.count(Column.NODES);
    // Two retained versions, each no larger than the first one: without freeing it would be ~12x.
    assertTrue(live <= 2 * afterFirst, "live nodes " + live + " vs first " + afterFirst);
    // Every remaining node is reachable from a retained root, and every such node is there.
    StaleIndexTest.audit(kv, NodeStore.open(kv.reopen(), 1_000, 2, false).store());
    StateDb reopened = StateDb.open(kv.reopen(), CONFIG.withRetainedCommits(2));
    assertEquals(db.finalized().rootProofHash(), reopened.finalized().rootProofHash());
    assertEquals("12099", JsonCodec.stringify(
        reopened.finalized().getValue("/apps/app1/users/u99/balance")));
  }

  @Test
  void boundedCacheServesAStateLargerThanItself(@TempDir Path dir) {
    StateDbConfig small = CONFIG.withCacheMaxNodes(64);
    String root;
    try (StateDb db = StateDb.open(RocksDbKeyValueStore.open(dir), small)) {
      MutableState s = StateDbFixtures.initState(db, "NODE:1");
      fill(s, 1, 2000);
      root = db.commit(1, s.snapshot()).rootProofHash();
    }
    try (StateDb db = StateDb.open(RocksDbKeyValueStore.open(dir), small)) {
      StateVersion v = db.finalized();
      for (int i = 0; i < 2000; i += 7) {
        assertEquals(Json.of(1000 + i), v.getValue("/apps/app" + (i % 7) + "/users/u" + i
            + "/balance"));
      }
      assertTrue(db.stats().cachedNodes() <= 64);
      assertTrue(db.stats().cacheEvictions() > 0);
      assertEquals(root, v.rootProofHash());
    }
  }

  @Test
  void garbledNodeRecordIsReportedAtOpen() {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    StateDb db = StateDb.open(kv, CONFIG);
    MutableState s = StateDbFixtures.initState(db, "NODE:1");
    fill(s, 1, 20);
    db.commit(1, s.snapshot());
    long rootNodeId = db.finalized().rootNode().radix().id();
    byte[] key = NodeStore.idKey(rootNodeId);
    byte[] rec = kv.get(Column.NODES, key);
    rec[rec.length / 2] ^= 0x40;
    try (KeyValueStore.Batch b = kv.newBatch()) {
      b.put(Column.NODES, key, rec);
      kv.write(b, true);
    }
    StateDbException e = assertThrows(StateDbException.class,
        () -> StateDb.open(kv.reopen(), CONFIG));
    assertEquals(StateDbException.Reason.CORRUPTED_STORE, e.reason());
  }

  @Test
  void truncatedDeepRecordIsReportedWhenRead() {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    StateDb db = StateDb.open(kv, CONFIG);
    MutableState s = StateDbFixtures.initState(db, "NODE:1");
    fill(s, 1, 20);
    db.commit(1, s.snapshot());
    // Truncate one deep record (the trie root of /apps/app3/users): open only checks the top.
    long deep = db.finalized().node(java.util.List.of("values", "apps", "app3", "users"))
        .radix().id();
    byte[] key = NodeStore.idKey(deep);
    byte[] rec = kv.get(Column.NODES, key);
    try (KeyValueStore.Batch b = kv.newBatch()) {
      b.put(Column.NODES, key, java.util.Arrays.copyOf(rec, rec.length / 2));
      kv.write(b, true);
    }
    StateDb reopened = StateDb.open(kv.reopen(), CONFIG);
    StateDbException e = assertThrows(StateDbException.class, () -> {
      for (int i = 0; i < 20; i++) {
        reopened.finalized().getValue("/apps/app" + (i % 7) + "/users/u" + i + "/balance");
      }
    });
    assertEquals(StateDbException.Reason.CORRUPTED_STORE, e.reason());
  }

  @Test
  void missingRootPointerIsReportedAtOpen(@TempDir Path dir) {
    try (StateDb db = StateDb.open(RocksDbKeyValueStore.open(dir), CONFIG)) {
      MutableState s = StateDbFixtures.initState(db, "NODE:1");
      db.commit(1, s.snapshot());
    }
    try (RocksDbKeyValueStore kv = RocksDbKeyValueStore.open(dir)) {
      try (KeyValueStore.Batch b = kv.newBatch()) {
        b.delete(Column.META, NodeStore.KEY_LATEST);
        kv.write(b, true);
      }
    }
    StateDbException e = assertThrows(StateDbException.class,
        () -> StateDb.open(RocksDbKeyValueStore.open(dir), CONFIG));
    assertEquals(StateDbException.Reason.CORRUPTED_STORE, e.reason());
    assertTrue(e.getMessage().contains("root pointer"), e.getMessage());
  }

  @Test
  void missingRootRecordIsReportedAtOpen() {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    StateDb db = StateDb.open(kv, CONFIG);
    db.commit(7, StateDbFixtures.initState(db, "NODE:7").snapshot());
    try (KeyValueStore.Batch b = kv.newBatch()) {
      b.delete(Column.META, NodeStore.rootKey(7));
      kv.write(b, true);
    }
    StateDbException e = assertThrows(StateDbException.class,
        () -> StateDb.open(kv.reopen(), CONFIG));
    assertEquals(StateDbException.Reason.CORRUPTED_STORE, e.reason());
  }

  @Test
  void garbledStoreFilesAreReportedAtOpen(@TempDir Path dir) throws Exception {
    try (StateDb db = StateDb.open(RocksDbKeyValueStore.open(dir), CONFIG)) {
      MutableState s = StateDbFixtures.initState(db, "NODE:1");
      fill(s, 1, 500);
      db.commit(1, s.snapshot());
    }
    // The committed data sits in the write-ahead log (and SST files once flushed): garble them.
    java.util.List<Path> files;
    try (var st = java.nio.file.Files.list(dir)) {
      files = st.filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".sst") || n.endsWith(".log");
      }).toList();
    }
    assertTrue(!files.isEmpty());
    for (Path p : files) {
      byte[] data = java.nio.file.Files.readAllBytes(p);
      for (int i = 0; i < data.length; i += 7) {
        data[i] ^= (byte) 0x5a;
      }
      java.nio.file.Files.write(p, data);
    }
    StateDbException e = assertThrows(StateDbException.class,
        () -> StateDb.open(RocksDbKeyValueStore.open(dir), CONFIG).close());
    // Never reopened as an empty store (RocksDB's default WAL recovery would do that silently).
    assertEquals(StateDbException.Reason.CORRUPTED_STORE, e.reason(), e.toString());
  }

  @Test
  void aStoreOfTheReferenceCountedFormatIsRefusedWithItsName(@TempDir Path dir) throws Exception {
    // Format 1 kept reference counts in a "refs" column family, which RocksDB would refuse with
    // "column families not opened"; the store names the cause instead.
    org.rocksdb.RocksDB.loadLibrary();
    try (org.rocksdb.Options o = new org.rocksdb.Options().setCreateIfMissing(true);
        org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(o, dir.toString())) {
      db.createColumnFamily(new org.rocksdb.ColumnFamilyDescriptor("refs".getBytes())).close();
    }
    StateDbException e = assertThrows(StateDbException.class,
        () -> RocksDbKeyValueStore.open(dir).close());
    assertEquals(StateDbException.Reason.CORRUPTED_STORE, e.reason());
    assertTrue(e.getMessage().contains("'refs'"), e.getMessage());
    // The same data marked as format 1 in a store that opens is refused by the format marker.
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    try (KeyValueStore.Batch b = kv.newBatch()) {
      b.put(Column.META, NodeStore.KEY_FORMAT, KeyValueStore.encodeCounter(1));
      kv.write(b, true);
    }
    StateDbException f = assertThrows(StateDbException.class, () -> StateDb.open(kv, CONFIG));
    assertTrue(f.getMessage().contains("format 1"), f.getMessage());
  }
}
