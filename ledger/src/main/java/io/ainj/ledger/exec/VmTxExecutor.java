package io.ainj.ledger.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.ledger.tx.Transaction;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.WriteLog;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.vm.exec.TimerFlags;
import io.ainj.vm.exec.VmParams;
import io.ainj.vm.rule.RuleEngine;
import io.ainj.vm.tx.TransactionExecutor;

/**
 * The ledger's {@link TxExecutor} port implemented by the vm's {@link TransactionExecutor}:
 * converts the signed transaction to the vm's JSON model and back, nothing more.
 *
 * <p>AIN's {@code executed_at} (the wall clock at execution, against which unstaking checks
 * lockups) is taken to be the block time: every node then decides an unstake the same way,
 * where AIN nodes could disagree by their clocks.
 */
public final class VmTxExecutor implements TxExecutor {
  private final TransactionExecutor vm;

  public VmTxExecutor(TransactionExecutor vm) {
    this.vm = vm;
  }

  /**
   * An executor for a chain whose genesis params (the {@code blockchain_params.json} tree) and
   * timer flags ({@code timer_flags.json}) are given; a null {@code timerFlags} turns every
   * flag off.
   */
  public static VmTxExecutor forGenesis(JsonNode blockchainParams, JsonNode timerFlags) {
    TimerFlags flags = timerFlags == null ? TimerFlags.none()
        : TimerFlags.parse(JsonCodec.fromJackson(timerFlags));
    VmParams params = VmParams.from(JsonCodec.fromJackson(blockchainParams), VmParams.defaults())
        .withTimerFlags(flags);
    return new VmTxExecutor(new TransactionExecutor(new RuleEngine(), params));
  }

  public TransactionExecutor vm() {
    return vm;
  }

  @Override
  public ObjectNode execute(MutableState state, Transaction tx, Context ctx) {
    return executeTracked(state, tx, ctx).result();
  }

  @Override
  public Executed executeTracked(MutableState state, Transaction tx, Context ctx) {
    Json body = tx.body() == null ? null : JsonCodec.fromJackson(tx.body());
    TransactionExecutor.Outcome out = vm.executeTracked(state, new TransactionExecutor.Request(body,
        tx.address(), tx.hash(), ctx.blockNumber(), ctx.blockTimestamp(), ctx.skipFees(),
        ctx.blockTimestamp()));
    return new Executed((ObjectNode) JsonCodec.toJackson(out.result()), out.blockTimeRead(), out.blockNumberRead());
  }

  /**
   * A run that read neither the block time nor the number differs between blocks only in its
   * receipt's {@code block_number} (when receipts are recorded), as long as the timer flags are
   * the same at both numbers.
   */
  @Override
  public WriteLog renumber(WriteLog writes, Transaction tx, long from, long to) {
    if (from == to) {
      return writes;
    }
    if (!vm.sameRulesAt(from, to)) {
      return null;
    }
    return writes.rewriting(TransactionExecutor.receiptPath(tx.hash()),
        receipt -> TransactionExecutor.receiptInBlock(receipt, to));
  }
}
