package io.ainj.vm.config;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JArray;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.vm.rule.WriteRuleTokens;
import java.util.List;
import java.util.Set;

/**
 * The config-level UTIL functions of the state vectors ({@code {"type":"UTIL","fn":...}}), with
 * their JSON arguments and results, for conformance runners. Invalid argument shapes yield an
 * invalid result, never an exception.
 */
public final class UtilFunctions {
  private UtilFunctions() {}

  /** The {@code min_gc_num_siblings_deleted} the UTIL vectors fix (spec section 0). */
  public static final double VECTOR_MIN_GC_NUM_SIBLINGS_DELETED = 20;

  public static final Set<String> NAMES = Set.of("isValidWriteRule", "isValidStateRule",
      "isValidRuleConfig", "isValidRuleTree", "isValidOwnerConfig", "isValidFunctionConfig",
      "isValidServiceName", "applyRuleChange", "applyOwnerChange", "applyFunctionChange");

  public static boolean supports(String fn) {
    return NAMES.contains(fn);
  }

  /** Runs {@code fn} on {@code args}; missing arguments are JSON null. */
  public static Json apply(String fn, List<Json> args, double minGcNumSiblingsDeleted) {
    Json a0 = args.isEmpty() ? Json.NULL : args.get(0);
    Json a1 = args.size() < 2 ? Json.NULL : args.get(1);
    return switch (fn) {
      case "isValidWriteRule" -> Json.of(WriteRuleTokens.isValidWriteRule(a0, a1));
      case "isValidStateRule" -> Json.of(ConfigValidity.isValidStateRule(a0,
          minGcNumSiblingsDeleted));
      case "isValidRuleConfig" -> validity(ConfigValidity.isValidRuleConfig(a0, JObject.EMPTY,
          minGcNumSiblingsDeleted));
      case "isValidRuleTree" -> validity(ConfigValidity.isValidRuleTree(labels(a0), a1,
          minGcNumSiblingsDeleted));
      case "isValidOwnerConfig" -> validity(ConfigValidity.isValidOwnerConfig(a0));
      case "isValidFunctionConfig" -> validity(ConfigValidity.isValidFunctionConfig(a0));
      case "isValidServiceName" -> Json.of(ConfigValidity.isValidServiceName(a0, a1));
      case "applyRuleChange" -> change(ConfigChanges.applyRuleChange(a0, a1), "ruleConfig");
      case "applyOwnerChange" -> change(ConfigChanges.applyOwnerChange(a0, a1), "ownerConfig");
      case "applyFunctionChange" -> change(ConfigChanges.applyFunctionChange(a0, a1),
          "funcConfig");
      default -> throw new IllegalArgumentException("unknown UTIL function " + fn);
    };
  }

  private static List<Json> labels(Json j) {
    return j instanceof JArray a ? a.items() : List.of();
  }

  public static Json validity(Validity v) {
    return JObject.builder().put("isValid", Json.of(v.isValid()))
        .put("invalidPath", Json.of(v.invalidPath())).build();
  }

  private static Json change(ConfigChange c, String configKey) {
    return JObject.builder().put("isMerge", Json.of(c.isMerge())).put(configKey, c.config())
        .build();
  }
}
