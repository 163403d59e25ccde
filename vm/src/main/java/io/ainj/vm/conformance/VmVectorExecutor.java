package io.ainj.vm.conformance;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.path.StatePath;
import io.ainj.vm.config.UtilFunctions;
import io.ainj.vm.exec.Executor;
import io.ainj.vm.exec.OpContext;
import io.ainj.vm.exec.VmParams;
import io.ainj.vm.rule.RuleEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the vm's share of state_vectors.json (spec section 0): write ops, SET, MATCH_*, EVAL_*
 * and the config-level UTIL functions, on a state built from the vector's setup. Reads, proofs
 * and state-level UTIL functions belong to state-db's runner, which can delegate here.
 */
public final class VmVectorExecutor {
  /** The op timestamp every vector uses. */
  public static final double VECTOR_TIMESTAMP = 1234567890000.0;

  public static final Set<String> OP_TYPES = Set.of("SET_VALUE", "INC_VALUE", "DEC_VALUE",
      "SET_RULE", "SET_OWNER", "SET_FUNCTION", "SET", "MATCH_RULE", "MATCH_OWNER",
      "MATCH_FUNCTION", "EVAL_RULE", "EVAL_OWNER");

  private final RuleEngine engine;
  private final VmParams params;

  public VmVectorExecutor(RuleEngine engine, VmParams params) {
    this.engine = engine;
    this.params = params;
  }

  public VmVectorExecutor() {
    this(new RuleEngine(), VmParams.defaults());
  }

  /** Whether this executor handles {@code op}. */
  public static boolean handles(Json op) {
    String type = str(get(op, "type"));
    if ("UTIL".equals(type)) {
      return UtilFunctions.supports(str(get(op, "fn")));
    }
    return OP_TYPES.contains(type);
  }

  /** One vector's outcome. */
  public record Outcome(String name, boolean passed, String detail) {}

  /** AIN's initDb state for {@code base: "init"}, then the RawWrites. */
  public static MutableState setup(Json setup) {
    MutableState st = StateVersion.empty("vector").edit("NODE:0", StateDbConfig.defaults());
    if ("init".equals(str(get(setup, "base")))) {
      st.writeRaw(StateRoot.OWNERS, "/", JsonCodec.parse("{\".owner\":{\"owners\":{\"*\":"
          + "{\"branch_owner\":true,\"write_function\":true,\"write_owner\":true,"
          + "\"write_rule\":true}}}}"));
      st.writeRaw(StateRoot.RULES, "/", JsonCodec.parse("{\".rule\":{\"write\":true}}"));
    }
    if (get(setup, "writes") instanceof Json.JArray writes) {
      for (Json w : writes.items()) {
        st.writeRaw(StateRoot.fromLabel(str(get(w, "root"))), str(get(w, "path")),
            get(w, "tree"));
      }
    }
    return st;
  }

  /** Executes a DB op on {@code st} and returns its JSON result. */
  public Json execute(MutableState st, Json op) {
    String type = str(get(op, "type"));
    Json auth = orNull(get(op, "auth"));
    String txHash = str(get(op, "tx_hash"));
    Executor ex = new Executor(engine, params, st,
        OpContext.of(VECTOR_TIMESTAMP, txHash == null ? "0xtxhash" : txHash));
    String ref = str(get(op, "ref"));
    return switch (type) {
      case "SET" -> ex.executeSet(get(op, "op_list"), auth);
      case "MATCH_RULE" -> ex.matchRuleJson(ref);
      case "MATCH_OWNER" -> ex.matchOwnerJson(ref);
      case "MATCH_FUNCTION" -> ex.matchFunctionJson(ref);
      case "EVAL_RULE" -> ex.evalRule(ref, orNull(get(op, "value")), auth, VECTOR_TIMESTAMP)
          .json(false);
      case "EVAL_OWNER" -> ex.evalOwner(ref, str(get(op, "permission")), auth,
          Json.TRUE.equals(get(op, "is_merge"))).json(false);
      default -> ex.executeOp(op, auth);
    };
  }

  /**
   * Executes an {@code ain_get} op_list element: EVAL_RULE / EVAL_OWNER name the caller by
   * {@code address} and {@code fid} and return {@code matched} too.
   */
  public Json executeApiForm(MutableState st, Json op) {
    String type = str(get(op, "type"));
    JObject.Builder auth = JObject.builder();
    if (get(op, "address") instanceof Json.JString a) {
      auth.put("addr", a);
    }
    if (get(op, "fid") instanceof Json.JString f) {
      auth.put("fid", f);
    }
    Json authJson = auth.build();
    Json ts = get(op, "timestamp");
    double timestamp = ts instanceof Json.JNumber n ? n.value() : VECTOR_TIMESTAMP;
    Executor ex = new Executor(engine, params, st, OpContext.of(timestamp, "0xtxhash"));
    String ref = str(get(op, "ref"));
    return switch (type) {
      case "EVAL_RULE" -> ex.evalRule(ref, orNull(get(op, "value")), authJson, timestamp).json(true);
      case "EVAL_OWNER" -> ex.evalOwner(ref, str(get(op, "permission")), authJson,
          Json.TRUE.equals(get(op, "is_merge"))).json(true);
      default -> execute(st, op);
    };
  }

  /** Runs a whole vector (setup, op, expected result and state_after). */
  public Outcome run(Json vector) {
    String name = str(get(vector, "name"));
    Json op = get(vector, "op");
    Json expected = get(vector, "expected");
    try {
      if ("UTIL".equals(str(get(op, "type")))) {
        List<Json> actual = new ArrayList<>();
        for (Json c : ((Json.JArray) get(op, "cases")).items()) {
          actual.add(UtilFunctions.apply(str(get(op, "fn")), ((Json.JArray) c).items(),
              UtilFunctions.VECTOR_MIN_GC_NUM_SIBLINGS_DELETED));
        }
        Json got = new Json.JArray(actual);
        boolean ok = got.equals(get(expected, "results"));
        return new Outcome(name, ok, ok ? "" : "results " + JsonCodec.stringify(got));
      }
      MutableState st = setup(get(vector, "setup"));
      Json result = execute(st, op);
      if (!result.equals(get(expected, "result"))) {
        return new Outcome(name, false, "result " + JsonCodec.stringify(result) + " expected "
            + JsonCodec.stringify(get(expected, "result")));
      }
      if (get(expected, "state_after") instanceof Json.JArray reads) {
        for (Json r : reads.items()) {
          Json got = st.snapshot().get(StateRoot.fromLabel(str(get(r, "root"))),
              str(get(r, "path")));
          if (!got.equals(orNull(get(r, "value")))) {
            return new Outcome(name, false, "state " + str(get(r, "root")) + str(get(r, "path"))
                + " = " + JsonCodec.stringify(got));
          }
        }
      }
      return new Outcome(name, true, "");
    } catch (RuntimeException e) {
      return new Outcome(name, false, "exception " + e);
    }
  }

  private static Json get(Json j, String k) {
    return j instanceof JObject o ? o.get(k) : null;
  }

  private static Json orNull(Json j) {
    return j == null ? Json.NULL : j;
  }

  private static String str(Json j) {
    return j instanceof Json.JString s ? s.value() : null;
  }

  static List<String> parse(String p) {
    return StatePath.parse(p);
  }
}
