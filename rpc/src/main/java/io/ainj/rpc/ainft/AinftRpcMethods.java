package io.ainj.rpc.ainft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.rpc.RpcMethodRegistry;
import io.ainj.rpc.RpcResult;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.vm.ainft.AinftQueries;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code ainft_getToken}, {@code ainft_getLineage}, {@code ainft_getTokensByOwner},
 * {@code ainft_getPayouts} and {@code ainft_getCollection}. Like {@code ain_get}, they read the
 * pending state unless {@code is_final} is truthy. An unknown id answers {@code result: null};
 * missing or malformed params are JSON-RPC invalid params.
 */
public final class AinftRpcMethods {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Supplier<StateVersion> pending;
  private final Supplier<StateVersion> finalized;

  public AinftRpcMethods(Supplier<StateVersion> pending, Supplier<StateVersion> finalized) {
    this.pending = Objects.requireNonNull(pending, "pending");
    this.finalized = Objects.requireNonNull(finalized, "finalized");
  }

  public RpcMethodRegistry.Builder register(RpcMethodRegistry.Builder b) {
    b.register("ainft_getToken", (p, c) -> withText(p, "id", id -> queries(p).token(id)));
    b.register("ainft_getLineage", (p, c) -> lineage(p));
    b.register("ainft_getTokensByOwner", (p, c) -> tokensByOwner(p));
    b.register("ainft_getPayouts", (p, c) -> withText(p, "id", id -> queries(p).payouts(id)));
    b.register("ainft_getCollection",
        (p, c) -> withText(p, "collection", cid -> queries(p).collection(cid)));
    return b;
  }

  private AinftQueries queries(JsonNode params) {
    JsonNode f = params.path("is_final");
    boolean isFinal = f.isBoolean() ? f.booleanValue()
        : f.isNumber() ? f.asDouble() != 0 : f.isTextual() && !f.asText().isEmpty();
    return AinftQueries.of(isFinal ? finalized.get() : pending.get());
  }

  private static RpcResult withText(ObjectNode p, String field, Function<String, Json> read) {
    JsonNode v = p.get(field);
    if (v == null || !v.isTextual()) {
      return RpcResult.invalidParams(field + " (a string) is required");
    }
    Json out = read.apply(v.asText());
    return RpcResult.ok(out == null ? null : JsonCodec.toJackson(out));
  }

  private RpcResult lineage(ObjectNode p) {
    JsonNode id = p.get("id");
    if (id == null || !id.isTextual()) {
      return RpcResult.invalidParams("id (a string) is required");
    }
    AinftQueries.Direction dir = AinftQueries.Direction.BOTH;
    if (p.has("direction")) {
      dir = AinftQueries.Direction.parse(p.get("direction").asText(null));
      if (dir == null || !p.get("direction").isTextual()) {
        return RpcResult.invalidParams("direction must be ancestors, descendants or both");
      }
    }
    int depth = AinftQueries.DEFAULT_DEPTH;
    if (p.has("depth")) {
      JsonNode d = p.get("depth");
      if (!d.isIntegralNumber() || d.asLong() < 1 || d.asLong() > AinftQueries.MAX_DEPTH) {
        return RpcResult.invalidParams("depth must be an integer in 1.." + AinftQueries.MAX_DEPTH);
      }
      depth = d.asInt();
    }
    Json out = queries(p).lineage(id.asText(), dir, depth, AinftQueries.MAX_NODES);
    return RpcResult.ok(out == null ? null : JsonCodec.toJackson(out));
  }

  private RpcResult tokensByOwner(ObjectNode p) {
    JsonNode a = p.get("address");
    if (a == null || !a.isTextual()) {
      return RpcResult.invalidParams("address (a string) is required");
    }
    ArrayNode out = JSON.arrayNode();
    queries(p).tokensByOwner(a.asText()).forEach(out::add);
    return RpcResult.ok(out);
  }
}
