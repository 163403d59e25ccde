package io.ainj.ledger.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.statedb.json.JsonCodec;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * What the node knows of each transaction it admitted (protocol spec §3.7), for
 * {@code ain_getTransactionByHash}: state, block position, times and execution result.
 * Records are dropped {@code timeoutMs} after they were tracked, measured on finalized block
 * time, or earlier when more than a bound are kept; finalized transactions stay reachable
 * through the chain store's index. Thread-safe.
 */
public final class TxTracker {

  /** AIN's transaction states. */
  public enum State {
    PENDING, EXECUTED, IN_BLOCK, FINALIZED, REVERTED, FAILED, TIMED_OUT;

    public boolean isFinal() {
      return this == FINALIZED || this == REVERTED || this == FAILED || this == TIMED_OUT;
    }
  }

  /** One tracked transaction; {@code number} and {@code index} are -1 until known. */
  public record Record(
      String hash, State state, long number, int index, String address, double timestamp,
      boolean isExecuted, boolean isFinalized, long trackedAt, long executedAt, long finalizedAt,
      JsonNode execResult) {

    /** The tracker fields of the RPC payload, in AIN's order. */
    public ObjectNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("state", state.name());
      o.put("number", number);
      o.put("index", index);
      o.put("address", address);
      o.put("timestamp", timestamp);
      o.put("is_executed", isExecuted);
      o.put("is_finalized", isFinalized);
      o.put("tracked_at", trackedAt);
      o.put("executed_at", executedAt);
      o.put("finalized_at", finalizedAt);
      if (execResult != null) {
        o.set("exec_result", execResult);
      }
      return o;
    }
  }

  /** Records kept by default; see {@link #TxTracker(long, int)}. */
  public static final int DEFAULT_MAX_RECORDS = 100_000;

  /**
   * What is kept per transaction: the record without its hash (the map's key) and with its
   * execution result as JSON bytes. A Jackson tree of a result costs several kilobytes of heap;
   * its bytes a few hundred.
   */
  private record Entry(State state, long number, int index, String address, double timestamp,
      boolean isExecuted, boolean isFinalized, long trackedAt, long executedAt, long finalizedAt,
      byte[] execResult) {

    Record toRecord(String hash) {
      return new Record(hash, state, number, index, address, timestamp, isExecuted, isFinalized,
          trackedAt, executedAt, finalizedAt, execResult == null ? null : parse(execResult));
    }
  }

  private final long timeoutMs;
  private final int maxRecords;
  /** In the order transactions were first tracked, which is the order they time out in. */
  private final LinkedHashMap<String, Entry> byHash = new LinkedHashMap<>();

  /** A tracker with AIN's timeout and {@link #DEFAULT_MAX_RECORDS}. */
  public TxTracker(long timeoutMs) {
    this(timeoutMs, DEFAULT_MAX_RECORDS);
  }

  /**
   * @param timeoutMs AIN's {@code TX_TRACKER_TIMEOUT_MS}: how long a record is kept
   * @param maxRecords how many records are kept at most. AIN keeps every record for the whole
   *     timeout, in memory; at thousands of transactions a second a day of them does not fit in a
   *     heap. Past this many, the oldest records in an end state go first (pooled ones stay);
   *     {@code ain_getTransactionByHash} then rebuilds a finalized one from the chain.
   */
  public TxTracker(long timeoutMs, int maxRecords) {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("the tracker must keep at least one record");
    }
    this.timeoutMs = timeoutMs;
    this.maxRecords = maxRecords;
  }

  public synchronized Record get(String hash) {
    Entry e = byHash.get(hash);
    return e == null ? null : e.toRecord(hash);
  }

  public synchronized boolean contains(String hash) {
    return byHash.containsKey(hash);
  }

  /** Tracks a newly pooled transaction. */
  public void pooled(String hash, String address, double timestamp, boolean executed,
      JsonNode execResult, int indexInSender, long now) {
    // Encoded before taking the lock, which RPC reads and gossip checks also take.
    Entry entry = new Entry(executed ? State.EXECUTED : State.PENDING, -1, indexInSender,
        address, timestamp, executed, false, now, executed ? now : -1, -1, bytes(execResult));
    synchronized (this) {
      byHash.put(hash, entry);
      trim();
    }
  }

  /** Merges finalization into the record (the earlier execution result is kept if there was one). */
  public synchronized void finalized(String hash, String address, double timestamp, long number,
      int index, JsonNode execResult, boolean failed, long now) {
    Entry old = byHash.get(hash);
    byHash.put(hash, new Entry(failed ? State.REVERTED : State.FINALIZED, number, index,
        address, timestamp, true, true, old == null ? now : old.trackedAt(),
        old == null || old.executedAt() < 0 ? now : old.executedAt(), now,
        old != null && old.execResult() != null ? old.execResult() : bytes(execResult)));
    trim();
  }

  /** A pooled transaction left the pool without a block: dropped as invalid or expired. */
  public synchronized void dropped(String hash, State endState) {
    Entry old = byHash.get(hash);
    if (old != null && !old.state().isFinal()) {
      byHash.put(hash, new Entry(endState, old.number(), old.index(), old.address(),
          old.timestamp(), old.isExecuted(), false, old.trackedAt(), old.executedAt(), -1,
          old.execResult()));
    }
  }

  /** Forgets records tracked more than the timeout before {@code finalizedBlockTime}. */
  public synchronized int evict(long finalizedBlockTime) {
    int n = 0;
    for (Iterator<Entry> it = byHash.values().iterator(); it.hasNext(); ) {
      if (it.next().trackedAt() + timeoutMs > finalizedBlockTime) {
        break;
      }
      it.remove();
      n++;
    }
    return n;
  }

  public synchronized int size() {
    return byHash.size();
  }

  /**
   * Past the bound, drops the oldest records in an end state down to it. It waits for a
   * sixteenth more than the bound so that the walk past pooled records at the head is paid
   * once per many insertions, not on each.
   */
  private void trim() {
    if (byHash.size() <= maxRecords + maxRecords / 16) {
      return;
    }
    for (Iterator<Entry> it = byHash.values().iterator(); it.hasNext() && byHash.size() > maxRecords; ) {
      if (it.next().state().isFinal()) {
        it.remove();
      }
    }
  }

  private static byte[] bytes(JsonNode execResult) {
    if (execResult == null) {
      return null;
    }
    try {
      return JsonCodec.mapper().writeValueAsBytes(execResult);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an execution result that is not JSON", e);
    }
  }

  private static JsonNode parse(byte[] json) {
    try {
      return JsonCodec.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("a stored execution result that is not JSON", e);
    }
  }
}
