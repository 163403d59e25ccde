package io.ainj.vm.ainft;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;

/** JSON helpers for the service's records and results, in the key order given. */
final class J {
  private J() {}

  /** An object from alternating keys and values; Java-null values are skipped. */
  static JObject obj(Object... kv) {
    JObject.Builder b = JObject.builder();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      if (v != null) {
        b.put((String) kv[i], v instanceof Json j ? j : v instanceof String s ? Json.of(s)
            : v instanceof Boolean x ? Json.of(x) : Json.of(((Number) v).doubleValue()));
      }
    }
    return b.build();
  }

  static Json get(Json j, String key) {
    return j instanceof JObject o ? o.get(key) : null;
  }
}
