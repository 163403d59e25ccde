package io.ainj.ledger.pool;

import io.ainj.ledger.tx.Transaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The transaction pool: transactions admitted but not yet in a finalized block, grouped by
 * sender in arrival order, with AIN's size limits and rejection codes. It holds data only;
 * executing admitted transactions against the pending state is the caller's job. Thread-safe.
 */
public final class TxPool {
  public static final int TX_ALREADY_RECEIVED = 10701;
  public static final int TX_POOL_NOT_ENOUGH_ROOM = 10704;
  public static final int TX_POOL_NOT_ENOUGH_ROOM_FOR_ACCOUNT = 10705;
  public static final int TX_POOL_NOT_ENOUGH_FREE_ROOM = 10715;
  public static final int TX_POOL_NOT_ENOUGH_FREE_ROOM_FOR_ACCOUNT = 10716;

  private final TxPoolConfig config;
  // Sender order is first arrival; a TreeMap would favour addresses, not time.
  private final Map<String, LinkedHashMap<String, PooledTx>> bySender = new LinkedHashMap<>();
  // Admission order: the order the pending state ran the pool in.
  private final Map<String, PooledTx> byHash = new java.util.LinkedHashMap<>();
  private int freeCount;
  // Per-sender free counts, so admission checks stay O(1) however many a sender has pooled.
  private final Map<String, Integer> freeBySender = new HashMap<>();

  public TxPool(TxPoolConfig config) {
    this.config = config;
  }

  public TxPoolConfig config() {
    return config;
  }

  /** Why a transaction would not fit, as an AIN code, or 0 when there is room. */
  public synchronized int checkRoom(Transaction tx) {
    boolean free = tx.gasPrice() == 0;
    if (byHash.size() >= config.sizeLimit()) {
      return TX_POOL_NOT_ENOUGH_ROOM;
    }
    if (free && freeCount >= config.freeLimit()) {
      return TX_POOL_NOT_ENOUGH_FREE_ROOM;
    }
    if (byHash.containsKey(tx.hash())) {
      return TX_ALREADY_RECEIVED;
    }
    LinkedHashMap<String, PooledTx> mine = bySender.get(tx.address());
    if (mine != null) {
      if (mine.size() >= config.sizeLimitPerAccount()) {
        return TX_POOL_NOT_ENOUGH_ROOM_FOR_ACCOUNT;
      }
      if (free && freeBySender.getOrDefault(tx.address(), 0) >= config.freeLimitPerAccount()) {
        return TX_POOL_NOT_ENOUGH_FREE_ROOM_FOR_ACCOUNT;
      }
    }
    return 0;
  }

  /** Adds a transaction that passed {@link #checkRoom}; returns false if it was already there. */
  public synchronized boolean add(PooledTx p) {
    if (byHash.putIfAbsent(p.tx().hash(), p) != null) {
      return false;
    }
    bySender.computeIfAbsent(p.tx().address(), a -> new LinkedHashMap<>()).put(p.tx().hash(), p);
    if (p.isFree()) {
      freeCount++;
      freeBySender.merge(p.tx().address(), 1, Integer::sum);
    }
    return true;
  }

  /** Replaces the execution result of a pooled transaction (after re-execution). */
  public synchronized void update(PooledTx p) {
    PooledTx old = byHash.get(p.tx().hash());
    if (old == null) {
      return;
    }
    byHash.put(p.tx().hash(), p);
    // Re-putting an existing key keeps its place in arrival order.
    bySender.get(p.tx().address()).put(p.tx().hash(), p);
  }

  public synchronized boolean contains(String hash) {
    return byHash.containsKey(hash);
  }

  public synchronized PooledTx get(String hash) {
    return byHash.get(hash);
  }

  public synchronized int size() {
    return byHash.size();
  }

  public synchronized int freeSize() {
    return freeCount;
  }

  public synchronized int sizeOf(String sender) {
    LinkedHashMap<String, PooledTx> l = bySender.get(sender);
    return l == null ? 0 : l.size();
  }

  public synchronized int freeSizeOf(String sender) {
    return freeBySender.getOrDefault(sender, 0);
  }

  /** Every pooled transaction, senders in first-arrival order, each sender's in arrival order. */
  public synchronized List<PooledTx> all() {
    List<PooledTx> out = new ArrayList<>(byHash.size());
    bySender.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  /** A snapshot grouped by sender, for {@code ain_getPendingTransactions}. */
  public synchronized Map<String, List<PooledTx>> bySender() {
    Map<String, List<PooledTx>> out = new LinkedHashMap<>();
    bySender.forEach((k, v) -> out.put(k, List.copyOf(v.values())));
    return out;
  }

  /** Drops transactions (included in a finalized block, or found invalid); returns those removed. */
  public synchronized List<PooledTx> remove(Collection<String> hashes) {
    List<PooledTx> removed = new ArrayList<>();
    for (String h : hashes) {
      PooledTx p = byHash.remove(h);
      if (p == null) {
        continue;
      }
      removed.add(p);
      if (p.isFree()) {
        freeCount--;
        freeBySender.computeIfPresent(p.tx().address(), (a, n) -> n > 1 ? n - 1 : null);
      }
      LinkedHashMap<String, PooledTx> list = bySender.get(p.tx().address());
      list.remove(h);
      if (list.isEmpty()) {
        bySender.remove(p.tx().address());
      }
    }
    return removed;
  }

  /** Removes transactions received at or before {@code nowMs - timeout}; returns them. */
  public synchronized List<PooledTx> expire(long nowMs) {
    List<String> old = new ArrayList<>();
    for (PooledTx p : byHash.values()) {
      if (p.receivedAtMs() + config.timeoutMs() <= nowMs) {
        old.add(p.tx().hash());
      }
    }
    return remove(old);
  }

  /**
   * The pool in the order it was admitted: a valid execution order by construction (each
   * transaction was admitted on the pending state of those before it), and the same on every
   * validator that got the transactions through the same gossip.
   */
  public synchronized List<PooledTx> inAdmissionOrder() {
    return new ArrayList<>(byHash.values());
  }

  /**
   * The pool in block order (protocol spec §3.6): each sender's transactions with numbered
   * nonces ascending first, then the unordered and timestamp-ordered ones by timestamp; senders
   * interleaved by the head of their queue, earliest arrival first, so one busy account cannot
   * starve the others. Invalid nonces are left for the block builder to skip. Merged lazily: a
   * proposer reads only as far as its block goes, so a backlog many blocks long costs a copy of
   * the pool and a sort of each sender's queue, not a sort of all of it.
   */
  public Iterator<PooledTx> blockOrder() {
    List<List<PooledTx>> queues = new ArrayList<>();
    synchronized (this) {
      for (LinkedHashMap<String, PooledTx> list : bySender.values()) {
        queues.add(new ArrayList<>(list.values()));
      }
    }
    for (List<PooledTx> q : queues) {
      q.sort(SENDER_ORDER);
    }
    // A priority merge by each queue's head arrival time, deterministic on ties by hash.
    int[] pos = new int[queues.size()];
    PriorityQueue<Integer> heads = new PriorityQueue<>(Math.max(1, queues.size()), (a, b) -> {
      PooledTx x = queues.get(a).get(pos[a]);
      PooledTx y = queues.get(b).get(pos[b]);
      int c = Long.compare(x.receivedAtMs(), y.receivedAtMs());
      if (c == 0) {
        c = x.tx().hash().compareTo(y.tx().hash());
      }
      return c != 0 ? c : Integer.compare(a, b);
    });
    for (int i = 0; i < queues.size(); i++) {
      heads.add(i);
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heads.isEmpty();
      }

      @Override
      public PooledTx next() {
        Integer i = heads.poll();
        if (i == null) {
          throw new NoSuchElementException();
        }
        PooledTx p = queues.get(i).get(pos[i]++);
        if (pos[i] < queues.get(i).size()) {
          heads.add(i);
        }
        return p;
      }
    };
  }

  static final Comparator<PooledTx> SENDER_ORDER = (a, b) -> {
    long na = a.tx().nonce();
    long nb = b.tx().nonce();
    boolean numberedA = na >= 0;
    boolean numberedB = nb >= 0;
    if (numberedA && numberedB) {
      return Long.compare(na, nb);
    }
    if (numberedA != numberedB) {
      return numberedA ? -1 : 1;
    }
    int byTime = Double.compare(a.tx().timestamp(), b.tx().timestamp());
    return byTime != 0 ? byTime : Long.compare(a.receivedAtMs(), b.receivedAtMs());
  };
}
