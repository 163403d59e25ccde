package io.ainj.vm.exec;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.JsonCodec;
import java.util.List;

/**
 * Small JSON helpers for building AIN result objects in their documented key order; public for
 * the vm's other packages (the AINFT service), not an API.
 */
public final class J {
  private J() {}

  /** An object from alternating keys and values; Java-null values are skipped. */
  public static JObject obj(Object... kv) {
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

  static String path(List<String> labels) {
    if (labels.isEmpty()) {
      return "/";
    }
    return "/" + String.join("/", labels);
  }

  static String str(Json j) {
    return JsonCodec.stringify(j == null ? Json.NULL : j);
  }

  public static Json get(Json j, String key) {
    return j instanceof JObject o ? o.get(key) : null;
  }

  static String string(Json j) {
    return j instanceof Json.JString s ? s.value() : null;
  }

  static boolean isDict(Json j) {
    return j instanceof JObject;
  }
}
