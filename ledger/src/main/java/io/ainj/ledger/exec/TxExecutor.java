package io.ainj.ledger.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.ledger.tx.Transaction;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.WriteLog;

/**
 * The port through which the ledger runs a transaction: AIN's {@code executeTransaction}
 * (prechecks, operations, triggered functions, gas and fee, nonce update), implemented by the
 * vm and wired by the node. The ledger only decides where transactions run and what is kept.
 */
public interface TxExecutor {

  /**
   * The block a transaction runs in.
   *
   * @param blockNumber the height being built (AIN: last finalized + 1 for pool admission)
   * @param blockTimestamp the block's time in ms, never the wall clock
   * @param skipFees genesis runs without fees
   */
  record Context(long blockNumber, long blockTimestamp, boolean skipFees) {}

  /**
   * Runs {@code tx} on {@code state}. A failed transaction leaves the state as AIN leaves it
   * (nothing but a capped fee for 11001); a precheck failure leaves it untouched.
   *
   * @return AIN's execution result ({@code code} or {@code result_list}, gas fields, ...)
   */
  ObjectNode execute(MutableState state, Transaction tx, Context ctx);

  /**
   * A result and whether it depends on the block time: one that does not is what the same
   * transaction gives in any block of the same number, on the same state. One that also does
   * not depend on the block number has the same effects in a block of another number, but for
   * what {@link #renumber} rewrites.
   */
  record Executed(ObjectNode result, boolean dependsOnBlockTime, boolean dependsOnBlockNumber) {}

  /**
   * {@link #execute}, also saying what the result depends on. The default says it always may
   * depend on both, which turns off reusing pool executions in blocks.
   */
  default Executed executeTracked(MutableState state, Transaction tx, Context ctx) {
    return new Executed(execute(state, tx, ctx), true, true);
  }

  /**
   * The writes a run of {@code tx} in block {@code from} made ({@code writes}, from a run that
   * depended on neither the block time nor the number), as a run in block {@code to} on the
   * same state makes them; null when that cannot be told without running it. The default
   * cannot tell.
   */
  default WriteLog renumber(WriteLog writes, Transaction tx, long from, long to) {
    return null;
  }
}
