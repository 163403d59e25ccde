package io.ainj.statedb.conformance;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * The plug the vm implements so the runner can execute ops that need rules, owners, functions or
 * the rule language. Return {@link Optional#empty()} for anything not (yet) supported: the runner
 * then reports the vector as UNSUPPORTED.
 */
public interface VectorOpExecutor {

  /**
   * Executes one op of the vector format ({@code SET_VALUE}, {@code SET}, {@code EVAL_RULE},
   * {@code MATCH_OWNER}...; inside a {@code GET} op_list, the element in API form with its
   * {@code type} filled in) on {@code state}, with the vector conventions of spec §0 (timestamp
   * 1234567890000, null block number, base blockchain params). Writes go to {@code state}; the
   * runner then compares {@code expected.result} and {@code state_after}.
   */
  Optional<Json> execute(Json.JObject op, MutableState state);

  /** Evaluates a UTIL helper that belongs to the vm (isValidRuleConfig, applyRuleChange...). */
  Optional<Json> util(String fn, List<Json> args);

  /** An executor that supports nothing. */
  VectorOpExecutor NONE = new VectorOpExecutor() {
    @Override
    public Optional<Json> execute(Json.JObject op, MutableState state) {
      return Optional.empty();
    }

    @Override
    public Optional<Json> util(String fn, List<Json> args) {
      return Optional.empty();
    }
  };
}
