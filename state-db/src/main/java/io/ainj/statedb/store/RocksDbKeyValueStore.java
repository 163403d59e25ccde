package io.ainj.statedb.store;

import io.ainj.statedb.StateDbException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * RocksDB behind {@link KeyValueStore}: one column family per {@link Column}, paranoid checks on
 * so a damaged file is reported at open instead of read as data.
 */
public final class RocksDbKeyValueStore implements KeyValueStore {
  static {
    RocksDB.loadLibrary();
  }

  private final RocksDB db;
  private final DBOptions dbOptions;
  private final List<ColumnFamilyOptions> cfOptions = new ArrayList<>();
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final Map<Column, ColumnFamilyHandle> byColumn = new EnumMap<>(Column.class);
  private final WriteOptions syncWrite = new WriteOptions().setSync(true);
  private final WriteOptions asyncWrite = new WriteOptions().setSync(false);
  private final ReadOptions verifyingRead = new ReadOptions().setVerifyChecksums(true);
  private final LRUCache blockCache;
  // Every admitted transaction asks whether its hash is already in a block, and nearly always
  // it is not. Without a filter such a miss searches a data block of every level-0 file and of
  // each level (8 % of a replica's gossip ingest); with one it is mostly answered from memory,
  // at about 1.2 bytes per key.
  private final org.rocksdb.BloomFilter bloom = new org.rocksdb.BloomFilter(10, false);

  /**
   * Write-ahead log kept before RocksDB flushes the column families holding the oldest log. Every
   * commit writes a few bytes to {@link Column#META}, whose memtable then never fills, so without a
   * bound no log could be deleted until RocksDB's default (four times all write buffers, ~3.5 GiB
   * here) was reached: a validator kept gigabytes of log on disk and replayed them all at restart.
   */
  static final long DEFAULT_MAX_TOTAL_WAL_BYTES = 128L << 20;

  static final long MAX_INFO_LOG_BYTES = 16L << 20;
  static final long INFO_LOGS_KEPT = 4;

  private RocksDbKeyValueStore(Path dir, long blockCacheBytes, long maxTotalWalBytes) {
    blockCache = new LRUCache(blockCacheBytes);
    dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setParanoidChecks(true)
        .setMaxTotalWalSize(maxTotalWalBytes)
        // RocksDB's own info log (LOG) grows without limit by default (stats every 10 minutes,
        // every flush and compaction): roll it and keep a few, so a long-running node's data
        // directory does not grow by it.
        .setMaxLogFileSize(MAX_INFO_LOG_BYTES)
        .setKeepLogFileNum(INFO_LOGS_KEPT)
        // The default (point-in-time) recovery silently drops everything after a damaged WAL
        // record, which can reopen a store as empty. Commits are synced, so only a torn last
        // record is a legitimate crash artefact; anything else is reported as corruption.
        .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    ColumnFamilyOptions defaultOpts = new ColumnFamilyOptions();
    cfOptions.add(defaultOpts);
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaultOpts));
    for (Column c : Column.values()) {
      ColumnFamilyOptions o = new ColumnFamilyOptions()
          .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(blockCache).setFilterPolicy(bloom));
      cfOptions.add(o);
      descriptors.add(new ColumnFamilyDescriptor(
          c.cfName().getBytes(java.nio.charset.StandardCharsets.US_ASCII), o));
    }
    try {
      Files.createDirectories(dir);
      refuseUnknownColumnFamilies(dir);
      db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      closeOptions();
      String status = e.getStatus() == null ? "" : String.valueOf(e.getStatus().getCode());
      if (status.contains("Corruption") || String.valueOf(e.getMessage()).contains("orruption")) {
        throw new StateDbException(StateDbException.Reason.CORRUPTED_STORE,
            "state store at " + dir + " is corrupted: " + e.getMessage(), e);
      }
      throw new StateDbException(StateDbException.Reason.STORAGE_FAILURE,
          "cannot open state store at " + dir + ": " + e.getMessage(), e);
    } catch (StateDbException e) {
      closeOptions();
      throw e;
    } catch (java.io.IOException e) {
      closeOptions();
      throw new StateDbException(StateDbException.Reason.STORAGE_FAILURE,
          "cannot create " + dir + ": " + e.getMessage(), e);
    }
    Column[] cols = Column.values();
    for (int i = 0; i < cols.length; i++) {
      byColumn.put(cols[i], handles.get(i + 1));
    }
  }

  /**
   * A store written by another layout (an earlier format's {@code refs}, say) would fail to open
   * with RocksDB's "column families not opened"; name the cause instead.
   */
  private void refuseUnknownColumnFamilies(Path dir) throws RocksDBException {
    if (!Files.exists(dir.resolve("CURRENT"))) {
      return;
    }
    java.util.Set<String> known = new java.util.HashSet<>();
    known.add(new String(RocksDB.DEFAULT_COLUMN_FAMILY, java.nio.charset.StandardCharsets.UTF_8));
    for (Column c : Column.values()) {
      known.add(c.cfName());
    }
    try (org.rocksdb.Options o = new org.rocksdb.Options()) {
      for (byte[] name : RocksDB.listColumnFamilies(o, dir.toString())) {
        String n = new String(name, java.nio.charset.StandardCharsets.UTF_8);
        if (!known.contains(n)) {
          throw new StateDbException(StateDbException.Reason.CORRUPTED_STORE,
              "state store at " + dir + " has a column family '" + n + "' this version does not"
              + " know (written by another ainj build?); start on an empty home and sync");
        }
      }
    }
  }

  /** Opens (creating if missing) the store in {@code dir} with a 64 MiB block cache. */
  public static RocksDbKeyValueStore open(Path dir) {
    return open(dir, 64L << 20);
  }

  public static RocksDbKeyValueStore open(Path dir, long blockCacheBytes) {
    return new RocksDbKeyValueStore(dir, blockCacheBytes, DEFAULT_MAX_TOTAL_WAL_BYTES);
  }

  /** With another bound on the write-ahead log (tests use a small one). */
  static RocksDbKeyValueStore open(Path dir, long blockCacheBytes, long maxTotalWalBytes) {
    return new RocksDbKeyValueStore(dir, blockCacheBytes, maxTotalWalBytes);
  }

  private static StateDbException failure(String what, RocksDBException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("orruption")) {
      return new StateDbException(StateDbException.Reason.CORRUPTED_STORE,
          "state store corrupted during " + what + ": " + msg, e);
    }
    return new StateDbException(StateDbException.Reason.STORAGE_FAILURE, what + " failed: " + msg, e);
  }

  @Override
  public byte[] get(Column column, byte[] key) {
    try {
      return db.get(byColumn.get(column), verifyingRead, key);
    } catch (RocksDBException e) {
      throw failure("get", e);
    }
  }

  private final class RocksBatch implements Batch {
    final WriteBatch wb = new WriteBatch();

    @Override
    public void put(Column column, byte[] key, byte[] value) {
      try {
        wb.put(byColumn.get(column), key, value);
      } catch (RocksDBException e) {
        throw failure("batch put", e);
      }
    }

    @Override
    public void delete(Column column, byte[] key) {
      try {
        wb.delete(byColumn.get(column), key);
      } catch (RocksDBException e) {
        throw failure("batch delete", e);
      }
    }

    @Override
    public void close() {
      wb.close();
    }
  }

  @Override
  public Batch newBatch() {
    return new RocksBatch();
  }

  @Override
  public void write(Batch batch, boolean sync) {
    try {
      db.write(sync ? syncWrite : asyncWrite, ((RocksBatch) batch).wb);
    } catch (RocksDBException e) {
      throw failure("write", e);
    }
  }

  @Override
  public void forEach(Column column, BiConsumer<byte[], byte[]> visitor) {
    try (RocksIterator it = db.newIterator(byColumn.get(column), verifyingRead)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        visitor.accept(it.key(), it.value());
      }
      it.status();
    } catch (RocksDBException e) {
      throw failure("scan", e);
    }
  }

  @Override
  public void forEachWithPrefix(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
    try (RocksIterator it = db.newIterator(byColumn.get(column), verifyingRead)) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (!InMemoryKeyValueStore.startsWith(k, prefix)) {
          break;
        }
        visitor.accept(k, it.value());
      }
      it.status();
    } catch (RocksDBException e) {
      throw failure("scan", e);
    }
  }

  @Override
  public boolean isEmpty(Column column) {
    try (RocksIterator it = db.newIterator(byColumn.get(column), verifyingRead)) {
      it.seekToFirst();
      boolean empty = !it.isValid();
      it.status();
      return empty;
    } catch (RocksDBException e) {
      throw failure("scan", e);
    }
  }

  @Override
  public synchronized void close() {
    for (ColumnFamilyHandle h : handles) {
      h.close();
    }
    handles.clear();
    db.close();
    closeOptions();
  }

  private void closeOptions() {
    syncWrite.close();
    asyncWrite.close();
    verifyingRead.close();
    for (ColumnFamilyOptions o : cfOptions) {
      o.close();
    }
    dbOptions.close();
    blockCache.close();
    bloom.close();
  }
}
