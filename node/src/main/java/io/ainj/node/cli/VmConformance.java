package io.ainj.node.cli;

import io.ainj.statedb.conformance.VectorOpExecutor;
import io.ainj.vm.conformance.VmOpExecutor;

/** The vm's plug for the state-vector runner: writes, rules, owners, functions, EVAL/MATCH. */
final class VmConformance {
  private VmConformance() {}

  static VectorOpExecutor executor() {
    return new VmOpExecutor();
  }
}
