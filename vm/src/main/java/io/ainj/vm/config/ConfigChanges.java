package io.ainj.vm.config;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import java.util.List;

/**
 * AIN's {@code applyRuleChange}, {@code applyOwnerChange} and {@code applyFunctionChange}: a
 * one-level merge when both the current subtree has the config label and the change consists of
 * the config label only; otherwise the change replaces the subtree (null deletes it).
 */
public final class ConfigChanges {
  private ConfigChanges() {}

  public static ConfigChange applyRuleChange(Json cur, Json change) {
    return apply(cur, change, List.of(ConfigValidity.RULE));
  }

  public static ConfigChange applyFunctionChange(Json cur, Json change) {
    return apply(cur, change, List.of(ConfigValidity.FUNCTION));
  }

  /** Owners merge at the {@code .owner.owners} map. */
  public static ConfigChange applyOwnerChange(Json cur, Json change) {
    return apply(cur, change, List.of(ConfigValidity.OWNER, "owners"));
  }

  /** AIN {@code getJsObject}: walks dicts, null when anything on the way is missing. */
  static Json get(Json obj, List<String> path) {
    Json ref = obj;
    for (String k : path) {
      if (!(ref instanceof JObject o)) {
        return null;
      }
      ref = o.get(k);
    }
    return ref;
  }

  private static boolean hasConfigLabel(Json tree, String label) {
    Json v = get(tree, List.of(label));
    return v != null && !(v instanceof Json.JNull);
  }

  private static ConfigChange apply(Json cur, Json change, List<String> mapPath) {
    String label = mapPath.get(0);
    boolean changeHasLabelOnly = hasConfigLabel(change, label) && ((JObject) change).size() == 1;
    if (!hasConfigLabel(cur, label) || !changeHasLabelOnly) {
      return new ConfigChange(false, change);
    }
    Json changeMap = get(change, mapPath);
    if (changeMap == null || changeMap instanceof Json.JNull
        || (changeMap instanceof JObject m && m.isEmpty())
        || !(changeMap instanceof JObject)) {
      // AIN: "!changeMap || Object.keys(changeMap).length === 0" keeps the current tree; a
      // non-object truthy map has no own keys either (strings aside, which configs never are).
      return new ConfigChange(true, cur);
    }
    JObject chg = (JObject) changeMap;
    JObject curMap = get(cur, mapPath) instanceof JObject m ? m : JObject.EMPTY;
    JObject.Builder merged = JObject.builder();
    for (int i = 0; i < curMap.size(); i++) {
      merged.put(curMap.key(i), curMap.value(i));
    }
    for (int i = 0; i < chg.size(); i++) {
      if (chg.value(i) instanceof Json.JNull) {
        merged.remove(chg.key(i));
      } else {
        merged.put(chg.key(i), chg.value(i));
      }
    }
    return new ConfigChange(true, setPath((JObject) cur, mapPath, 0, merged.build()));
  }

  /** A copy of {@code obj} with {@code value} at {@code path[i..]}, creating dicts on the way. */
  private static JObject setPath(JObject obj, List<String> path, int i, Json value) {
    JObject.Builder b = JObject.builder();
    String key = path.get(i);
    for (int k = 0; k < obj.size(); k++) {
      b.put(obj.key(k), obj.value(k));
    }
    if (i == path.size() - 1) {
      b.put(key, value);
    } else {
      JObject child = obj.get(key) instanceof JObject c ? c : JObject.EMPTY;
      b.put(key, setPath(child, path, i + 1, value));
    }
    return b.build();
  }
}
