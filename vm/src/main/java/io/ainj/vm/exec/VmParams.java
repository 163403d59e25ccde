package io.ainj.vm.exec;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JNumber;

/**
 * Blockchain params the vm reads (AIN {@code blockchain_params.json}: the "resource", "genesis"
 * and "reward" sections) plus the node's timer flags. Defaults are the base config's values.
 *
 * <p>AIN reads a param from the genesis file at block 0 and from {@code /blockchain_params} in
 * state afterwards ({@code DB.getBlockchainParam}); {@link #from(Json, VmParams)} serves both:
 * give it the params tree of either source and the values to fall back on.
 *
 * @param unitWriteGasAmount bandwidth gas of every single write op
 * @param labelLengthLimit {@code state_label_length_limit}
 * @param treeHeightLimit {@code state_tree_height_limit}
 * @param minGcNumSiblingsDeleted lower bound for GC state rules written by SET_RULE
 * @param accountRegistrationGasAmount extra gas of a transfer to (or a first tx of) a new account
 * @param restFunctionCallGasAmount gas recorded for a REST function trigger
 * @param setOpListSizeLimit longest SET op_list inside a block
 * @param genesisAddress the consensus admin when /manage_app/consensus/config/admin is absent
 * @param stateTreeBytesLimit {@code state_tree_bytes_limit}, the base of every state budget
 * @param serviceStateBudgetRatio share of the bytes limit for service state (10901)
 * @param appsStateBudgetRatio share of the bytes limit for all apps (10902, 10907)
 * @param freeStateBudgetRatio share of the bytes limit for unstaked apps (10905)
 * @param stateGasCoefficient state gas per byte of tree growth
 * @param gasPriceUnit AIN per unit of gas price (1e-6: prices are in microAIN)
 * @param minGasPrice lowest non-zero gas price (10714)
 * @param minBalanceForServiceTx the payer's balance a service tx needs (10805)
 * @param appCreationGasAmount extra gas of creating an app (flag add_app_creation_gas_amount)
 * @param epochMs {@code genesis/epoch_ms}, for block rewards
 * @param rewardType {@code reward/type} ("FIXED" gives block rewards)
 * @param rewardAnnualRate {@code reward/annual_rate}
 * @param timerFlags the node's timer flags
 */
public record VmParams(long unitWriteGasAmount, int labelLengthLimit, int treeHeightLimit,
    double minGcNumSiblingsDeleted, long accountRegistrationGasAmount,
    long restFunctionCallGasAmount, int setOpListSizeLimit, String genesisAddress,
    double stateTreeBytesLimit, double serviceStateBudgetRatio, double appsStateBudgetRatio,
    double freeStateBudgetRatio, double stateGasCoefficient, double gasPriceUnit,
    double minGasPrice, double minBalanceForServiceTx, double appCreationGasAmount,
    double epochMs, String rewardType, double rewardAnnualRate, TimerFlags timerFlags) {

  public static final String BASE_GENESIS_ADDRESS = "0xAAAf6f50A0304F12119D218b94bea8082642515B";

  /**
   * The base config's params. {@code app_creation_gas_amount} is not in the base file (AIN's
   * bandage writes it when the flag turns on); 2000 is the amount AIN documents for it.
   */
  public static VmParams defaults() {
    return new VmParams(1, 150, 30, 100, 2000, 100, 50, BASE_GENESIS_ADDRESS,
        5_000_000_000d, 0.5, 0.495, 0.005, 1, 0.000001, 500, 0, 2000, 20000, "FIXED", 0.08,
        TimerFlags.base());
  }

  /**
   * Params from a blockchain-params tree ({@code {genesis, resource, reward, ...}}, the genesis
   * file or what state holds at {@code /blockchain_params}); anything absent or not of the right
   * type keeps {@code fallback}'s value. Timer flags are not params and stay {@code fallback}'s.
   */
  public static VmParams from(Json tree, VmParams fallback) {
    Json res = J.get(tree, "resource");
    Json gen = J.get(tree, "genesis");
    Json rew = J.get(tree, "reward");
    VmParams f = fallback;
    String addr = J.string(J.get(gen, "genesis_addr"));
    String rewardType = J.string(J.get(rew, "type"));
    return new VmParams(
        (long) num(res, "unit_write_gas_amount", f.unitWriteGasAmount),
        (int) num(res, "state_label_length_limit", f.labelLengthLimit),
        (int) num(res, "state_tree_height_limit", f.treeHeightLimit),
        num(res, "min_gc_num_siblings_deleted", f.minGcNumSiblingsDeleted),
        (long) num(res, "account_registration_gas_amount", f.accountRegistrationGasAmount),
        (long) num(res, "rest_function_call_gas_amount", f.restFunctionCallGasAmount),
        (int) num(res, "set_op_list_size_limit", f.setOpListSizeLimit),
        addr != null ? addr : f.genesisAddress,
        num(res, "state_tree_bytes_limit", f.stateTreeBytesLimit),
        num(res, "service_state_budget_ratio", f.serviceStateBudgetRatio),
        num(res, "apps_state_budget_ratio", f.appsStateBudgetRatio),
        num(res, "free_state_budget_ratio", f.freeStateBudgetRatio),
        num(res, "state_gas_coefficient", f.stateGasCoefficient),
        num(res, "gas_price_unit", f.gasPriceUnit),
        num(res, "min_gas_price", f.minGasPrice),
        num(res, "min_balance_for_service_tx", f.minBalanceForServiceTx),
        num(res, "app_creation_gas_amount", f.appCreationGasAmount),
        num(gen, "epoch_ms", f.epochMs),
        rewardType != null ? rewardType : f.rewardType,
        num(rew, "annual_rate", f.rewardAnnualRate),
        f.timerFlags);
  }

  public VmParams withTimerFlags(TimerFlags flags) {
    return new VmParams(unitWriteGasAmount, labelLengthLimit, treeHeightLimit,
        minGcNumSiblingsDeleted, accountRegistrationGasAmount, restFunctionCallGasAmount,
        setOpListSizeLimit, genesisAddress, stateTreeBytesLimit, serviceStateBudgetRatio,
        appsStateBudgetRatio, freeStateBudgetRatio, stateGasCoefficient, gasPriceUnit, minGasPrice,
        minBalanceForServiceTx, appCreationGasAmount, epochMs, rewardType, rewardAnnualRate, flags);
  }

  /** Whether timer flag {@code name} is on at {@code blockNumber} (JSON null: off). */
  public boolean flag(String name, Json blockNumber) {
    return timerFlags != null && timerFlags.isEnabled(name, blockNumber);
  }

  private static double num(Json section, String key, double fallback) {
    return J.get(section, key) instanceof JNumber n && n.isFinite() ? n.value() : fallback;
  }
}
