package io.ainj.vm.rule;

import io.ainj.statedb.json.Json;
import java.util.List;
import java.util.Map;

/**
 * The arguments AIN passes to a write rule, in its parameter order: {@code auth, data, newData,
 * currentTime, blockNumber, blockTime, parsedValuePath}, then the path variables in
 * {@code pathVars} order ({@code getValue}... and {@code util} are bound by the engine).
 *
 * @param auth the auth object, JSON null for none
 * @param blockNumber JSON null outside block execution
 * @param blockTime JSON null outside block execution
 * @param pathVars variable label ({@code $uid}) to value label, innermost first as AIN lists them
 */
public record WriteRuleInput(Json auth, Json data, Json newData, double currentTime,
    Json blockNumber, Json blockTime, List<String> parsedValuePath, Map<String, String> pathVars) {
  public WriteRuleInput {
    parsedValuePath = List.copyOf(parsedValuePath);
    pathVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pathVars));
  }
}
