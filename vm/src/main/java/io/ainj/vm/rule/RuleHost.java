package io.ainj.vm.rule;

import io.ainj.statedb.json.Json;
import java.util.List;

/**
 * Everything outside itself a rule can reach: reads of the current state and the two
 * permission evaluators. Implemented by the vm over a state version; tests implement it over
 * maps. All paths are local (no root label) and already parsed.
 */
public interface RuleHost {
  /** The value at a local path, JSON null when absent. */
  Json getValue(List<String> path);

  Json getRule(List<String> path);

  Json getOwner(List<String> path);

  Json getFunction(List<String> path);

  /**
   * AIN {@code evalRule(path, value, auth, timestamp)}: the result object of the permission
   * check ({@code {code, message?, matched?}}). Nested rule work is charged to {@code meter}.
   */
  Json evalRule(List<String> path, Json value, Json auth, double timestamp, Meter meter);

  /** AIN {@code evalOwner(path, permission, auth)}: the result object of the owner check. */
  Json evalOwner(List<String> path, String permission, Json auth, Meter meter);

  /** The genesis (owner) address, for {@code util.getOwnerAddr()}. */
  default String genesisAddress() {
    return null;
  }

  /** A blockchain param by slash path ("consensus/min_num_validators"), JSON null if absent. */
  default Json blockchainParam(String path) {
    return Json.NULL;
  }
}
