package io.ainj.node;

import io.ainj.genesis.GenesisParams;
import io.ainj.ledger.exec.VmTxExecutor;

/** Chooses the transaction executor the chain runs with. */
final class NodeExecutors {
  private NodeExecutors() {}

  /**
   * AIN's transaction semantics on the vm, with the genesis params (later blocks read the params
   * from {@code /blockchain_params} in state) and the genesis timer flags.
   */
  static VmTxExecutor forGenesis(GenesisParams genesis) {
    return VmTxExecutor.forGenesis(genesis.blockchainParams(), genesis.timerFlags());
  }
}
