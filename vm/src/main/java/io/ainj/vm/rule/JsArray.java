package io.ainj.vm.rule;

import java.util.List;

/** A read-only JavaScript array of rule values (e.g. {@code util.keys(x)}, {@code parsedValuePath}). */
public record JsArray(List<Object> items) {
  public JsArray {
    items = List.copyOf(items);
  }

  public int length() {
    return items.size();
  }
}
