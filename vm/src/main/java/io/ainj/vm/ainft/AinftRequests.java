package io.ainj.vm.ainft;

import io.ainj.vm.exec.J;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import java.util.Map;

/**
 * Builders of AINFT request operations (docs/ainft.md §2) for tools, tests and benchmarks: the
 * {@code SET_VALUE} a client signs to ask {@code _ainft} for an action.
 */
public final class AinftRequests {
  private AinftRequests() {}

  /** {@code /ainft/<action>/<addr>/<key>/value}. */
  public static String ref(String action, String addr, String key) {
    return "/" + AinftService.ROOT + "/" + action + "/" + addr + "/" + key + "/value";
  }

  /** {@code {type: SET_VALUE, ref, value: request}}. */
  public static Json op(String action, String addr, String key, Json request) {
    return J.obj("type", "SET_VALUE", "ref", ref(action, addr, key), "value", request);
  }

  public static Json createCollection(String collection, String name) {
    return J.obj("collection", collection, "name", name);
  }

  /** A dataset AINFT: {@code {collection, data: {digest}, parents?}}. */
  public static Json mintData(String collection, String digest, Map<String, Integer> parents) {
    JObject.Builder p = JObject.builder();
    parents.forEach((id, bps) -> p.put(id, Json.of(bps)));
    JObject ps = p.build();
    return J.obj("collection", collection, "data", J.obj("digest", digest),
        "parents", ps.isEmpty() ? null : ps);
  }

  public static Json pay(String id, long amount) {
    return J.obj("id", id, "amount", (double) amount);
  }
}
