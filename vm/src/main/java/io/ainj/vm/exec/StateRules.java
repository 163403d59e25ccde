package io.ainj.vm.exec;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.path.StateValidation;

/** AIN {@code evalStateRuleConfig}: size limits of a written value (spec 3.5). */
final class StateRules {
  private StateRules() {}

  /** The object-sizeof measure: 2 bytes per UTF-16 unit, 8 per number, 4 per boolean. */
  static long sizeOf(Json v) {
    if (v instanceof Json.JString s) {
      return 2L * s.value().length();
    } else if (v instanceof JNumber) {
      return 8;
    } else if (v instanceof Json.JBool) {
      return 4;
    } else if (v instanceof JObject o) {
      long n = 0;
      for (int i = 0; i < o.size(); i++) {
        n += 2L * o.key(i).length() + sizeOf(o.value(i));
      }
      return n;
    }
    return 0;
  }

  private static boolean over(Json limit, double actual) {
    return limit instanceof JNumber n && actual > n.value();
  }

  static boolean evaluate(Json stateRule, Json newValue) {
    if (!(stateRule instanceof JObject rule) || rule.isEmpty()) {
      return true;
    }
    if (!(newValue instanceof Json.JNull) && over(rule.get("max_bytes"), sizeOf(newValue))) {
      return false;
    }
    if (!(newValue instanceof JObject obj)) {
      return true;
    }
    if (over(rule.get("max_children"), obj.size())) {
      return false;
    }
    StateValidation.HeightAndSize hs = StateValidation.heightAndSize(newValue);
    return !over(rule.get("max_height"), hs.height()) && !over(rule.get("max_size"), hs.size());
  }
}
