package io.ainj.node.cli;

import io.ainj.statedb.conformance.VectorOpExecutor;

/** The vm's plug for the state-vector runner; until the vm lands, vm-only vectors are skipped. */
final class VmConformance {
  private VmConformance() {}

  static VectorOpExecutor executor() {
    return VectorOpExecutor.NONE;
  }
}
