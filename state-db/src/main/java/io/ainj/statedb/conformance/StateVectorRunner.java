package io.ainj.statedb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.path.Labels;
import io.ainj.statedb.path.PathCheck;
import io.ainj.statedb.path.StatePath;
import io.ainj.statedb.path.StateValidation;
import io.ainj.statedb.read.ReadOptions;
import io.ainj.statedb.tree.ProofHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs {@code state_vectors.json} (format: spec §0) and returns one {@link VectorResult} per
 * vector. Results are compared exactly, key order included.
 *
 * <pre>{@code
 * List<VectorResult> rs = new StateVectorRunner().run(StateVectorRunner.load(file));
 * rs.forEach(r -> System.out.println(r.line()));
 * }</pre>
 */
public final class StateVectorRunner {
  /** The UTIL helpers that belong to state-db; the rest go to the executor. */
  public static final Set<String> STATE_UTIL_FNS = Set.of("isValidStateLabel",
      "isValidPathForStates", "isValidJsObjectForStates", "getObjectHeightAndSize", "hashString",
      "leafProofHash", "toRadixLabel");

  private static final Set<String> STATE_READS = Set.of("GET_VALUE", "GET_RULE", "GET_OWNER",
      "GET_FUNCTION");

  /** Writes run with this version name; it shows only through include_version. */
  private static final String VERSION = "NODE:0";

  private final VectorOpExecutor executor;
  private final StateDbConfig config = StateDbConfig.defaults();

  public StateVectorRunner() {
    this(VectorOpExecutor.NONE);
  }

  public StateVectorRunner(VectorOpExecutor executor) {
    this.executor = executor;
  }

  /** Parses a vector file. */
  public static Json load(Path file) throws IOException {
    return JsonCodec.parse(Files.readString(file));
  }

  public List<VectorResult> run(JsonNode vectors) {
    return run(JsonCodec.fromJackson(vectors));
  }

  public List<VectorResult> run(Json vectors) {
    if (!(vectors instanceof Json.JArray arr)) {
      throw new IllegalArgumentException("a vector file is a JSON array");
    }
    List<VectorResult> out = new ArrayList<>(arr.items().size());
    int i = 0;
    for (Json v : arr.items()) {
      String name = "#" + i;
      try {
        JObject vec = (JObject) v;
        Json n = vec.get("name");
        if (n instanceof Json.JString s) {
          name = s.value();
        }
        out.add(runOne(name, vec));
      } catch (RuntimeException e) {
        out.add(VectorResult.fail(name, "runner error: " + e));
      }
      i++;
    }
    return out;
  }

  /** Summary line for the CLI: {@code N passed, M failed} (+ unsupported count). */
  public static String summary(List<VectorResult> results) {
    long pass = results.stream().filter(r -> r.status() == VectorResult.Status.PASS).count();
    long fail = results.stream().filter(r -> r.status() == VectorResult.Status.FAIL).count();
    long skip = results.size() - pass - fail;
    return pass + " passed, " + fail + " failed" + (skip > 0 ? ", " + skip + " not yet supported"
        : "");
  }

  private VectorResult runOne(String name, JObject vec) {
    JObject op = (JObject) vec.get("op");
    String type = str(op.get("type"));
    JObject expected = (JObject) vec.get("expected");
    if ("UTIL".equals(type)) {
      return runUtil(name, op, expected);
    }
    MutableState state = setup((JObject) vec.get("setup"));
    Json actual;
    if (STATE_READS.contains(type)) {
      actual = read(state.snapshot(), type, str(op.get("ref")), ReadOptions.fromJson(op.get("options")));
    } else if ("GET_PROOF_HASH".equals(type)) {
      String ph = state.snapshot().proofHash(str(op.get("ref")));
      actual = ph == null ? Json.NULL : Json.of(ph);
    } else if ("GET_STATE_PROOF".equals(type)) {
      actual = state.snapshot().stateProof(str(op.get("ref")));
    } else if ("GET".equals(type)) {
      Optional<Json> r = multiGet(op, state);
      if (r.isEmpty()) {
        return VectorResult.unsupported(name, "GET op_list holds ops that need the vm");
      }
      actual = r.get();
    } else {
      Optional<Json> r = executor.execute(op, state);
      if (r.isEmpty()) {
        return VectorResult.unsupported(name, type + " needs the vm");
      }
      actual = r.get();
    }
    String diff = compare(expected.get("result"), actual);
    if (diff != null) {
      return VectorResult.fail(name, diff);
    }
    Json after = expected.get("state_after");
    if (after instanceof Json.JArray reads) {
      StateVersion snap = state.snapshot();
      for (Json r : reads.items()) {
        JObject rd = (JObject) r;
        StateRoot root = StateRoot.fromLabel(str(rd.get("root")));
        String path = str(rd.get("path"));
        Json got = snap.get(root, path);
        String d = compare(rd.get("value"), got);
        if (d != null) {
          return VectorResult.fail(name, "state_after /" + root.label() + path + ": " + d);
        }
      }
    }
    return VectorResult.pass(name);
  }

  private MutableState setup(JObject setup) {
    MutableState state = StateVersion.empty(VERSION).edit(VERSION, config);
    if (setup == null) {
      return state;
    }
    if ("init".equals(str(setup.get("base")))) {
      // DB.initDb() with no snapshot: a root owner config giving everyone every permission and a
      // root rule allowing every write.
      state.writeRaw(StateRoot.OWNERS, "/", JsonCodec.parse(
          "{\".owner\":{\"owners\":{\"*\":{\"branch_owner\":true,\"write_function\":true,"
              + "\"write_owner\":true,\"write_rule\":true}}}}"));
      state.writeRaw(StateRoot.RULES, "/", JsonCodec.parse("{\".rule\":{\"write\":true}}"));
    }
    Json writes = setup.get("writes");
    if (writes instanceof Json.JArray ws) {
      for (Json w : ws.items()) {
        JObject wo = (JObject) w;
        state.writeRaw(StateRoot.fromLabel(str(wo.get("root"))), str(wo.get("path")),
            wo.get("tree"));
      }
    }
    return state;
  }

  private static Json read(StateVersion v, String type, String ref, ReadOptions opts) {
    StateRoot root = switch (type) {
      case "GET_RULE" -> StateRoot.RULES;
      case "GET_OWNER" -> StateRoot.OWNERS;
      case "GET_FUNCTION" -> StateRoot.FUNCTIONS;
      default -> StateRoot.VALUES;
    };
    return v.get(root, ref == null ? "/" : ref, opts).value();
  }

  /** {@code ain_get}: results in order; non-state ops go to the executor. */
  private Optional<Json> multiGet(JObject op, MutableState state) {
    Json list = op.get("op_list");
    if (!(list instanceof Json.JArray arr) || arr.items().isEmpty()) {
      return Optional.of(JObject.builder().put("result", Json.NULL)
          .put("code", Json.of(30006)).build());
    }
    if (arr.items().size() > 50) {
      return Optional.of(JObject.builder().put("result", Json.NULL)
          .put("code", Json.of(30004)).build());
    }
    List<Json> results = new ArrayList<>();
    StateVersion snap = state.snapshot();
    for (Json item : arr.items()) {
      JObject sub = (JObject) item;
      String t = sub.has("type") ? str(sub.get("type")) : "GET_VALUE";
      if (STATE_READS.contains(t)) {
        results.add(read(snap, t, str(sub.get("ref")), ReadOptions.fromJson(sub)));
      } else {
        JObject typed = withType(sub, t);
        Optional<Json> r = executor.execute(typed, state);
        if (r.isEmpty()) {
          return Optional.empty();
        }
        results.add(r.get());
      }
    }
    return Optional.of(new Json.JArray(results));
  }

  private static JObject withType(JObject o, String type) {
    JObject.Builder b = JObject.builder().put("type", Json.of(type));
    for (int i = 0; i < o.size(); i++) {
      if (!o.key(i).equals("type")) {
        b.put(o.key(i), o.value(i));
      }
    }
    return b.build();
  }

  private VectorResult runUtil(String name, JObject op, JObject expected) {
    String fn = str(op.get("fn"));
    List<Json> cases = ((Json.JArray) op.get("cases")).items();
    List<Json> want = ((Json.JArray) expected.get("results")).items();
    if (cases.size() != want.size()) {
      return VectorResult.fail(name, "vector has " + cases.size() + " cases but "
          + want.size() + " results");
    }
    for (int i = 0; i < cases.size(); i++) {
      List<Json> args = ((Json.JArray) cases.get(i)).items();
      Optional<Json> got = STATE_UTIL_FNS.contains(fn) ? Optional.of(util(fn, args))
          : executor.util(fn, args);
      if (got.isEmpty()) {
        return VectorResult.unsupported(name, "UTIL " + fn + " needs the vm");
      }
      String d = compare(want.get(i), got.get());
      if (d != null) {
        return VectorResult.fail(name, "case " + i + " " + JsonCodec.stringify(cases.get(i))
            + ": " + d);
      }
    }
    return VectorResult.pass(name);
  }

  /** The state-owned UTIL helpers with the argument conventions of the vector file. */
  static Json util(String fn, List<Json> args) {
    Json a0 = args.isEmpty() ? Json.NULL : args.get(0);
    int limit = args.size() > 1 && args.get(1) instanceof Json.JNumber n ? (int) n.value()
        : Labels.DEFAULT_LABEL_LENGTH_LIMIT;
    return switch (fn) {
      case "isValidStateLabel" -> Json.of(a0 instanceof Json.JString s
          && Labels.isValidStateLabel(s.value(), limit));
      case "isValidPathForStates" -> check(a0 instanceof Json.JArray a
          ? StateValidation.checkJsonPath(a.items(), limit) : PathCheck.VALID);
      case "isValidJsObjectForStates" -> check(StateValidation.checkValue(a0, limit));
      case "getObjectHeightAndSize" -> {
        StateValidation.HeightAndSize hs = StateValidation.heightAndSize(a0);
        yield JObject.builder().put("height", Json.of(hs.height()))
            .put("size", Json.of((double) hs.size())).build();
      }
      case "hashString" -> Json.of(a0 instanceof Json.JString s
          ? ProofHash.toHex(ProofHash.hashString(s.value())) : "");
      case "leafProofHash" -> Json.of(ProofHash.toHex(ProofHash.leaf(a0)));
      case "toRadixLabel" -> Json.of(Labels.toRadixLabel(str(a0)));
      default -> throw new IllegalArgumentException("not a state UTIL fn: " + fn);
    };
  }

  private static Json check(PathCheck c) {
    return JObject.builder().put("isValid", Json.of(c.isValid()))
        .put("invalidPath", Json.of(c.invalidPath())).build();
  }

  /** Null when equal (JSON text, so key order counts), else a short description. */
  static String compare(Json want, Json got) {
    Json w = want == null ? Json.NULL : want;
    String ws = JsonCodec.stringify(w);
    String gs = JsonCodec.stringify(got);
    if (ws.equals(gs)) {
      return null;
    }
    return "expected " + abbreviate(ws) + " but got " + abbreviate(gs);
  }

  private static String abbreviate(String s) {
    return s.length() <= 600 ? s : s.substring(0, 600) + "...";
  }

  private static String str(Json j) {
    return j instanceof Json.JString s ? s.value() : null;
  }

  /** Path helper for executors: local path labels of a ref. */
  public static List<String> labels(String ref) {
    return StatePath.parse(ref);
  }
}
