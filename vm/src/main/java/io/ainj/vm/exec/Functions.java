package io.ainj.vm.exec;

import io.ainj.statedb.StateRoot;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JArray;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.path.StatePath;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.StateTree;
import io.ainj.vm.FunctionResultCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Function triggering after a value write (AIN db/functions.js): the function config at the
 * exact matched path, then subtree function configs over the written object. Native functions
 * run from the registry; REST functions are only recorded (delivery happens after commit and
 * never influences state).
 */
final class Functions {
  private final Executor ex;
  private final NativeFunctions natives;

  Functions(Executor ex, NativeFunctions natives) {
    this.ex = ex;
    this.natives = natives;
  }

  record Triggered(Json funcResults, Json subtreeFuncResults, boolean failed,
      boolean subtreeFailed) {}

  Triggered trigger(List<String> valuePath, Json value, Json prev, Json auth) {
    Executor.Walk w = ex.walk(StateRoot.FUNCTIONS, valuePath, true);
    if (!w.full()) {
      return new Triggered(null, null, false, false);
    }
    StateNode last = w.nodes().get(w.nodes().size() - 1);
    JObject funcResults = JObject.EMPTY;
    StateNode cfgNode = last == null ? null : StateTree.getChild(last, Executor.FUNCTION);
    if (cfgNode != null && Executor.render(cfgNode) instanceof JObject cfg) {
      funcResults = runMap(cfg, valuePath, w.target(), value, prev, w.pathVars(), auth);
    }
    JObject.Builder subtree = JObject.builder();
    int subtreeCount = 0;
    if (last != null) {
      for (SubtreeConfig sc : subtreeConfigs(last)) {
        JObject byPath = runSubtree(sc, valuePath, w, value, prev, auth);
        if (!byPath.isEmpty()) {
          subtree.put(J.path(sc.labels()), byPath);
          subtreeCount++;
        }
      }
    }
    Json fr = funcResults.isEmpty() ? null : funcResults;
    Json st = subtreeCount == 0 ? null : subtree.build();
    return new Triggered(fr, st, Results.funcResultsFailed(fr), Results.subtreeFailed(st));
  }

  record SubtreeConfig(List<String> labels, JObject config) {}

  private List<SubtreeConfig> subtreeConfigs(StateNode n) {
    List<SubtreeConfig> out = new ArrayList<>();
    collect(n, new ArrayList<>(), out);
    return out;
  }

  private void collect(StateNode n, List<String> rel, List<SubtreeConfig> out) {
    if (n.isLeaf()) {
      return;
    }
    List<StateNode> kids = new ArrayList<>();
    for (StateTree.Child c : StateTree.childrenBySerial(n)) {
      kids.add(c.node());
    }
    List<StateNode> ordered = new ArrayList<>();
    kids.stream().filter(k -> !k.label().startsWith("$") && !k.label().equals(Executor.FUNCTION))
        .forEach(ordered::add);
    kids.stream().filter(k -> k.label().startsWith("$")).forEach(ordered::add);
    for (StateNode k : ordered) {
      rel.add(k.label());
      StateNode cfg = StateTree.getChild(k, Executor.FUNCTION);
      if (cfg != null && Executor.render(cfg) instanceof JObject o) {
        out.add(new SubtreeConfig(List.copyOf(rel), o));
      }
      collect(k, rel, out);
      rel.remove(rel.size() - 1);
    }
  }

  private record ValueMatch(List<String> rel, Json value, Map<String, String> vars) {}

  private static void matchValues(Json v, List<String> labels, int i, List<String> rel,
      Map<String, String> vars, List<ValueMatch> out) {
    if (i == labels.size()) {
      out.add(new ValueMatch(List.copyOf(rel), v, new LinkedHashMap<>(vars)));
      return;
    }
    if (!(v instanceof JObject o)) {
      return;
    }
    String label = labels.get(i);
    if (label.startsWith("$")) {
      for (String k : o.keys()) {
        rel.add(k);
        vars.put(label, k);
        matchValues(o.get(k), labels, i + 1, rel, vars, out);
        vars.remove(label);
        rel.remove(rel.size() - 1);
      }
    } else if (o.has(label)) {
      rel.add(label);
      matchValues(o.get(label), labels, i + 1, rel, vars, out);
      rel.remove(rel.size() - 1);
    }
  }

  private JObject runSubtree(SubtreeConfig sc, List<String> valuePath, Executor.Walk w,
      Json value, Json prev, Json auth) {
    List<ValueMatch> news = new ArrayList<>();
    List<ValueMatch> olds = new ArrayList<>();
    matchValues(value, sc.labels(), 0, new ArrayList<>(), new LinkedHashMap<>(), news);
    matchValues(prev, sc.labels(), 0, new ArrayList<>(), new LinkedHashMap<>(), olds);
    JObject.Builder byPath = JObject.builder();
    boolean any = false;
    List<String> fnPath = new ArrayList<>(w.target());
    fnPath.addAll(sc.labels());
    for (ValueMatch old : olds) {
      boolean stillThere = news.stream().anyMatch(n -> n.rel().equals(old.rel()));
      if (!stillThere) {
        any |= runOne(sc, valuePath, fnPath, w, old, Json.NULL, old.value(), auth, byPath);
      }
    }
    for (ValueMatch nw : news) {
      Json before = olds.stream().filter(o -> o.rel().equals(nw.rel())).map(ValueMatch::value)
          .findFirst().orElse(Json.NULL);
      any |= runOne(sc, valuePath, fnPath, w, nw, nw.value(), before, auth, byPath);
    }
    return any ? byPath.build() : JObject.EMPTY;
  }

  private boolean runOne(SubtreeConfig sc, List<String> valuePath, List<String> fnPath,
      Executor.Walk w, ValueMatch m, Json value, Json prev, Json auth, JObject.Builder byPath) {
    List<String> full = new ArrayList<>(valuePath);
    full.addAll(m.rel());
    Map<String, String> vars = new LinkedHashMap<>(m.vars());
    w.pathVars().forEach(vars::putIfAbsent);
    JObject fr = runMap(sc.config(), full, fnPath, value, prev, vars, auth);
    if (fr.isEmpty()) {
      return false;
    }
    byPath.put(J.path(m.rel()), J.obj("func_results", fr));
    return true;
  }

  static List<String> callChain(Json auth) {
    List<String> chain = new ArrayList<>();
    if (J.get(auth, "fids") instanceof JArray a) {
      for (Json f : a.items()) {
        if (f instanceof Json.JString s) {
          chain.add(s.value());
        }
      }
    }
    return chain;
  }

  /** Runs one {@code .function} map in order; stops after a missing or failed result. */
  JObject runMap(JObject config, List<String> valuePath, List<String> functionPath, Json value,
      Json prev, Map<String, String> pathVars, Json auth) {
    JObject.Builder results = JObject.builder();
    boolean any = false;
    List<String> chain = callChain(auth);
    for (String key : config.keys()) {
      Json info = config.get(key);
      String type = J.string(J.get(info, "function_type"));
      String fid = J.string(J.get(info, "function_id"));
      if (fid == null) {
        continue;
      }
      if ("NATIVE".equals(type)) {
        if (chain.contains(fid)) {
          continue; // the loop guard: a function never re-enters its own call chain
        }
        NativeFunctions.Native fn = natives.get(fid);
        if (fn == null) {
          continue; // unknown native ids are ignored at trigger time
        }
        Map<String, String> params = new LinkedHashMap<>();
        pathVars.forEach((k, v) -> params.put(k.startsWith("$") ? k.substring(1) : k, v));
        List<String> newChain = new ArrayList<>(chain);
        newChain.add(fid);
        List<Json> fids = new ArrayList<>();
        newChain.forEach(f -> fids.add(Json.of(f)));
        JObject.Builder fnAuth = JObject.builder();
        if (auth instanceof JObject a) {
          for (int i = 0; i < a.size(); i++) {
            fnAuth.put(a.key(i), a.value(i));
          }
        }
        fnAuth.put("fid", Json.of(fid)).put("fids", new JArray(fids));
        NativeFunctions.Call call = new NativeFunctions.Call(ex, fid, valuePath, functionPath,
            value, prev, params, fnAuth.build());
        Json result;
        try {
          result = fn.run(call);
        } catch (RuntimeException e) {
          // A native function bug is this transaction's failure, not the block's.
          result = call.finish(FunctionResultCode.INTERNAL_ERROR, 0);
        }
        results.put(key, result);
        any = true;
        if (result == null || Results.funcResultsFailed(J.obj(key, result))) {
          break;
        }
      } else if ("REST".equals(type)) {
        String url = J.string(J.get(info, "function_url"));
        if (url == null || !isWhitelisted(url)) {
          continue;
        }
        // Delivery happens after commit only; the recorded result never depends on it.
        results.put(key, J.obj("code", FunctionResultCode.SKIP, "bandwidth_gas_amount",
            ex.params().restFunctionCallGasAmount()));
        any = true;
      }
    }
    return any ? results.build() : JObject.EMPTY;
  }

  /** The REST url whitelist: every url under /developers/rest_functions/url_whitelist/*\/*. */
  private boolean isWhitelisted(String url) {
    Json wl = ex.read(StateRoot.VALUES,
        StatePath.parse("/developers/rest_functions/url_whitelist"));
    if (!(wl instanceof JObject byAddr)) {
      return false;
    }
    for (int i = 0; i < byAddr.size(); i++) {
      if (byAddr.value(i) instanceof JObject urls) {
        for (int k = 0; k < urls.size(); k++) {
          String pattern = J.string(urls.value(k));
          if (pattern != null && urlMatches(pattern, url)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Wildcard url match: {@code *} spans one host or path segment; the pattern is a prefix. */
  static boolean urlMatches(String pattern, String url) {
    StringBuilder re = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (re.length() > 0) {
        re.append("[^/?#]*");
      }
      re.append(Pattern.quote(part));
    }
    re.append("(?:[/?#].*)?");
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE).matcher(url).matches();
  }
}
