package io.ainj.vm.exec;

import io.ainj.crypto.JsNumber;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.vm.FunctionResultCode;
import java.util.ArrayList;
import java.util.List;

/**
 * AIN's native service functions (spec ain-state §5.3): staking, consensus rewards and
 * offenses, payments and escrow. Each moves tokens through {@link NativeFunctions#serviceTransfer}
 * (a {@code /transfer} record that triggers {@code _transfer}), so the balance rules and the
 * nested results are AIN's. A null value does nothing and succeeds.
 */
final class ServiceFunctions {
  /** Milliseconds per (Julian) year, the denominator of AIN's FIXED block reward. */
  static final double MS_PER_YEAR = 31_557_600_000d;
  /** {@code consensus/stake_lockup_extension} of the base config, when state has none. */
  static final double DEFAULT_STAKE_LOCKUP_EXTENSION = 2_592_000_000d;

  private ServiceFunctions() {}

  private static Json ok(NativeFunctions.Call c) {
    return c.finish(FunctionResultCode.SUCCESS, 0);
  }

  private static Json done(NativeFunctions.Call c, Json writeResult, int failCode) {
    return c.finish(Results.isFailed(writeResult) ? failCode : FunctionResultCode.SUCCESS, 0);
  }

  /** JS {@code Number(v)} for what state holds: null is 0, a number itself, else NaN. */
  private static double number(Json v) {
    if (v == null || v instanceof Json.JNull) {
      return 0;
    }
    if (v instanceof JNumber n) {
      return n.value();
    }
    if (v instanceof Json.JBool b) {
      return b.value() ? 1 : 0;
    }
    if (v instanceof Json.JString s) {
      try {
        String t = s.value().trim();
        return t.isEmpty() ? 0 : Double.parseDouble(t);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  private static double amountOf(Json v) {
    return v instanceof JNumber n ? n.value() : Double.NaN;
  }

  private static double blockTime(NativeFunctions.Call c) {
    return c.ex.context().blockTime() instanceof JNumber n ? n.value() : Double.NaN;
  }

  private static String stakingAccount(String svc, String user, String key) {
    return "staking|" + svc + "|" + user + "|" + key;
  }

  // ---- staking ----------------------------------------------------------------------------

  /**
   * {@code /staking/$service_name/$user_addr/$staking_key/stake/$record_id/value}: the stake
   * moves to {@code staking|svc|user|key}; the lockup ({@code manage_app/<svc>/config/service/
   * staking/lockup_duration}, default 0) pushes {@code expire_at} to blockTime + lockup when
   * that is later. A stake of 0 only extends the lockup.
   */
  static Json stake(NativeFunctions.Call c) {
    if (NativeFunctions.isNull(c.value)) {
      return ok(c);
    }
    String svc = c.params.get("service_name");
    String user = c.params.get("user_addr");
    String key = c.params.get("staking_key");
    Json lockupJson = c.getValue("/manage_app/" + svc + "/config/service/staking/lockup_duration");
    double lockup = NativeFunctions.isNull(lockupJson) ? 0 : amountOf(lockupJson);
    if (!(lockup >= 0) || lockup != Math.floor(lockup) || Double.isInfinite(lockup)) {
      return c.finish(FunctionResultCode.INVALID_LOCKUP_DURATION, 0);
    }
    String expirationPath = "/staking/" + svc + "/" + user + "/" + key + "/expire_at";
    double current = number(c.getValue(expirationPath));
    double newExpiration = blockTime(c) + lockup;
    boolean extend = newExpiration > current;
    double value = amountOf(c.value);
    if (value == 0) {
      if (extend) {
        c.setValue(expirationPath, Json.of(newExpiration));
      }
      return ok(c);
    }
    Json t = NativeFunctions.serviceTransfer(c, user, stakingAccount(svc, user, key), value);
    if (Results.isFailed(t)) {
      return c.finish(FunctionResultCode.INTERNAL_ERROR, 0);
    }
    if (extend) {
      c.setValue(expirationPath, Json.of(newExpiration));
    }
    c.incValue("/staking/" + svc + "/balance_total", value);
    if (c.ex.params().flag("staking_balance_total_sum", c.ex.context().blockNumberForFlag())) {
      c.incValue("/staking/balance_total_sum", value);
    }
    return ok(c);
  }

  /**
   * {@code .../unstake/$record_id/value}: refused while {@code expire_at} is after the execution
   * time; otherwise the amount goes back to the user and the totals shrink.
   */
  static Json unstake(NativeFunctions.Call c) {
    if (NativeFunctions.isNull(c.value)) {
      return ok(c);
    }
    String svc = c.params.get("service_name");
    String user = c.params.get("user_addr");
    String key = c.params.get("staking_key");
    Json expireAt = c.getValue("/staking/" + svc + "/" + user + "/" + key + "/expire_at");
    if (expireAt instanceof JNumber e && e.value() > c.ex.context().executedAt()) {
      return c.finish(FunctionResultCode.IN_LOCKUP_PERIOD, 0);
    }
    double value = amountOf(c.value);
    Json t = NativeFunctions.serviceTransfer(c, stakingAccount(svc, user, key), user, value);
    if (Results.isFailed(t)) {
      return c.finish(FunctionResultCode.INTERNAL_ERROR, 0);
    }
    c.decValue("/staking/" + svc + "/balance_total", value);
    if (c.ex.params().flag("staking_balance_total_sum", c.ex.context().blockNumberForFlag())) {
      c.decValue("/staking/balance_total_sum", value);
    }
    return ok(c);
  }

  // ---- consensus rewards and offenses -----------------------------------------------------

  private static final String GAS_FEE_UNCLAIMED = "gas_fee|gas_fee|unclaimed";

  /** {@code /gas_fee/claim/$user_addr/$record_id} {@code {amount}}: unclaimed rewards paid out. */
  static Json claimReward(NativeFunctions.Call c) {
    if (NativeFunctions.isNull(c.value)) {
      return ok(c);
    }
    String addr = c.params.get("user_addr");
    String unclaimedPath = "/consensus/rewards/" + addr + "/unclaimed";
    Json u = c.getValue(unclaimedPath);
    double unclaimed = u instanceof JNumber n ? n.value() : 0;
    double amount = amountOf(J.get(c.value, "amount"));
    if (unclaimed < amount) {
      return c.finish(FunctionResultCode.INVALID_AMOUNT, 0);
    }
    Json t = NativeFunctions.serviceTransfer(c, GAS_FEE_UNCLAIMED, addr, amount);
    if (Results.isFailed(t)) {
      return c.finish(FunctionResultCode.FAILURE, 0);
    }
    return done(c, c.setValue(unclaimedPath, Json.of(unclaimed - amount)),
        FunctionResultCode.INTERNAL_ERROR);
  }

  private static void addRewards(NativeFunctions.Call c, String addr, double amount) {
    String path = "/consensus/rewards/" + addr;
    Json prev = c.getValue(path);
    double unclaimed = J.get(prev, "unclaimed") instanceof JNumber n ? n.value() : 0;
    double cumulative = J.get(prev, "cumulative") instanceof JNumber n ? n.value() : 0;
    c.setValue(path, J.obj("unclaimed", unclaimed + amount, "cumulative", cumulative + amount));
  }

  /**
   * {@code /consensus/number/$number/propose}: rewards for block N-1 (whose votes are final
   * now): its gas fees split over the voters by stake, the last voter taking the remainder,
   * plus the FIXED block reward {@code annual_rate * epoch_ms / year * stake}.
   */
  static Json distributeFee(NativeFunctions.Call c) {
    if (NativeFunctions.isNull(c.value)) {
      return ok(c);
    }
    double number = number(Json.of(c.params.get("number")));
    if (!(number > 1)) {
      return ok(c);
    }
    Json last = c.getValue("/consensus/number/" + JsNumber.toString(number - 1));
    Json propose = J.get(last, "propose");
    double gasCostTotal = J.get(propose, "gas_cost_total") instanceof JNumber g ? g.value() : 0;
    String blockHash = J.string(J.get(propose, "block_hash"));
    Json votes = blockHash == null ? null : J.get(J.get(last, blockHash), "vote");
    if (!(votes instanceof JObject vs) || vs.isEmpty()) {
      return ok(c);
    }
    double totalAtStake = 0;
    for (int i = 0; i < vs.size(); i++) {
      totalAtStake += amountOf(J.get(vs.value(i), "stake"));
    }
    VmParams p = c.ex.params();
    boolean fixedReward = "FIXED".equals(p.rewardType());
    double feeSum = 0;
    for (int i = 0; i < vs.size(); i++) {
      double stake = amountOf(J.get(vs.value(i), "stake"));
      double fee;
      if (i == vs.size() - 1) {
        fee = gasCostTotal - feeSum;
      } else {
        fee = gasCostTotal * (stake / totalAtStake);
        feeSum += fee;
      }
      double reward = fixedReward ? p.rewardAnnualRate() * p.epochMs() / MS_PER_YEAR * stake : 0;
      double total = fee + reward;
      if (total > 0) {
        addRewards(c, vs.key(i), total);
      }
    }
    return ok(c);
  }

  /**
   * {@code _handleOffenses}: counts new offenses per offender and extends its consensus stake's
   * lockup by {@code stake_lockup_extension * 2^(n-1)} for each new offense number n.
   */
  static Json handleOffenses(NativeFunctions.Call c) {
    Json offenses = J.get(c.value, "offenses");
    if (!(offenses instanceof JObject os) || os.isEmpty()) {
      return ok(c);
    }
    Json ext = c.getValue("/blockchain_params/consensus/stake_lockup_extension");
    double extension = ext instanceof JNumber e ? e.value() : DEFAULT_STAKE_LOCKUP_EXTENSION;
    for (int i = 0; i < os.size(); i++) {
      String offender = os.key(i);
      double numNew = 0;
      if (os.value(i) instanceof JObject list) {
        for (int k = 0; k < list.size(); k++) {
          numNew += amountOf(list.value(k));
        }
      }
      String recordsPath = "/consensus/offense_records/" + offender;
      c.incValue(recordsPath, numNew);
      double updated = number(c.getValue(recordsPath));
      double lockupExtension = 0;
      for (double n = updated - numNew + 1; n <= updated; n++) {
        lockupExtension += extension * Math.pow(2, n - 1);
      }
      if (lockupExtension > 0) {
        String expirationPath = "/staking/consensus/" + offender + "/0/expire_at";
        double current = Math.max(number(c.getValue(expirationPath)), blockTime(c));
        c.setValue(expirationPath, Json.of(current + lockupExtension));
      }
    }
    return ok(c);
  }

  // ---- payments and escrow ----------------------------------------------------------------

  private static boolean validPayment(String admin, Json value) {
    double amount = amountOf(J.get(value, "amount"));
    return admin != null && !admin.isEmpty() && amount != 0 && !Double.isNaN(amount);
  }

  private static String paymentsAccount(NativeFunctions.Call c) {
    return "payments|" + c.params.get("service_name") + "|" + c.params.get("user_addr") + "|"
        + c.params.get("payment_key");
  }

  /** {@code /payments/$service_name/$user_addr/$payment_key/pay/$record_id}: admin pays in. */
  static Json pay(NativeFunctions.Call c) {
    if (NativeFunctions.isNull(c.value)) {
      return ok(c);
    }
    String admin = J.string(J.get(c.auth, "addr"));
    if (!validPayment(admin, c.value)) {
      return c.finish(FunctionResultCode.FAILURE, 0);
    }
    Json t = NativeFunctions.serviceTransfer(c, admin, paymentsAccount(c),
        amountOf(J.get(c.value, "amount")));
    return done(c, t, FunctionResultCode.INTERNAL_ERROR);
  }

  /**
   * {@code .../claim/$record_id}: the payment goes to {@code target}, or into escrow towards it
   * when {@code escrow_key} is given.
   */
  static Json claim(NativeFunctions.Call c) {
    if (NativeFunctions.isNull(c.value)) {
      return ok(c);
    }
    String admin = J.string(J.get(c.auth, "addr"));
    if (!validPayment(admin, c.value)) {
      return c.finish(FunctionResultCode.FAILURE, 0);
    }
    String account = paymentsAccount(c);
    double amount = amountOf(J.get(c.value, "amount"));
    Json target = J.get(c.value, "target");
    String targetStr = target == null ? "undefined" : J.string(target) != null ? J.string(target)
        : J.str(target);
    Json r;
    Json escrowKey = J.get(c.value, "escrow_key");
    if (escrowKey != null) {
      String key = J.string(escrowKey) != null ? J.string(escrowKey) : J.str(escrowKey);
      r = c.setValue("/escrow/" + account + "/" + targetStr + "/" + key + "/hold/"
          + JsNumber.toString(blockTime(c)), J.obj("amount", amount));
    } else {
      r = NativeFunctions.serviceTransfer(c, account, targetStr, amount);
    }
    return done(c, r, FunctionResultCode.INTERNAL_ERROR);
  }

  private static String escrowAccount(NativeFunctions.Call c) {
    return "escrow|escrow|" + c.params.get("source_account") + ":"
        + c.params.get("target_account") + ":" + c.params.get("escrow_key");
  }

  /** {@code /escrow/$source_account/$target_account/$escrow_key/hold/$record_id}. */
  static Json hold(NativeFunctions.Call c) {
    if (NativeFunctions.isNull(c.value)) {
      return ok(c);
    }
    Json amount = J.get(c.value, "amount");
    if (!(amount instanceof JNumber a) || !a.isFinite()) {
      return c.finish(FunctionResultCode.FAILURE, 0);
    }
    Json t = NativeFunctions.serviceTransfer(c, c.params.get("source_account"), escrowAccount(c),
        a.value());
    return done(c, t, FunctionResultCode.INTERNAL_ERROR);
  }

  /** {@code .../release/$record_id} {@code {ratio}}: ratio to the target, the rest back. */
  static Json release(NativeFunctions.Call c) {
    if (NativeFunctions.isNull(c.value)) {
      return ok(c);
    }
    Json ratioJson = J.get(c.value, "ratio");
    if (!(ratioJson instanceof JNumber rn) || !rn.isFinite() || rn.value() < 0
        || rn.value() > 1) {
      return c.finish(FunctionResultCode.FAILURE, 0);
    }
    String account = escrowAccount(c);
    double escrowAmount = number(c.getValue(io.ainj.vm.rule.RuleUtil.getBalancePath(account)));
    double targetAmount = escrowAmount * rn.value();
    double sourceAmount = escrowAmount - targetAmount;
    List<Object[]> moves = new ArrayList<>();
    moves.add(new Object[] {c.params.get("target_account"), targetAmount});
    moves.add(new Object[] {c.params.get("source_account"), sourceAmount});
    for (Object[] m : moves) {
      double amt = (Double) m[1];
      if (amt > 0) {
        Json t = NativeFunctions.serviceTransfer(c, account, (String) m[0], amt);
        if (Results.isFailed(t)) {
          return c.finish(FunctionResultCode.INTERNAL_ERROR, 0);
        }
      }
    }
    return ok(c);
  }
}
