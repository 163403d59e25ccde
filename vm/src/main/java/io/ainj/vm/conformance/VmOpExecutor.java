package io.ainj.vm.conformance;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.conformance.VectorOpExecutor;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.vm.config.UtilFunctions;
import java.util.List;
import java.util.Optional;

/**
 * The vm's plug into state-db's vector runner, so one runner covers the whole vector format:
 * the vm executes writes, matches and evaluations, and its config-level UTIL helpers. Inside a
 * GET op_list an EVAL_* element is in API form ({@code address}/{@code fid} rather than
 * {@code auth}) and keeps its {@code matched} field, as {@code ain_get} returns it.
 */
public final class VmOpExecutor implements VectorOpExecutor {
  private final VmVectorExecutor vm;

  public VmOpExecutor(VmVectorExecutor vm) {
    this.vm = vm;
  }

  public VmOpExecutor() {
    this(new VmVectorExecutor());
  }

  @Override
  public Optional<Json> execute(JObject op, MutableState state) {
    if (!VmVectorExecutor.handles(op)) {
      return Optional.empty();
    }
    if (!op.has("auth") && (op.has("address") || op.has("fid"))) {
      return Optional.of(vm.executeApiForm(state, op));
    }
    return Optional.of(vm.execute(state, op));
  }

  @Override
  public Optional<Json> util(String fn, List<Json> args) {
    if (!UtilFunctions.supports(fn)) {
      return Optional.empty();
    }
    return Optional.of(UtilFunctions.apply(fn, args, UtilFunctions.VECTOR_MIN_GC_NUM_SIBLINGS_DELETED));
  }
}
