package io.ainj.vm.rule;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A RuleHost over a map of "/a/b" paths to values, for rule tests. */
final class MapHost implements RuleHost {
  final Map<String, Json> values = new HashMap<>();

  MapHost put(String path, String json) {
    values.put(path, JsonCodec.parse(json));
    return this;
  }

  private static String key(List<String> p) {
    return "/" + String.join("/", p);
  }

  @Override
  public Json getValue(List<String> path) {
    return values.getOrDefault(key(path), Json.NULL);
  }

  @Override
  public Json getRule(List<String> path) {
    return Json.NULL;
  }

  @Override
  public Json getOwner(List<String> path) {
    return Json.NULL;
  }

  @Override
  public Json getFunction(List<String> path) {
    return Json.NULL;
  }

  @Override
  public Json evalRule(List<String> path, Json value, Json auth, double ts, Meter meter) {
    return JsonCodec.parse("{\"code\":0}");
  }

  @Override
  public Json evalOwner(List<String> path, String permission, Json auth, Meter meter) {
    return JsonCodec.parse("{\"code\":12302}");
  }
}
