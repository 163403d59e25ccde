package io.ainj.ledger.chain;

import io.ainj.ledger.block.Block;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The blocks clients asked for or the node committed last, least recently used first, bounded
 * by how many transactions they hold as well as by how many blocks. A block keeps its
 * transactions and receipts as JSON trees (about 4 KB of heap per transaction); under load every
 * block holds a thousand of them, and a bound by count alone (256 blocks) kept a quarter of a
 * million transactions alive, about 1 GB, which made every young collection copy them.
 */
final class RecentBlocks {
  private final int maxBlocks;
  private final int maxTxs;
  private final LinkedHashMap<Long, Block> blocks = new LinkedHashMap<>(16, 0.75f, true);
  private long txs;

  RecentBlocks(int maxBlocks, int maxTxs) {
    if (maxBlocks < 1 || maxTxs < 0) {
      throw new IllegalArgumentException("maxBlocks must be positive and maxTxs not negative");
    }
    this.maxBlocks = maxBlocks;
    this.maxTxs = maxTxs;
  }

  synchronized Block get(long number) {
    return blocks.get(number);
  }

  /** Adds {@code block}; the least recently used go while either bound is exceeded, never the newest. */
  synchronized void put(Block block) {
    Block old = blocks.put(block.number(), block);
    if (old != null) {
      txs -= old.transactions().size();
    }
    txs += block.transactions().size();
    Iterator<Map.Entry<Long, Block>> it = blocks.entrySet().iterator();
    while (blocks.size() > 1 && (blocks.size() > maxBlocks || txs > maxTxs)) {
      Block eldest = it.next().getValue();
      it.remove();
      txs -= eldest.transactions().size();
    }
  }

  synchronized int size() {
    return blocks.size();
  }

  synchronized long transactions() {
    return txs;
  }
}
