package io.ainj.statedb;

import io.ainj.statedb.store.InMemoryKeyValueStore;
import io.ainj.statedb.store.KeyValueStore;
import io.ainj.statedb.store.NodeStore;
import io.ainj.statedb.tree.StateNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state database: opens a {@link KeyValueStore} at its last committed version, hands out
 * immutable versions, and commits a block's state atomically.
 *
 * <pre>{@code
 * StateDb db = StateDb.open(RocksDbKeyValueStore.open(dir), StateDbConfig.defaults());
 * MutableState work = db.finalized().edit("NODE:5", db.config());
 * work.set(StateRoot.VALUES, "/apps/chat/AIN", Json.of("hi"));
 * StateVersion committed = db.commit(5, work.snapshot());   // one atomic write batch
 * String root = committed.rootProofHash();
 * }</pre>
 *
 * <p>Named versions (AIN's {@code POOL:...}, {@code NODE:n}, ...) are an in-memory registry of
 * snapshots; dropping one makes whatever only it held garbage. Committed versions live on disk,
 * the newest {@link StateDbConfig#retainedCommits()} of them; older ones are freed at commit.
 */
public final class StateDb implements AutoCloseable {
  /** The version name of the finalized state, as AIN names it. */
  public static final String FINAL_VERSION = "FINAL";

  private final KeyValueStore kv;
  private final StateDbConfig config;
  private final NodeStore store;
  private final Map<String, StateVersion> versions = new ConcurrentHashMap<>();
  private volatile StateVersion finalized;
  private volatile long finalizedHeight;

  private StateDb(KeyValueStore kv, StateDbConfig config, NodeStore.Opened opened) {
    this.kv = kv;
    this.config = config;
    this.store = opened.store();
    this.finalizedHeight = opened.height();
    this.finalized = new StateVersion(FINAL_VERSION, opened.root());
  }

  /**
   * Opens a state db over {@code kv}: a fresh store starts empty; an existing one reopens at its
   * last committed version.
   *
   * @throws StateDbException CORRUPTED_STORE if the store is damaged (never repaired silently)
   */
  public static StateDb open(KeyValueStore kv, StateDbConfig config) {
    NodeStore.Opened opened = NodeStore.open(kv, config.cacheMaxNodes(),
        config.retainedCommits(), config.syncWrites());
    return new StateDb(kv, config, opened);
  }

  /** A state db over a fresh in-memory store (tests, tools). */
  public static StateDb inMemory() {
    return open(new InMemoryKeyValueStore(), StateDbConfig.defaults());
  }

  public StateDbConfig config() {
    return config;
  }

  /** The last committed (finalized) state; empty before the first commit. */
  public StateVersion finalized() {
    return finalized;
  }

  /** Height of the last commit, -1 before the first. */
  public long finalizedHeight() {
    return finalizedHeight;
  }

  /**
   * Keeps the committed state of every {@code interval}-th height while it is one of the two
   * newest such checkpoints, beyond the retention window, so that it can be served as a snapshot
   * (0, the default, keeps none).
   */
  public void keepCheckpointsEvery(long interval) {
    store.keepCheckpointsEvery(interval);
  }

  /**
   * The committed state at {@code height}, if its root is still on disk (the retained window and
   * kept checkpoints). Its nodes load from the store on demand.
   */
  public Optional<StateVersion> committedAt(long height) {
    if (height == finalizedHeight) {
      return Optional.of(finalized);
    }
    if (!store.liveHeights().contains(height)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new StateVersion("COMMITTED:" + height, store.loadRoot(height)));
    } catch (StateDbException e) {
      return Optional.empty(); // released since the check
    }
  }

  /** Heights whose committed state is on disk, ascending. */
  public java.util.List<Long> committedHeights() {
    return store.liveHeights();
  }

  /** A working copy on top of the finalized state. */
  public MutableState edit(String versionName) {
    return finalized.edit(versionName, config);
  }

  /**
   * Persists {@code version} as the state at {@code height} in one atomic write batch and makes it
   * the finalized state. Returns the committed version, backed by the store (the in-memory nodes
   * of the block may then be collected).
   *
   * @throws StateDbException INVALID_VERSION when {@code height} is not above the last commit
   */
  public synchronized StateVersion commit(long height, StateVersion version) {
    return commit(height, version, batch -> { });
  }

  /**
   * As {@link #commit(long, StateVersion)}, with {@code alsoWrite} adding the caller's records
   * (the block, its receipts and indexes, in {@link io.ainj.statedb.store.Column#CHAIN}) to the
   * same atomic write batch: after a crash either all of them and the state are there, or none.
   */
  public synchronized StateVersion commit(long height, StateVersion version,
      java.util.function.Consumer<KeyValueStore.Batch> alsoWrite) {
    StateNode root = version.rootNode();
    StateNode persisted = store.commit(height, root, alsoWrite);
    StateVersion v = new StateVersion(FINAL_VERSION, persisted);
    finalized = v;
    finalizedHeight = height;
    return v;
  }

  /** Registers a named snapshot (e.g. the pending pool version). */
  public void putVersion(String name, StateVersion version) {
    versions.put(name, version);
  }

  public Optional<StateVersion> version(String name) {
    if (FINAL_VERSION.equals(name)) {
      return Optional.of(finalized);
    }
    return Optional.ofNullable(versions.get(name));
  }

  /** Forgets a named snapshot; nodes only it held become garbage. */
  public boolean dropVersion(String name) {
    return versions.remove(name) != null;
  }

  public Set<String> versionNames() {
    return new TreeSet<>(versions.keySet());
  }

  /** Storage statistics for metrics. */
  public record Stats(int cachedNodes, long cacheLoads, long cacheEvictions, long oldestHeight) {}

  public Stats stats() {
    return new Stats(store.cachedNodes(), store.cacheLoads(), store.cacheEvictions(),
        store.oldestHeight());
  }

  /** The underlying store, for the ledger's records in {@link io.ainj.statedb.store.Column#CHAIN}. */
  public KeyValueStore store() {
    return kv;
  }

  @Override
  public void close() {
    versions.clear();
    kv.close();
  }
}
