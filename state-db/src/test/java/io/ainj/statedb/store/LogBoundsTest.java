package io.ainj.statedb.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-running node's logs stay bounded. Commits write a trickle to one column (META) and a
 * stream to others; the write-ahead log must still be recycled once it passes its bound, and the
 * data must survive the flushes that recycle it. RocksDB's info log rolls.
 */
class LogBoundsTest {
  private static final long WAL_BOUND = 2L << 20;

  @Test
  void theWriteAheadLogStaysNearItsBoundUnderACommitLikeLoad(@TempDir Path dir) throws Exception {
    Random rnd = new Random(7);
    int commits = 400;
    int valueBytes = 64 * 1024; // 25 MiB in all: far below one memtable, far above the bound
    byte[] lastValue = null;
    try (RocksDbKeyValueStore kv = RocksDbKeyValueStore.open(dir, 8L << 20, WAL_BOUND)) {
      for (int i = 0; i < commits; i++) {
        try (KeyValueStore.Batch b = kv.newBatch()) {
          lastValue = new byte[valueBytes];
          rnd.nextBytes(lastValue);
          b.put(Column.NODES, KeyValueStore.encodeCounter(i), lastValue);
          b.put(Column.META, "root".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
              KeyValueStore.encodeCounter(i));
          kv.write(b, false);
        }
      }
      // Flushes (and the deletion of the logs they free) run in the background, and RocksDB only
      // looks at the bound when a write arrives: while one flush runs it lets writes pile up new
      // logs, and it schedules the next flush on a later write. A node keeps committing, so the
      // test does too (a small commit, as an empty block would be) while it waits.
      long wal = walBytes(dir);
      for (int wait = 0; wait < 300 && wal > 4 * WAL_BOUND; wait++) {
        Thread.sleep(100);
        try (KeyValueStore.Batch b = kv.newBatch()) {
          b.put(Column.META, "tick".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
              KeyValueStore.encodeCounter(wait));
          kv.write(b, false);
        }
        wal = walBytes(dir);
      }
      // Without the bound every log is kept (the 25 MiB written); with it, about the bound plus
      // the log being written when the flush started.
      assertTrue(wal <= 4 * WAL_BOUND, "write-ahead log on disk: " + wal + " bytes");
    }
    try (RocksDbKeyValueStore kv = RocksDbKeyValueStore.open(dir)) {
      assertArrayEquals(lastValue, kv.get(Column.NODES, KeyValueStore.encodeCounter(commits - 1)));
      assertArrayEquals(KeyValueStore.encodeCounter(commits - 1),
          kv.get(Column.META, "root".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
  }

  @Test
  void theStoreIsOpenedWithBoundedLogs(@TempDir Path dir) throws IOException {
    try (RocksDbKeyValueStore kv = RocksDbKeyValueStore.open(dir)) {
      // RocksDB writes the options it runs with to OPTIONS-<n>; read them back from there.
      String options;
      try (Stream<Path> files = Files.list(dir)) {
        Path newest = files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-"))
            .max(java.util.Comparator.comparing(Path::toString)).orElseThrow();
        options = Files.readString(newest);
      }
      assertTrue(options.contains("max_total_wal_size=" + RocksDbKeyValueStore.DEFAULT_MAX_TOTAL_WAL_BYTES), options);
      assertTrue(options.contains("max_log_file_size=" + RocksDbKeyValueStore.MAX_INFO_LOG_BYTES), options);
      assertTrue(options.contains("keep_log_file_num=" + RocksDbKeyValueStore.INFO_LOGS_KEPT), options);
    }
  }

  private static long walBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log")).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }
}
