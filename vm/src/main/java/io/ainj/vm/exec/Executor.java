package io.ainj.vm.exec;

import io.ainj.crypto.JsNumber;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JArray;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.path.PathCheck;
import io.ainj.statedb.path.StatePath;
import io.ainj.statedb.path.StateValidation;
import io.ainj.statedb.read.GetRenderer;
import io.ainj.statedb.read.ReadOptions;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.StateTree;
import io.ainj.vm.ResultCode;
import io.ainj.vm.ainft.AinftCodes;
import io.ainj.vm.ainft.AinftHost;
import io.ainj.vm.ainft.AinftService;
import io.ainj.vm.config.ConfigChange;
import io.ainj.vm.config.ConfigChanges;
import io.ainj.vm.config.ConfigValidity;
import io.ainj.vm.config.NativeFunctionIds;
import io.ainj.vm.config.Validity;
import io.ainj.vm.rule.Js;
import io.ainj.vm.rule.Meter;
import io.ainj.vm.rule.RuleEngine;
import io.ainj.vm.rule.RuleHost;
import io.ainj.vm.rule.RuleOutcome;
import io.ainj.vm.rule.WriteRuleInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes AIN operations on a working state: SET_VALUE, INC_VALUE, DEC_VALUE, SET_RULE,
 * SET_OWNER, SET_FUNCTION and SET, plus the read-side MATCH_* and EVAL_* APIs. Results are
 * AIN's JSON result objects; invalid input is a result code, never an exception.
 *
 * <p>Op-level semantics only: a failing op leaves what it already wrote (as AIN does); the
 * transaction layer restores a snapshot of the {@link MutableState} on failure.
 */
public final class Executor {
  static final String RULE = ".rule";
  static final String OWNER = ".owner";
  static final String FUNCTION = ".function";

  private final RuleEngine engine;
  private final VmParams params;
  private final MutableState state;
  private final OpContext ctx;
  private final NativeFunctions natives;

  public Executor(RuleEngine engine, VmParams params, MutableState state, OpContext ctx) {
    this.engine = engine;
    this.params = params;
    this.state = state;
    this.ctx = ctx;
    this.natives = new NativeFunctions();
  }

  public VmParams params() {
    return params;
  }

  public OpContext context() {
    return ctx;
  }

  // ---- reads ------------------------------------------------------------------------------

  StateNode node(StateRoot root, List<String> labels) {
    List<String> full = new ArrayList<>(labels.size() + 1);
    full.add(root.label());
    full.addAll(labels);
    return state.node(full);
  }

  static Json render(StateNode n) {
    return n == null ? Json.NULL : GetRenderer.read(n, ReadOptions.DEFAULT).value();
  }

  public Json read(StateRoot root, List<String> labels) {
    if (touchesReceipts(root, labels)) {
      ctx.markBlockNumberRead();
    }
    return render(node(root, labels));
  }

  /**
   * Whether a read or write at {@code labels} of {@code root} reaches {@code /receipts}: every
   * receipt holds the number of its transaction's block, so such an access depends on the
   * block numbers of other transactions.
   */
  private static boolean touchesReceipts(StateRoot root, List<String> labels) {
    return root == StateRoot.VALUES && (labels.isEmpty() || labels.get(0).equals(RECEIPTS));
  }

  /** The values label under which transactions' receipts live ({@code /receipts/<tx hash>}). */
  public static final String RECEIPTS = "receipts";

  private static StateNode child(StateNode n, String label) {
    return n == null ? null : StateTree.getChild(n, label);
  }

  private static List<StateNode> childrenBySerial(StateNode n) {
    List<StateNode> out = new ArrayList<>();
    if (n != null && !n.isLeaf()) {
      for (StateTree.Child c : StateTree.childrenBySerial(n)) {
        out.add(c.node());
      }
    }
    return out;
  }

  // ---- matching ---------------------------------------------------------------------------

  /**
   * A walk of a config tree along a value path: the matched node per depth (index 0 is the
   * root), the tree labels taken ({@code $vars} included) and the bindings.
   */
  record Walk(List<StateNode> nodes, List<String> target, List<String> valuePath,
      Map<String, String> pathVars) {
    int depth() {
      return target.size();
    }

    boolean full() {
      return target.size() == valuePath.size();
    }
  }

  /** AIN's match walk: exact label first, else the first {@code $} child; no backtracking. */
  Walk walk(StateRoot root, List<String> valuePath, boolean allowVars) {
    List<StateNode> nodes = new ArrayList<>();
    List<String> target = new ArrayList<>();
    List<String[]> bindings = new ArrayList<>();
    StateNode cur = node(root, List.of());
    nodes.add(cur);
    for (String label : valuePath) {
      if (cur == null || cur.isLeaf()) {
        break;
      }
      StateNode next = child(cur, label);
      String taken = label;
      if (next == null && allowVars) {
        next = StateTree.firstVariableChild(cur);
        if (next != null) {
          taken = next.label();
          bindings.add(new String[] {taken, label});
        }
      }
      if (next == null) {
        break;
      }
      target.add(taken);
      nodes.add(next);
      cur = next;
    }
    // Bindings are listed innermost first; a repeated name keeps the deeper binding.
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = bindings.size() - 1; i >= 0; i--) {
      vars.putIfAbsent(bindings.get(i)[0], bindings.get(i)[1]);
    }
    return new Walk(nodes, target, valuePath, vars);
  }

  private static boolean hasConfigProp(StateNode n, String configLabel, String prop) {
    StateNode cfg = child(n, configLabel);
    return cfg != null && (prop == null || child(cfg, prop) != null);
  }

  /** Deepest depth on the route whose node has the config (with {@code prop}); -1 if none. */
  private static int closest(Walk w, String configLabel, String prop) {
    for (int d = w.nodes().size() - 1; d >= 0; d--) {
      if (hasConfigProp(w.nodes().get(d), configLabel, prop)) {
        return d;
      }
    }
    return -1;
  }

  /** Configs strictly below {@code n}: concrete children in serial order, then {@code $} ones. */
  private void subtreeConfigs(StateNode n, List<String> rel, String configLabel, String prop,
      List<Json> out) {
    List<StateNode> kids = childrenBySerial(n);
    List<StateNode> ordered = new ArrayList<>();
    for (StateNode k : kids) {
      if (!k.label().startsWith("$") && !k.label().equals(configLabel)) {
        ordered.add(k);
      }
    }
    for (StateNode k : kids) {
      if (k.label().startsWith("$")) {
        ordered.add(k);
      }
    }
    for (StateNode k : ordered) {
      rel.add(k.label());
      if (hasConfigProp(k, configLabel, prop)) {
        out.add(J.obj("path", J.path(rel), "config", render(child(k, configLabel))));
      }
      subtreeConfigs(k, rel, configLabel, prop, out);
      rel.remove(rel.size() - 1);
    }
  }

  private static Json pathVarsJson(Map<String, String> vars) {
    JObject.Builder b = JObject.builder();
    vars.forEach((k, v) -> b.put(k, Json.of(v)));
    return b.build();
  }

  /** The closest rule config for one property, with everything messages and wrapping need. */
  record RuleMatch(Walk walk, int configDepth, Json config, List<Json> subtree) {
    Json json(boolean withSubtree) {
      List<String> cfgPath = configDepth < 0 ? List.of() : walk.target().subList(0, configDepth);
      JObject.Builder b = JObject.builder()
          .put("matched_path", J.obj("target_path", J.path(walk.target()),
              "ref_path", J.path(walk.valuePath().subList(0, walk.depth())),
              "path_vars", pathVarsJson(walk.pathVars())))
          .put("matched_config", J.obj("path", J.path(cfgPath),
              "config", config == null ? Json.NULL : config));
      if (withSubtree) {
        b.put("subtree_configs", new JArray(subtree));
      }
      return b.build();
    }

    String configPath() {
      return J.path(configDepth < 0 ? List.of() : walk.target().subList(0, configDepth));
    }

    /**
     * AIN's internal match object, which {@code evalRule} returns as {@code matched}: label
     * arrays rather than path strings ({@code matchedValuePath}, {@code closestRule}...).
     */
    Json raw(boolean withSubtree) {
      List<String> cfgPath = configDepth < 0 ? List.of() : walk.target().subList(0, configDepth);
      JObject.Builder b = JObject.builder()
          .put("matchedValuePath", labels(walk.valuePath().subList(0, walk.depth())))
          .put("matchedRulePath", labels(walk.target()))
          .put("pathVars", pathVarsJson(walk.pathVars()))
          .put("closestRule", J.obj("path", labels(cfgPath),
              "config", config == null ? Json.NULL : config));
      if (withSubtree) {
        b.put("subtreeRules", rawSubtree(subtree));
      }
      return b.build();
    }
  }

  /** Label arrays, the form AIN's internal match objects carry paths in. */
  static Json labels(List<String> path) {
    List<Json> out = new ArrayList<>(path.size());
    for (String l : path) {
      out.add(Json.of(l));
    }
    return new JArray(out);
  }

  /** Subtree configs with their relative paths as label arrays. */
  static Json rawSubtree(List<Json> subtree) {
    List<Json> out = new ArrayList<>(subtree.size());
    for (Json s : subtree) {
      Json path = J.get(s, "path");
      List<String> rel = path instanceof Json.JString str ? StatePath.parse(str.value()) : List.of();
      out.add(J.obj("path", labels(rel), "config", J.get(s, "config")));
    }
    return new JArray(out);
  }

  RuleMatch matchRule(List<String> valuePath, String prop) {
    Walk w = walk(StateRoot.RULES, valuePath, true);
    int d = closest(w, RULE, prop);
    Json cfg = d < 0 ? null : render(child(w.nodes().get(d), RULE));
    List<Json> subtree = new ArrayList<>();
    if (prop.equals("write") && w.full()) {
      subtreeConfigs(w.nodes().get(w.nodes().size() - 1), new ArrayList<>(), RULE, "write",
          subtree);
    }
    return new RuleMatch(w, d, cfg, subtree);
  }

  /** MATCH_RULE. */
  public Json matchRuleJson(String ref) {
    List<String> p = StatePath.parse(ref);
    return J.obj("write", matchRule(p, "write").json(true), "state",
        matchRule(p, "state").json(false));
  }

  /** MATCH_FUNCTION: a config only at the fully matched node. */
  public Json matchFunctionJson(String ref) {
    List<String> p = StatePath.parse(ref);
    Walk w = walk(StateRoot.FUNCTIONS, p, true);
    StateNode last = w.nodes().get(w.nodes().size() - 1);
    Json cfg = w.full() && hasConfigProp(last, FUNCTION, null) ? render(child(last, FUNCTION))
        : Json.NULL;
    List<Json> subtree = new ArrayList<>();
    if (w.full() && last != null) {
      subtreeConfigs(last, new ArrayList<>(), FUNCTION, null, subtree);
    }
    return J.obj("matched_path", J.obj("target_path", J.path(w.target()), "ref_path",
            J.path(p.subList(0, w.depth())), "path_vars", pathVarsJson(w.pathVars())),
        "matched_config", J.obj("path", J.path(w.target()), "config", cfg),
        "subtree_configs", new JArray(subtree));
  }

  /** The owner match: exact labels only, closest {@code .owner} on the route, subtree owners. */
  record OwnerMatch(Walk walk, int configDepth, Json config, List<Json> subtree) {
    Json json() {
      return J.obj("matched_path", J.obj("target_path", J.path(walk.target())),
          "matched_config", J.obj("path", configPath(), "config",
              config == null ? Json.NULL : config),
          "subtree_configs", new JArray(subtree));
    }

    String configPath() {
      return J.path(configDepth < 0 ? List.of() : walk.target().subList(0, configDepth));
    }

    /** AIN's internal owner match, as {@code evalOwner} returns it in {@code matched}. */
    Json raw() {
      List<String> cfgPath = configDepth < 0 ? List.of() : walk.target().subList(0, configDepth);
      return J.obj("matchedOwnerPath", labels(walk.target()),
          "closestOwner", J.obj("path", labels(cfgPath), "config", config == null ? Json.NULL : config),
          "subtreeOwners", rawSubtree(subtree));
    }
  }

  OwnerMatch matchOwner(List<String> path) {
    Walk w = walk(StateRoot.OWNERS, path, false);
    int d = closest(w, OWNER, null);
    Json cfg = d < 0 ? null : render(child(w.nodes().get(d), OWNER));
    List<Json> subtree = new ArrayList<>();
    StateNode last = w.nodes().get(w.nodes().size() - 1);
    if (w.full() && last != null) {
      subtreeConfigs(last, new ArrayList<>(), OWNER, null, subtree);
    }
    return new OwnerMatch(w, d, cfg, subtree);
  }

  public Json matchOwnerJson(String ref) {
    return matchOwner(StatePath.parse(ref)).json();
  }

  // ---- write permission (rules) -----------------------------------------------------------

  /** A permission check's outcome: {@code code}, optional message and the match it used. */
  public record Permission(int code, String message, Json matched) {
    public Json json(boolean withMatched) {
      return J.obj("code", code, "message", message, "matched", withMatched ? matched : null);
    }
  }

  /** AIN {@code getPermissionForValue}: subtree rules, write rule, then state rule. */
  public Permission evalRulePermission(List<String> valuePath, Json newValue, Json auth,
      double timestamp, Meter meter) {
    RuleMatch write = matchRule(valuePath, "write");
    RuleMatch st = matchRule(valuePath, "state");
    Json matched = J.obj("write", write.raw(true), "state", st.raw(false));
    String path = J.path(valuePath);
    if (!write.subtree().isEmpty()) {
      List<Json> paths = new ArrayList<>();
      for (Json s : write.subtree()) {
        paths.add(J.get(s, "path"));
      }
      return new Permission(ResultCode.EVAL_RULE_NON_EMPTY_SUBTREE_RULES, "Non-empty ("
          + paths.size() + ") subtree rules for value path '" + path + "'': "
          + J.str(new JArray(paths)), matched);
    }
    Json data = read(StateRoot.VALUES, valuePath);
    int from = Math.max(write.configDepth(), 0);
    Json wrappedData = data;
    Json wrappedNew = newValue;
    for (int i = write.walk().depth() - 1; i >= from; i--) {
      String label = valuePath.get(i);
      wrappedData = J.obj(label, wrappedData);
      wrappedNew = J.obj(label, wrappedNew);
    }
    Json writeRule = write.config() == null ? null : J.get(write.config(), "write");
    boolean ok;
    if (writeRule instanceof Json.JBool b) {
      ok = b.value();
    } else if (writeRule instanceof Json.JString s) {
      WriteRuleInput in = new WriteRuleInput(auth, wrappedData, wrappedNew, timestamp,
          ctx.blockNumberIf(s.value().contains("blockNumber")), ctx.blockTimeIf(s.value().contains("blockTime")),
          valuePath,
          write.walk().pathVars());
      RuleOutcome out = engine.evalWriteRule(s.value(), in, new Host(), meter);
      if (out instanceof RuleOutcome.SyntaxError e) {
        return new Permission(ResultCode.EVAL_RULE_SYNTAX_ERROR, "Rule syntax error: \""
            + e.message() + "\" in write rule: [" + s.value() + "]", matched);
      }
      if (out instanceof RuleOutcome.RuntimeError) {
        return new Permission(ResultCode.EVAL_RULE_INTERNAL_ERROR, "Internal error: {}", matched);
      }
      ok = ((RuleOutcome.Value) out).value();
    } else {
      ok = false;
    }
    if (!ok) {
      String ruleText = writeRule == null ? "null" : Js.toJsString(Js.fromJson(writeRule));
      return new Permission(ResultCode.EVAL_RULE_FALSE_WRITE_RULE_EVAL,
          "Write rule evaluated false: [" + ruleText + "] at '" + write.configPath()
              + "' for value path '" + path + "' with path vars '"
              + J.str(pathVarsJson(write.walk().pathVars())) + "', data '" + J.str(wrappedData)
              + "', newData '" + J.str(wrappedNew) + "', auth '" + J.str(auth)
              + "', timestamp '" + JsNumber.toString(timestamp) + "'", matched);
    }
    Json stateRule = st.config() == null ? null : J.get(st.config(), "state");
    if (!StateRules.evaluate(stateRule, newValue)) {
      return new Permission(ResultCode.EVAL_RULE_FALSE_STATE_RULE_EVAL,
          "State rule evaluated false: [" + J.str(stateRule) + "] at '" + st.configPath()
              + "' for value path '" + path + "' with newValue '" + J.str(newValue) + "'",
          matched);
    }
    return new Permission(ResultCode.SUCCESS, null, matched);
  }

  /** EVAL_RULE. */
  public Permission evalRule(String ref, Json value, Json auth, double timestamp) {
    return evalRulePermission(StatePath.parse(ref), value, auth, timestamp, engine.newMeter());
  }

  // ---- owner permission -------------------------------------------------------------------

  /** AIN {@code getOwnerPermissions}: fid, else addr, else none; {@code *} only when absent. */
  static Json ownerPermissions(Json config, Json auth) {
    Json owners = J.get(config, "owners");
    Json chosen = null;
    if (auth instanceof JObject a) {
      String fid = J.string(a.get("fid"));
      String addr = J.string(a.get("addr"));
      if (fid != null && !fid.isEmpty()) {
        chosen = J.get(owners, "fid:" + fid);
      } else if (addr != null && !addr.isEmpty()) {
        chosen = J.get(owners, addr);
      } else {
        return null;
      }
    }
    if (chosen == null) {
      chosen = J.get(owners, "*");
    }
    return chosen;
  }

  /** The owner check for writing a rule, function or owner config at {@code path}. */
  Permission ownerPermission(List<String> path, String kind, String requested, Json auth,
      boolean isMerge) {
    OwnerMatch m = matchOwner(path);
    Json matched = m.raw();
    String p = J.path(path);
    int subtreeCode;
    int falseCode;
    String perm;
    switch (kind) {
      case "rule" -> {
        subtreeCode = ResultCode.EVAL_OWNER_NON_EMPTY_SUBTREE_OWNERS_FOR_RULE;
        falseCode = ResultCode.EVAL_OWNER_FALSE_PERMISSION_CHECK_FOR_RULE;
        perm = "write_rule";
      }
      case "function" -> {
        subtreeCode = ResultCode.EVAL_OWNER_NON_EMPTY_SUBTREE_OWNERS_FOR_FUNCTION;
        falseCode = ResultCode.EVAL_OWNER_FALSE_PERMISSION_CHECK_FOR_FUNCTION;
        perm = "write_function";
      }
      default -> {
        subtreeCode = ResultCode.EVAL_OWNER_NON_EMPTY_SUBTREE_OWNERS_FOR_OWNER;
        falseCode = ResultCode.EVAL_OWNER_FALSE_PERMISSION_CHECK_FOR_OWNER;
        // Editing an existing owner config needs write_owner; creating one below needs
        // branch_owner of the closest config.
        perm = m.configDepth() >= 0 && m.configDepth() == path.size() && m.walk().full()
            ? "write_owner" : "branch_owner";
      }
    }
    if (!isMerge && !m.subtree().isEmpty()) {
      List<Json> paths = new ArrayList<>();
      for (Json s : m.subtree()) {
        paths.add(J.get(s, "path"));
      }
      return new Permission(subtreeCode, "Non-empty (" + paths.size() + ") subtree owners for "
          + kind + " path '" + p + "': " + J.str(new JArray(paths)), matched);
    }
    Json perms = m.config() == null ? null : ownerPermissions(m.config(), auth);
    boolean ok = perms instanceof JObject o && Json.TRUE.equals(o.get(perm));
    if (!ok) {
      return new Permission(falseCode, perm + " permission evaluated false: ["
          + J.str(perms == null ? Json.NULL : perms) + "] at '" + m.configPath() + "' for "
          + kind + " path '" + p + "' with permission '" + perm + "', auth '" + J.str(auth)
          + "'", matched);
    }
    return new Permission(ResultCode.SUCCESS, null, matched);
  }

  /** EVAL_OWNER. */
  public Permission evalOwner(String ref, String permission, Json auth, boolean isMerge) {
    List<String> path = StatePath.parse(ref);
    return switch (permission) {
      case "write_rule" -> ownerPermission(path, "rule", permission, auth, isMerge);
      case "write_function" -> ownerPermission(path, "function", permission, auth, isMerge);
      case "write_owner", "branch_owner" -> ownerPermission(path, "owner", permission, auth,
          isMerge);
      default -> new Permission(ResultCode.EVAL_OWNER_INVALID_PERMISSION, "Invalid permission '"
          + permission + "' for local path '" + J.path(path) + "' with auth '" + J.str(auth)
          + "'", null);
    };
  }

  /** What rules reach: reads of the current state and the two evaluators. */
  private final class Host implements RuleHost {
    @Override
    public Json getValue(List<String> path) {
      return read(StateRoot.VALUES, path);
    }

    @Override
    public Json getRule(List<String> path) {
      return read(StateRoot.RULES, path);
    }

    @Override
    public Json getOwner(List<String> path) {
      return read(StateRoot.OWNERS, path);
    }

    @Override
    public Json getFunction(List<String> path) {
      return read(StateRoot.FUNCTIONS, path);
    }

    @Override
    public Json evalRule(List<String> path, Json value, Json auth, double ts, Meter meter) {
      return evalRulePermission(path, value, auth, ts, meter).json(false);
    }

    @Override
    public Json evalOwner(List<String> path, String permission, Json auth, Meter meter) {
      return Executor.this.evalOwner(J.path(path), permission, auth, false).json(false);
    }

    @Override
    public String genesisAddress() {
      return params.genesisAddress();
    }
  }

  // ---- write operations -------------------------------------------------------------------

  private Json result(String message, Json funcResults, Json subtreeResults, int code) {
    return J.obj("message", message, "func_results", funcResults, "subtree_func_results",
        subtreeResults, "code", code, "bandwidth_gas_amount", params.unitWriteGasAmount());
  }

  private Json fail(int code, String message) {
    return result(message, null, null, code);
  }

  /** SET_VALUE. */
  public Json setValue(String ref, Json value, Json auth) {
    List<String> path = StatePath.parse(ref);
    PathCheck pc = StateValidation.checkPath(path, params.labelLengthLimit());
    if (!pc.isValid()) {
      return fail(ResultCode.SET_VALUE_INVALID_VALUE_PATH, "Invalid value path: "
          + pc.invalidPath());
    }
    PathCheck vc = StateValidation.checkValue(value, params.labelLengthLimit());
    if (!vc.isValid()) {
      return fail(ResultCode.SET_VALUE_INVALID_VALUE_STATES, "Invalid object for states: "
          + vc.invalidPath());
    }
    if (AinftService.isReserved(path, value)) {
      // The reserved AINFT root has a built-in policy and function (docs/ainft.md §1).
      return AinftService.setValue(ainftHost(), path, value, auth);
    }
    Permission perm = evalRulePermission(path, value, auth, ctx.timestamp(), engine.newMeter());
    if (perm.code() != ResultCode.SUCCESS) {
      return fail(perm.code(), perm.message());
    }
    String blocked = shardBlockedPath(path);
    if (blocked != null) {
      return fail(ResultCode.SET_VALUE_NO_WRITABLE_PATH_WITH_SHARD_CONFIG,
          "Non-writable path with shard config: " + blocked);
    }
    Json prev = read(StateRoot.VALUES, path);
    write(StateRoot.VALUES, path, value);
    Json funcResults = null;
    Json subtreeResults = null;
    if (hasAddrOrFid(auth)) {
      Functions.Triggered t = new Functions(this, natives).trigger(path, value, prev, auth);
      funcResults = t.funcResults();
      subtreeResults = t.subtreeFuncResults();
      if (t.failed()) {
        return result("Triggered function call failed", funcResults, subtreeResults,
            ResultCode.SET_VALUE_TRIGGERED_FUNCTION_CALL_FAILED);
      }
      if (t.subtreeFailed()) {
        return result("Triggered subtree function call failed", funcResults, subtreeResults,
            ResultCode.SET_VALUE_TRIGGERED_SUBTREE_FUNCTION_CALL_FAILED);
      }
    }
    if (!(value instanceof Json.JNull)) {
      applyGc(path);
    }
    return result(null, funcResults, subtreeResults, ResultCode.SUCCESS);
  }

  static boolean hasAddrOrFid(Json auth) {
    return auth instanceof JObject a && (a.has("addr") || a.has("fid"));
  }

  /** {@code isWritablePathWithSharding} on the values tree; the blocked full path or null. */
  private String shardBlockedPath(List<String> path) {
    List<String> full = new ArrayList<>();
    full.add(StateRoot.VALUES.label());
    full.addAll(path);
    StateNode cur = state.node(List.of());
    List<String> walked = new ArrayList<>();
    boolean blocked = false;
    for (String label : full) {
      if (!label.equals(".shard") && shardEnabled(cur)) {
        blocked = true;
        break;
      }
      StateNode next = child(cur, label);
      if (next == null) {
        break;
      }
      cur = next;
      walked.add(label);
    }
    if (blocked || shardEnabled(cur)) {
      return J.path(walked);
    }
    return null;
  }

  private static boolean shardEnabled(StateNode n) {
    StateNode shard = child(n, ".shard");
    StateNode enabled = child(shard, "sharding_enabled");
    return enabled != null && enabled.isLeaf() && Json.TRUE.equals(enabled.value());
  }

  void write(StateRoot root, List<String> path, Json value) {
    if (touchesReceipts(root, path)) {
      ctx.markBlockNumberRead();
    }
    List<String> full = new ArrayList<>(path.size() + 1);
    full.add(root.label());
    full.addAll(path);
    state.writeRaw(full, value);
  }

  /** The GC state rule: drop the oldest siblings under the parent of the state-rule node. */
  private void applyGc(List<String> path) {
    RuleMatch st = matchRule(path, "state");
    Json rule = st.config() == null ? null : J.get(st.config(), "state");
    Json maxSiblings = J.get(rule, "gc_max_siblings");
    Json numDeleted = J.get(rule, "gc_num_siblings_deleted");
    if (!(maxSiblings instanceof JNumber max) || !(numDeleted instanceof JNumber del)
        || st.configDepth() < 1) {
      return;
    }
    List<String> parent = path.subList(0, st.configDepth() - 1);
    StateNode p = node(StateRoot.VALUES, parent);
    List<StateNode> kids = childrenBySerial(p);
    if (kids.size() <= max.value()) {
      return;
    }
    for (int i = 0; i < kids.size() && i < del.value(); i++) {
      List<String> victim = new ArrayList<>(parent);
      victim.add(kids.get(i).label());
      write(StateRoot.VALUES, victim, Json.NULL);
    }
  }

  /** INC_VALUE / DEC_VALUE; {@code delta} is Java null when the op had no value. */
  public Json incValue(String ref, Json delta, Json auth, boolean inc) {
    List<String> path = StatePath.parse(ref);
    Json cur = read(StateRoot.VALUES, path);
    boolean curOk = cur instanceof Json.JNull || (cur instanceof JNumber n && n.isFinite());
    boolean deltaOk = delta instanceof JNumber d && d.isFinite();
    if (!curOk || !deltaOk) {
      String d = delta == null ? "undefined" : Js.toJsString(Js.fromJson(delta));
      return fail(inc ? ResultCode.INC_VALUE_NOT_A_NUMBER_TYPE
          : ResultCode.DEC_VALUE_NOT_A_NUMBER_TYPE, "Not a number type: "
          + Js.toJsString(Js.fromJson(cur)) + " or " + d);
    }
    double c = cur instanceof JNumber n ? n.value() : 0;
    double dv = ((JNumber) delta).value();
    return setValue(ref, Json.of(inc ? c + dv : c - dv), auth);
  }

  /** SET_RULE, SET_OWNER, SET_FUNCTION. */
  public Json setConfig(StateRoot root, String ref, Json value, Json auth) {
    List<String> path = StatePath.parse(ref);
    PathCheck vc = StateValidation.checkValue(value, params.labelLengthLimit());
    if (!vc.isValid()) {
      return fail(root.invalidObjectCode(), "Invalid object for states: " + vc.invalidPath());
    }
    PathCheck pc = StateValidation.checkPath(path, params.labelLengthLimit());
    if (!pc.isValid()) {
      return fail(root.invalidPathCode(), "Invalid " + root.noun() + " path: "
          + pc.invalidPath());
    }
    if (AinftService.isReserved(path, value)) {
      return fail(AinftCodes.RESERVED_PATH, "Non-writable AINFT path: " + J.path(path)
          + " (the /ainft policy is built in and cannot be configured)");
    }
    List<Json> labels = new ArrayList<>();
    path.forEach(l -> labels.add(Json.of(l)));
    Validity tree = switch (root) {
      case RULES -> ConfigValidity.isValidRuleTree(labels, value,
          params.minGcNumSiblingsDeleted());
      case OWNERS -> ConfigValidity.isValidOwnerTree(labels, value);
      default -> ConfigValidity.isValidFunctionTree(labels, value);
    };
    if (!tree.isValid()) {
      int code = switch (root) {
        case RULES -> ResultCode.SET_RULE_INVALID_RULE_TREE;
        case OWNERS -> ResultCode.SET_OWNER_INVALID_OWNER_TREE;
        default -> ResultCode.SET_FUNCTION_INVALID_FUNCTION_TREE;
      };
      return fail(code, "Invalid " + root.noun() + " tree: " + tree.invalidPath());
    }
    if (root == StateRoot.FUNCTIONS && !isConsensusAdmin(auth)) {
      String ownerOnly = findOwnerOnlyFunction(value);
      if (ownerOnly != null) {
        return fail(ResultCode.SET_FUNCTION_OWNER_ONLY_FUNCTION,
            "Trying to write owner-only function: " + ownerOnly);
      }
    }
    Json cur = read(root, path);
    ConfigChange change = switch (root) {
      case RULES -> ConfigChanges.applyRuleChange(cur, value);
      case OWNERS -> ConfigChanges.applyOwnerChange(cur, value);
      default -> ConfigChanges.applyFunctionChange(cur, value);
    };
    String kind = root.noun();
    Permission perm = ownerPermission(path, kind, null, auth, change.isMerge());
    if (perm.code() != ResultCode.SUCCESS) {
      return fail(perm.code(), perm.message());
    }
    write(root, path, change.config());
    return fail(ResultCode.SUCCESS, null);
  }

  private boolean isConsensusAdmin(Json auth) {
    String addr = J.string(J.get(auth, "addr"));
    if (addr == null) {
      return false;
    }
    Json admins = read(StateRoot.VALUES, List.of("manage_app", "consensus", "config", "admin"));
    if (admins instanceof Json.JNull) {
      return addr.equals(params.genesisAddress());
    }
    return Json.TRUE.equals(J.get(admins, addr));
  }

  /** The first owner-only native function id anywhere in a function tree, or null. */
  private static String findOwnerOnlyFunction(Json tree) {
    if (!(tree instanceof JObject o)) {
      return null;
    }
    for (int i = 0; i < o.size(); i++) {
      if (o.key(i).equals(FUNCTION) && o.value(i) instanceof JObject fns) {
        for (String fid : fns.keys()) {
          Json info = fns.get(fid);
          if (NativeFunctionIds.OWNER_ONLY.contains(fid)
              && "NATIVE".equals(J.string(J.get(info, "function_type")))) {
            return fid;
          }
        }
      } else {
        String found = findOwnerOnlyFunction(o.value(i));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** One op of a SET or a transaction: {@code {type?, ref, value}}. */
  public Json executeOp(Json op, Json auth) {
    String type = J.string(J.get(op, "type"));
    String ref = J.string(J.get(op, "ref"));
    Json value = J.get(op, "value");
    Json v = value == null ? Json.NULL : value;
    if (type == null && J.get(op, "type") == null) {
      type = "SET_VALUE";
    }
    if (ref == null) {
      ref = "";
    }
    return switch (type == null ? "" : type) {
      case "SET_VALUE" -> setValue(ref, v, auth);
      case "INC_VALUE" -> incValue(ref, value, auth, true);
      case "DEC_VALUE" -> incValue(ref, value, auth, false);
      case "SET_RULE" -> setConfig(StateRoot.RULES, ref, v, auth);
      case "SET_OWNER" -> setConfig(StateRoot.OWNERS, ref, v, auth);
      case "SET_FUNCTION" -> setConfig(StateRoot.FUNCTIONS, ref, v, auth);
      case "SET" -> executeSet(J.get(op, "op_list"), auth);
      default -> fail(ResultCode.TX_INVALID_OPERATION_TYPE, "Invalid operation type: "
          + (type == null ? Js.toJsString(Js.fromJson(J.get(op, "type"))) : type));
    };
  }

  /** SET: ops in order, stopping after the first failed result. */
  public Json executeSet(Json opList, Json auth) {
    List<Json> ops = opList instanceof JArray a ? a.items() : List.of();
    if (ops.size() > params.setOpListSizeLimit() && ctx.blockNumberForFlag() instanceof JNumber bn
        && bn.value() > 0) {
      return J.obj("result_list", Json.NULL, "code", ResultCode.TX_SET_EXCEEDS_OP_LIST_SIZE_LIMIT,
          "message", "Operation list size exceeds the limit: " + ops.size() + " > "
              + params.setOpListSizeLimit());
    }
    JObject.Builder list = JObject.builder();
    for (int i = 0; i < ops.size(); i++) {
      Json op = ops.get(i);
      Json r = "SET".equals(J.string(J.get(op, "type")))
          ? fail(ResultCode.TX_INVALID_OPERATION_TYPE, "Invalid operation type: SET")
          : executeOp(op, auth);
      list.put(Integer.toString(i), r);
      if (Results.isFailed(r)) {
        break;
      }
    }
    return J.obj("result_list", list.build());
  }

  /** The executor as the AINFT service sees it: values reads, raw writes, ordinary ops. */
  private AinftHost ainftHost() {
    return new AinftHost() {
      @Override
      public Json read(List<String> path) {
        return Executor.this.read(StateRoot.VALUES, path);
      }

      @Override
      public void write(List<String> path, Json value) {
        Executor.this.write(StateRoot.VALUES, path, value);
      }

      @Override
      public Json setValue(String path, Json value, Json auth) {
        return Executor.this.setValue(path, value, auth);
      }

      @Override
      public VmParams params() {
        return params;
      }

      @Override
      public OpContext context() {
        return ctx;
      }
    };
  }

  // ---- used by functions ------------------------------------------------------------------

  RuleEngine engine() {
    return engine;
  }

  MutableState state() {
    return state;
  }

  double timestamp() {
    return ctx.timestamp();
  }

  static int code(Json result) {
    return J.get(result, "code") instanceof JNumber n ? (int) n.value() : -1;
  }
}
