package io.ainj.ledger.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * What the node knows of each transaction it admitted (protocol spec §3.7), for
 * {@code ain_getTransactionByHash}: state, block position, times and execution result.
 * Records are dropped {@code timeoutMs} after they were tracked, measured on finalized block
 * time; finalized transactions stay reachable through the chain store's index. Thread-safe.
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

  private final long timeoutMs;
  private final Map<String, Record> byHash = new HashMap<>();
  private final Deque<String> byAge = new ArrayDeque<>();

  public TxTracker(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  public synchronized Record get(String hash) {
    return byHash.get(hash);
  }

  public synchronized boolean contains(String hash) {
    return byHash.containsKey(hash);
  }

  /** Tracks a newly pooled transaction. */
  public synchronized void pooled(String hash, String address, double timestamp, boolean executed,
      JsonNode execResult, int indexInSender, long now) {
    if (!byHash.containsKey(hash)) {
      byAge.addLast(hash);
    }
    byHash.put(hash, new Record(hash, executed ? State.EXECUTED : State.PENDING, -1, indexInSender,
        address, timestamp, executed, false, now, executed ? now : -1, -1, execResult));
  }

  /** Merges finalization into the record (the earlier execution result is kept if there was one). */
  public synchronized void finalized(String hash, String address, double timestamp, long number,
      int index, JsonNode execResult, boolean failed, long now) {
    Record old = byHash.get(hash);
    if (old == null) {
      byAge.addLast(hash);
    }
    byHash.put(hash, new Record(hash, failed ? State.REVERTED : State.FINALIZED, number, index,
        address, timestamp, true, true, old == null ? now : old.trackedAt(),
        old == null || old.executedAt() < 0 ? now : old.executedAt(), now,
        old != null && old.execResult() != null ? old.execResult() : execResult));
  }

  /** A pooled transaction left the pool without a block: dropped as invalid or expired. */
  public synchronized void dropped(String hash, State endState) {
    Record old = byHash.get(hash);
    if (old != null && !old.state().isFinal()) {
      byHash.put(hash, new Record(hash, endState, old.number(), old.index(), old.address(),
          old.timestamp(), old.isExecuted(), false, old.trackedAt(), old.executedAt(), -1,
          old.execResult()));
    }
  }

  /** Forgets records tracked more than the timeout before {@code finalizedBlockTime}. */
  public synchronized int evict(long finalizedBlockTime) {
    int n = 0;
    while (!byAge.isEmpty()) {
      Record r = byHash.get(byAge.peekFirst());
      if (r != null && r.trackedAt() + timeoutMs > finalizedBlockTime) {
        break;
      }
      byAge.pollFirst();
      if (r != null) {
        byHash.remove(r.hash());
        n++;
      }
    }
    return n;
  }

  public synchronized int size() {
    return byHash.size();
  }
}
