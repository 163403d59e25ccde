package io.ainj.vm.rule;

import java.util.List;

/**
 * A JavaScript object as a rule sees it: string keys in JavaScript property order, values that
 * are rule values (see {@link Js}). Rules cannot assign, so every object is read-only.
 */
public interface JsObject {
  /** The own property {@code key}, or Java null when absent. */
  Object get(String key);

  /** Own enumerable keys in JavaScript order. */
  List<String> keys();

  default boolean has(String key) {
    return get(key) != null;
  }
}
