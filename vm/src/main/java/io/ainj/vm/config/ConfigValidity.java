package io.ainj.vm.config;

import io.ainj.crypto.Address;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.Json.JString;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.vm.rule.Js;
import io.ainj.vm.rule.WriteRuleTokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AIN's config validators (db/state-util.js): {@code isValidRuleConfig}, {@code
 * isValidStateRule}, {@code isValidRuleTree}, {@code isValidOwnerConfig}, {@code
 * isValidOwnerTree}, {@code isValidFunctionConfig}, {@code isValidFunctionTree}, {@code
 * isValidServiceName}. AIN checks shapes by sanitising a config and comparing it with the input
 * (lodash {@code isEqual}); the checks below state the same conditions directly.
 */
public final class ConfigValidity {
  private ConfigValidity() {}

  public static final String RULE = ".rule";
  public static final String OWNER = ".owner";
  public static final String FUNCTION = ".function";
  static final List<String> STATE_PROPS = List.of("max_children", "max_height", "max_size",
      "max_bytes", "gc_max_siblings", "gc_num_siblings_deleted");
  static final List<String> PERMISSIONS = List.of("branch_owner", "write_function",
      "write_owner", "write_rule");

  /** Block from which the timer flag {@code allow_lower_case_app_names_only} is on (base config). */
  public static final long LOWER_CASE_APP_NAMES_FROM_BLOCK = 2;

  static boolean isDict(Json j) {
    return j instanceof JObject;
  }

  static boolean isFiniteNumber(Json j) {
    return j instanceof JNumber n && Double.isFinite(n.value());
  }

  static String formatPath(List<String> labels) {
    if (labels.isEmpty()) {
      return "/";
    }
    StringBuilder sb = new StringBuilder();
    for (String l : labels) {
      sb.append('/').append(l);
    }
    return sb.toString();
  }

  /** AIN {@code appendPath}: parse both and join, so "/" + "/write" is "/write". */
  static String appendPath(String a, String b) {
    List<String> labels = new ArrayList<>(io.ainj.statedb.path.StatePath.parse(a));
    labels.addAll(io.ainj.statedb.path.StatePath.parse(b));
    return formatPath(labels);
  }

  // ---- rules ------------------------------------------------------------------------------

  /**
   * {@code isValidStateRule(stateRule, {minGcNumSiblingsDeleted})} with JavaScript comparisons
   * (it is also called on unsanitised input).
   */
  public static boolean isValidStateRule(Json stateRule, double minGcNumSiblingsDeleted) {
    if (stateRule instanceof Json.JNull) {
      return true;
    }
    if (!(stateRule instanceof JObject o) || o.isEmpty()) {
      return false;
    }
    boolean hasValidProperty = false;
    for (String p : List.of("max_children", "max_height", "max_size", "max_bytes")) {
      if (o.has(p)) {
        if (lessOrEqual(o.get(p), 0)) {
          return false;
        }
        hasValidProperty = true;
      }
    }
    if (o.has("gc_max_siblings")) {
      if (lessOrEqual(o.get("gc_max_siblings"), 0)) {
        return false;
      }
      Json deleted = o.get("gc_num_siblings_deleted");
      if (deleted == null
          || Boolean.TRUE.equals(Js.lessThan(Js.fromJson(deleted), minGcNumSiblingsDeleted))) {
        return false;
      }
      if (Boolean.TRUE.equals(Js.lessThan(Js.fromJson(o.get("gc_max_siblings")),
          Js.fromJson(deleted)))) {
        return false;
      }
      hasValidProperty = true;
    }
    return hasValidProperty;
  }

  /** JavaScript {@code v <= n}. */
  private static boolean lessOrEqual(Json v, double n) {
    return Boolean.FALSE.equals(Js.lessThan(n, Js.fromJson(v)));
  }

  /**
   * {@code isValidRuleConfig(params, ruleConfig)}: a dict with {@code write} and/or {@code
   * state} and nothing else; state properties finite numbers; then the write rule's token check
   * ({@code /write}) and the state rule's check ({@code /state}).
   */
  public static Validity isValidRuleConfig(Json cfg, Json variableLabels,
      double minGcNumSiblingsDeleted) {
    if (!(cfg instanceof JObject o)) {
      return Validity.invalid("/");
    }
    boolean hasWrite = o.has("write");
    boolean hasState = o.has("state");
    if (!hasWrite && !hasState) {
      return Validity.invalid("/");
    }
    for (String k : o.keys()) {
      if (!k.equals("write") && !k.equals("state")) {
        return Validity.invalid("/");
      }
    }
    if (hasState && !(o.get("state") instanceof Json.JNull)) {
      // Sanitising keeps only known properties, as numbers (else 0); anything it changes, or a
      // state with no known property at all (dropped by sanitising), makes the config differ.
      if (!(o.get("state") instanceof JObject st) || st.isEmpty()) {
        return Validity.invalid("/");
      }
      for (String k : st.keys()) {
        if (!STATE_PROPS.contains(k) || !isFiniteNumber(st.get(k))) {
          return Validity.invalid("/");
        }
      }
    }
    if (hasWrite && !WriteRuleTokens.isValidWriteRule(variableLabels, o.get("write"))) {
      return Validity.invalid("/write");
    }
    if (hasState && !isValidStateRule(o.get("state"), minGcNumSiblingsDeleted)) {
      return Validity.invalid("/state");
    }
    return Validity.VALID;
  }

  /** A config validator as {@link #isValidConfigTree} calls it. */
  @FunctionalInterface
  interface ConfigValidator {
    Validity check(Json config, Map<String, Boolean> variableLabels);
  }

  /**
   * {@code isValidRuleTree(treePath, ruleTree, params)}: labels of the ref path may not repeat
   * a {@code $var}; then every node of the tree is a non-empty dict, {@code $var} labels do not
   * repeat along any root-to-node path, and every {@code .rule} is valid with the variables in
   * scope.
   */
  public static Validity isValidRuleTree(List<Json> treePath, Json tree,
      double minGcNumSiblingsDeleted) {
    return isValidConfigTree(treePath, tree, RULE, (cfg, vars) -> {
      JObject.Builder b = JObject.builder();
      vars.keySet().forEach(k -> b.put(k, Json.TRUE));
      return isValidRuleConfig(cfg, b.build(), minGcNumSiblingsDeleted);
    });
  }

  public static Validity isValidOwnerTree(List<Json> treePath, Json tree) {
    return isValidConfigTree(treePath, tree, OWNER, (cfg, vars) -> isValidOwnerConfig(cfg));
  }

  public static Validity isValidFunctionTree(List<Json> treePath, Json tree) {
    return isValidConfigTree(treePath, tree, FUNCTION, (cfg, vars) -> isValidFunctionConfig(cfg));
  }

  static Validity isValidConfigTree(List<Json> treePath, Json tree, String configLabel,
      ConfigValidator validator) {
    if (tree instanceof Json.JNull) {
      return Validity.VALID;
    }
    Map<String, Boolean> vars = new LinkedHashMap<>();
    List<String> formatted = new ArrayList<>();
    for (int i = 0; i < treePath.size(); i++) {
      Json l = treePath.get(i);
      String label = l instanceof JString s ? s.value() : JsonCodec.stringify(l);
      formatted.add(label);
      if (l instanceof JString s && s.value().startsWith("$")) {
        if (vars.containsKey(s.value())) {
          return Validity.invalid(formatPath(formatted));
        }
        vars.put(s.value(), true);
      }
    }
    return configTreeRecursive(formatted, tree, new ArrayList<>(), configLabel, validator, vars);
  }

  private static Validity configTreeRecursive(List<String> treePath, Json tree,
      List<String> subtreePath, String configLabel, ConfigValidator validator,
      Map<String, Boolean> vars) {
    if (!(tree instanceof JObject o) || o.isEmpty()) {
      return Validity.invalid(formatPath(subtreePath));
    }
    for (String label : o.keys()) {
      subtreePath.add(label);
      boolean isVar = label.startsWith("$");
      if (isVar) {
        if (vars.containsKey(label)) {
          List<String> full = new ArrayList<>(treePath);
          full.addAll(subtreePath);
          return Validity.invalid(formatPath(full));
        }
        vars.put(label, true);
      }
      Json subtree = o.get(label);
      if (label.equals(configLabel)) {
        Validity v = validator.check(subtree, vars);
        if (!v.isValid()) {
          return Validity.invalid(appendPath(formatPath(subtreePath), v.invalidPath()));
        }
      } else {
        Validity v = configTreeRecursive(treePath, subtree, subtreePath, configLabel, validator,
            vars);
        if (!v.isValid()) {
          return v;
        }
      }
      subtreePath.remove(subtreePath.size() - 1);
      if (isVar) {
        vars.remove(label);
      }
    }
    return Validity.VALID;
  }

  // ---- owners -----------------------------------------------------------------------------

  /**
   * {@code isValidOwnerConfig}: {@code {owners: {<key>: <permissions>|null, ...}}} with keys
   * {@code *}, checksum addresses or {@code fid:<native id>}, and permissions exactly the four
   * booleans.
   */
  public static Validity isValidOwnerConfig(Json cfg) {
    if (!(cfg instanceof JObject o)) {
      return Validity.invalid("/");
    }
    if (!o.has("owners")) {
      return Validity.invalid("/");
    }
    if (!(o.get("owners") instanceof JObject owners) || owners.isEmpty()) {
      return Validity.invalid("/owners");
    }
    for (String owner : owners.keys()) {
      String invalidPath = "/owners/" + owner;
      if (!owner.equals("*") && !isChecksumAddress(owner)) {
        if (!owner.startsWith("fid:")
            || !NativeFunctionIds.isNative(owner.substring("fid:".length()))) {
          return Validity.invalid(invalidPath);
        }
      }
      Json perms = owners.get(owner);
      if (perms instanceof Json.JNull) {
        continue; // deletion in a merge
      }
      if (!isValidPermissions(perms)) {
        return Validity.invalid(invalidPath);
      }
    }
    return Validity.VALID;
  }

  static boolean isChecksumAddress(String s) {
    return Address.isValid(s) && Address.isChecksum(s);
  }

  static boolean isValidPermissions(Json perms) {
    if (!(perms instanceof JObject p) || p.size() != PERMISSIONS.size()) {
      return false;
    }
    for (String k : PERMISSIONS) {
      if (!(p.get(k) instanceof Json.JBool)) {
        return false;
      }
    }
    return true;
  }

  // ---- functions --------------------------------------------------------------------------

  /**
   * {@code isValidFunctionConfig}: a non-empty map of fid to info (or null), info being exactly
   * {@code {function_type:"NATIVE", function_id}} or {@code {function_type:"REST", function_id,
   * function_url}} with a valid public URL, and {@code function_id} equal to the key.
   */
  public static Validity isValidFunctionConfig(Json cfg) {
    if (!(cfg instanceof JObject o) || o.isEmpty()) {
      return Validity.invalid("/");
    }
    for (String fid : o.keys()) {
      Json info = o.get(fid);
      if (info instanceof Json.JNull) {
        continue; // deletion in a merge
      }
      if (!isValidFunctionInfo(info)) {
        return Validity.invalid("/" + fid);
      }
      if (!(((JObject) info).get("function_id") instanceof JString id) || !id.value().equals(fid)) {
        return Validity.invalid("/" + fid + "/function_id");
      }
    }
    return Validity.VALID;
  }

  static boolean isValidFunctionInfo(Json info) {
    if (!(info instanceof JObject o) || o.isEmpty()) {
      return false;
    }
    Json type = o.get("function_type");
    List<String> expected;
    if (type instanceof JString t && t.value().equals("NATIVE")) {
      expected = List.of("function_type", "function_id");
    } else if (type instanceof JString t && t.value().equals("REST")) {
      expected = List.of("function_type", "function_id", "function_url");
    } else {
      return false;
    }
    if (o.size() != expected.size()) {
      return false;
    }
    for (String k : expected) {
      if (!(o.get(k) instanceof JString)) {
        return false;
      }
    }
    Json url = o.get("function_url");
    return url == null || isValidUrl(((JString) url).value());
  }

  /**
   * AIN's {@code isValidUrl}: http, https or ftp with a public host (private IPv4 ranges
   * refused, {@code localhost} accepted), optional port and path.
   */
  private static final Pattern URL = Pattern.compile(
      "^(?:(?:https?|ftp)://)(?:\\S+(?::\\S*)?@)?(?:"
          + "(?!(?:10|127)(?:\\.\\d{1,3}){3})"
          + "(?!(?:169\\.254|192\\.168)(?:\\.\\d{1,3}){2})"
          + "(?!172\\.(?:1[6-9]|2\\d|3[0-1])(?:\\.\\d{1,3}){2})"
          + "(?:[1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3])(?:\\.(?:1?\\d{1,2}|2[0-4]\\d|25[0-5])){2}"
          + "(?:\\.(?:[1-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-4]))"
          + "|(?:(?:[a-z\\u00a1-\\uffff0-9]-*)*[a-z\\u00a1-\\uffff0-9]+)"
          + "(?:\\.(?:[a-z\\u00a1-\\uffff0-9]-*)*[a-z\\u00a1-\\uffff0-9]+)*"
          + "(?:\\.(?:[a-z\\u00a1-\\uffff]{2,}))\\.?"
          + "|localhost)"
          + "(?::\\d{2,5})?(?:[/?#]\\S*)?$",
      Pattern.CASE_INSENSITIVE);

  public static boolean isValidUrl(String url) {
    return URL.matcher(url).matches();
  }

  // ---- service names ----------------------------------------------------------------------

  private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_]+[A-Za-z0-9_]*");
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z_]+[a-z0-9_]*");

  /**
   * {@code isValidServiceName(name, blockNumber)}: not reserved, and a variable-like name
   * (lower case only once the timer flag is on). AIN's regexes carry the {@code m} flag, so a
   * name passes when any of its lines matches; that quirk is kept.
   */
  public static boolean isValidServiceName(Json name, Json blockNumber) {
    if (!(name instanceof JString s)) {
      return false;
    }
    if (s.value().equals("balance_total_sum")) {
      return false;
    }
    boolean lowerOnly = blockNumber instanceof JNumber n && Double.isFinite(n.value())
        && n.value() >= LOWER_CASE_APP_NAMES_FROM_BLOCK;
    return anyLineMatches(lowerOnly ? SERVICE_NAME : VAR_NAME, s.value());
  }

  static boolean anyLineMatches(Pattern p, String s) {
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '\n' || s.charAt(i) == '\r'
          || s.charAt(i) == '\u2028' || s.charAt(i) == '\u2029') {
        if (p.matcher(s.substring(start, i)).matches()) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }
}
