package io.ainj.statedb;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.tree.StateNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The writes one stretch of work made on a {@link MutableState}, in order: replaying them on
 * another state puts the same values at the same paths without doing the work again (a pooled
 * transaction's effects, carried to a state that differs only where it did not look).
 */
public final class WriteLog {
  /**
   * One write: the subtree put at {@code fullPath} (null deletes), built from {@code value};
   * {@code subtree} is null when the value was rewritten and the tree is built at replay.
   */
  record Entry(List<String> fullPath, Json value, StateNode subtree) {}

  private final List<Entry> entries;

  WriteLog(List<Entry> entries) {
    this.entries = Collections.unmodifiableList(entries);
  }

  List<Entry> entries() {
    return entries;
  }

  /** How many writes. */
  public int size() {
    return entries.size();
  }

  /**
   * The same writes with each value written at exactly {@code fullPath} replaced by
   * {@code rewrite} of it; this log when there is none.
   */
  public WriteLog rewriting(List<String> fullPath, UnaryOperator<Json> rewrite) {
    List<Entry> out = null;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.fullPath().equals(fullPath)) {
        if (out == null) {
          out = new ArrayList<>(entries);
        }
        out.set(i, new Entry(e.fullPath(), rewrite.apply(e.value()), null));
      }
    }
    return out == null ? this : new WriteLog(out);
  }
}
