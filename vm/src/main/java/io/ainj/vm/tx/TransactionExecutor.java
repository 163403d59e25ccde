package io.ainj.vm.tx;

import io.ainj.crypto.JsNumber;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JArray;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.path.StatePath;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.StateTree;
import io.ainj.vm.ResultCode;
import io.ainj.vm.exec.Executor;
import io.ainj.vm.exec.OpContext;
import io.ainj.vm.exec.Results;
import io.ainj.vm.exec.VmParams;
import io.ainj.vm.rule.Js;
import io.ainj.vm.rule.RuleEngine;
import io.ainj.vm.rule.RuleUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AIN's {@code executeTransaction} (spec ain-state §8, protocol §3.4-3.5): prechecks, the
 * operation with triggered functions, bandwidth and state gas per service/app bucket, tree and
 * budget checks, the nonce/timestamp update, fee collection through
 * {@code /gas_fee/collect/<block>/<payer>/<tx hash>}, the receipt at {@code /receipts/<hash>}, and
 * the rollback of failed transactions.
 *
 * <p>Always runs with AIN's {@code restoreIfFails = true} (block execution and pool admission
 * alike): a failed transaction leaves the state as it found it, except the capped fee of
 * FEE_BALANCE_TOO_LOW (11001), which AIN keeps because its fee collection consumed the backup.
 * A precheck failure touches nothing.
 *
 * <p>Params come from the genesis params at block 0 and from {@code /blockchain_params} in state
 * afterwards (AIN's {@code getBlockchainParam}); the timer flags are the node's.
 *
 * <p>Numbers are IEEE doubles throughout, as in JavaScript. Not thread-safe per state; the
 * executor itself is stateless and may be shared.
 */
public final class TransactionExecutor {
  private static final String APPS = "apps";

  /**
   * One transaction to run.
   *
   * @param txBody the signed {@code tx_body}
   * @param address the signer (checksum address)
   * @param txHash the transaction hash, passed to functions and used in fee and receipt paths
   * @param blockNumber the block it runs in (pool admission: last finalized + 1)
   * @param blockTime the block's timestamp in ms
   * @param skipFees genesis runs without fees, billing checks and receipts
   * @param executedAt AIN's {@code executed_at} (its wall clock); unstaking compares lockups with
   *     it. Consensus-critical callers pass the block time so every node agrees.
   */
  public record Request(Json txBody, String address, String txHash, long blockNumber,
      long blockTime, boolean skipFees, double executedAt) {}

  private final RuleEngine engine;
  private final VmParams genesisParams;

  /**
   * @param engine the rule engine (stateless, shareable)
   * @param genesisParams the genesis file's params and the node's timer flags; also the fallback
   *     for any param missing from state
   */
  public TransactionExecutor(RuleEngine engine, VmParams genesisParams) {
    this.engine = engine;
    this.genesisParams = genesisParams;
  }

  public VmParams genesisParams() {
    return genesisParams;
  }

  /** {@link #execute(MutableState, Request)} with {@code executedAt} = the block time. */
  public Json execute(MutableState state, Json txBody, String address, String txHash,
      long blockNumber, long blockTime, boolean skipFees) {
    return execute(state, new Request(txBody, address, txHash, blockNumber, blockTime, skipFees,
        blockTime));
  }

  /** The params a transaction of {@code blockNumber} sees: genesis at 0, state after. */
  public VmParams paramsAt(MutableState state, long blockNumber) {
    if (blockNumber <= 0) {
      return genesisParams;
    }
    // Params change only when /blockchain_params does; nodes are immutable and shared between
    // versions, so the node's identity says whether the cached params still hold.
    io.ainj.statedb.tree.StateNode node = state.node(List.of(StateRoot.VALUES.label(), "blockchain_params"));
    ParamsCache cached = paramsCache;
    if (cached != null && cached.node() == node) {
      return cached.params();
    }
    Json inState = state.get(StateRoot.VALUES, "/blockchain_params");
    VmParams params = inState instanceof JObject ? VmParams.from(inState, genesisParams) : genesisParams;
    paramsCache = new ParamsCache(node, params);
    return params;
  }

  private record ParamsCache(io.ainj.statedb.tree.StateNode node, VmParams params) {}

  private volatile ParamsCache paramsCache;

  /** The child labels of a values path, without rendering the subtree below them. */
  private static List<String> childLabels(StateNode node) {
    if (node == null || node.isLeaf()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (StateTree.Child c : StateTree.childrenBySerial(node)) {
      out.add(c.node().label());
    }
    return out;
  }

  /**
   * Runs one transaction on {@code state} and returns AIN's execution result: for a precheck
   * failure {@code {code, message, bandwidth_gas_amount: 0}}; otherwise
   * {@code {gas_amount_total, gas_cost_total, <op result: code... or result_list>,
   * gas_amount_charged?}} (no {@code gas_amount_charged} when fees are skipped, as in AIN).
   */
  public Json execute(MutableState state, Request req) {
    return executeTracked(state, req).result();
  }

  /**
   * An execution result and whether it read the block time: one that did not is the same in
   * any block of the same number on the same state.
   */
  public record Outcome(Json result, boolean blockTimeRead, boolean blockNumberRead) {}

  /**
   * Whether a transaction that did not read the block number ({@link Outcome#blockNumberRead})
   * has the same effects in block {@code to} as in block {@code from}, on the same state, but
   * for the number in its receipt: true when every timer flag is the same at both (params
   * otherwise come from state, not from the number).
   */
  public boolean sameRulesAt(long from, long to) {
    return from > 0 && to > 0 && genesisParams.timerFlags().sameAt(from, to);
  }

  /** The full state path of a transaction's receipt. */
  public static List<String> receiptPath(String txHash) {
    return List.of(StateRoot.VALUES.label(), Executor.RECEIPTS, txHash);
  }

  /** A receipt as written by {@link #execute}, with another block number. */
  public static Json receiptInBlock(Json receipt, long blockNumber) {
    if (!(receipt instanceof JObject o) || !o.has("block_number")) {
      throw new IllegalArgumentException("not a receipt: " + JsonCodec.stringify(receipt));
    }
    JObject.Builder b = JObject.builder();
    for (int i = 0; i < o.size(); i++) {
      b.put(o.key(i), o.key(i).equals("block_number") ? Json.of((double) blockNumber) : o.value(i));
    }
    return b.build();
  }

  /** {@link #execute(MutableState, Request)}, also saying whether the block time was read. */
  public Outcome executeTracked(MutableState state, Request req) {
    VmParams params = paramsAt(state, req.blockNumber());
    Json body = req.txBody();
    Json blockNumber = Json.of((double) req.blockNumber());
    OpContext ctx = new OpContext(numberOr(field(body, "timestamp"), 0), blockNumber,
        Json.of((double) req.blockTime()), req.txHash(), req.executedAt());
    Executor ex = new Executor(engine, params, state, ctx);

    Json precheck = precheck(ex, state, params, req);
    if (precheck != null) {
      return new Outcome(precheck, ctx.blockTimeRead(), ctx.blockNumberRead());
    }
    StateVersion backup = state.snapshot();
    Json auth = JObject.builder().put("addr", Json.of(req.address())).build();
    Result result = executeOperation(ex, state, params, req, auth);
    boolean backupConsumed = false;
    if (!req.skipFees()) {
      backupConsumed = collectFee(ex, state, params, req, auth, result, backup);
      if (!params.flag("disable_tx_receipt_recording", blockNumber)) {
        recordReceipt(state, req, result);
      }
    }
    // A failed transaction is undone after its fee and receipt, so it leaves nothing behind;
    // with FEE_BALANCE_TOO_LOW the fee collection already restored and collected the capped fee.
    if (!backupConsumed && result.isFailed()) {
      state.restore(backup);
    }
    return new Outcome(result.json(), ctx.blockTimeRead(), ctx.blockNumberRead());
  }

  // ---- prechecks --------------------------------------------------------------------------

  private static Json precheckFailure(int code, String message) {
    return JObject.builder().put("code", Json.of(code)).put("message", Json.of(message))
        .put("bandwidth_gas_amount", Json.of(0)).build();
  }

  private Json precheck(Executor ex, MutableState state, VmParams params, Request req) {
    Json body = req.txBody();
    if (!(body instanceof JObject)) {
      return precheckFailure(ResultCode.TX_NO_TX_BODY,
          "[precheckTransaction] Missing tx_body: " + JsonCodec.stringify(
              body == null ? Json.NULL : body));
    }
    Json gasPrice = field(body, "gas_price");
    if (gasPrice != null && !validGasPrice(gasPrice, params)) {
      return precheckFailure(ResultCode.TX_INVALID_GAS_PRICE,
          "Invalid gas price: " + jsString(gasPrice));
    }
    Json nonce = field(body, "nonce");
    Json timestamp = field(body, "timestamp");
    if (!isNumber(nonce)) {
      return precheckFailure(ResultCode.TX_NON_NUMERIC_NONCE,
          "Non-numeric nonce value: " + jsString(nonce));
    }
    if (!isNumber(timestamp)) {
      return precheckFailure(ResultCode.TX_NON_NUMERIC_TIMESTAMP,
          "Non-numeric timestamp value: " + jsString(timestamp));
    }
    double n = ((JNumber) nonce).value();
    double ts = ((JNumber) timestamp).value();
    double accountNonce = orZero(accountValue(state, req.address(), "nonce"));
    double accountTimestamp = orZero(accountValue(state, req.address(), "timestamp"));
    if (n >= 0 && n != accountNonce) {
      return precheckFailure(ResultCode.TX_INVALID_NONCE_FOR_ACCOUNT,
          "Invalid nonce: " + JsNumber.toString(n) + " !== " + JsNumber.toString(accountNonce));
    }
    if (n == -2 && ts <= accountTimestamp) {
      return precheckFailure(ResultCode.TX_INVALID_TIMESTAMP_FOR_ACCOUNT,
          "Invalid timestamp: " + JsNumber.toString(ts) + " <= "
              + JsNumber.toString(accountTimestamp));
    }
    if (!req.skipFees() && req.blockNumber() != 0) {
      Json billing = field(body, "billing");
      Json op = field(body, "operation");
      if (billing != null) {
        Json r = precheckBilling(state, op, req.address(), billing);
        if (r != null) {
          return r;
        }
      }
      if (hasServiceOp(op)) {
        String payer = billing != null ? "gas_fee|billing|" + jsString(billing) : req.address();
        double balance = balanceOf(state, payer);
        if (balance < params.minBalanceForServiceTx()) {
          return precheckFailure(ResultCode.BILLING_BALANCE_TOO_LOW,
              "[precheckBalanceAndStakes] Balance too low (" + JsNumber.toString(balance) + " < "
                  + JsNumber.toString(params.minBalanceForServiceTx()) + ")");
        }
      }
      // AIN's app-stake check (10806) returns from inside a forEach callback and so never
      // rejects anything; it is left out for the same outcome.
    }
    return null;
  }

  /** An integer gas price, either 0 or at least {@code min_gas_price}. */
  static boolean validGasPrice(Json gasPrice, VmParams params) {
    if (!(gasPrice instanceof JNumber p) || !p.isFinite() || p.value() != Math.floor(p.value())) {
      return false;
    }
    return p.value() == 0 || p.value() >= params.minGasPrice();
  }

  private Json precheckBilling(MutableState state, Json op, String addr, Json billing) {
    String b = billing instanceof Json.JString s ? s.value() : null;
    String[] parts = b == null ? new String[0] : b.split("\\|", -1);
    if (parts.length != 2) {
      return precheckFailure(ResultCode.BILLING_INVALID_PARAM,
          "[precheckTxBillingParams] Invalid billing param");
    }
    if (!isBillingUser(state, parts[0], parts[1], addr)) {
      return precheckFailure(ResultCode.BILLING_NO_ACCOUNT_PERMISSION,
          "[precheckTxBillingParams] User doesn't have permission to the billing account");
    }
    Set<String> apps = serviceDependentApps(op);
    if (apps.size() > 1) {
      return precheckFailure(ResultCode.BILLING_MULTI_APP_DEPENDENCY,
          "[precheckTxBillingParams] Multiple app-dependent service operations for a billing account");
    }
    if (apps.size() == 1 && !apps.contains(parts[0])) {
      return precheckFailure(ResultCode.BILLING_INVALID_BILLING_ACCOUNT,
          "[precheckTxBillingParams] Invalid billing account");
    }
    return null;
  }

  private static boolean isBillingUser(MutableState state, String app, String id, String addr) {
    return Json.TRUE.equals(state.get(StateRoot.VALUES,
        "/manage_app/" + app + "/config/billing/" + id + "/users/" + addr));
  }

  // ---- operation --------------------------------------------------------------------------

  /** The result being built, in AIN's key order (a JS object assigned to in place). */
  static final class Result {
    final Map<String, Json> fields = new LinkedHashMap<>();
    final Gas bandwidth = new Gas();
    Gas stateGas = new Gas();

    Json json() {
      JObject.Builder b = JObject.builder();
      fields.forEach((k, v) -> {
        if (k.equals("gas_amount_total")) {
          b.put(k, JObject.builder().put("bandwidth", bandwidth.json())
              .put("state", stateGas.json()).build());
        } else {
          b.put(k, v);
        }
      });
      return b.build();
    }

    /**
     * Whether the result is a failure, without rendering the gas breakdown (only the fields
     * Results.isFailed reads).
     */
    boolean isFailed() {
      return Results.isFailed(only(STATUS_FIELDS));
    }

    /** The fields that bandwidth gas is counted from (see addBandwidth). */
    Json bandwidthFields() {
      return only(BANDWIDTH_FIELDS);
    }

    private Json only(String[] keys) {
      JObject.Builder b = JObject.builder();
      for (String k : keys) {
        Json v = fields.get(k);
        if (v != null) {
          b.put(k, v);
        }
      }
      return b.build();
    }

    private static final String[] STATUS_FIELDS = {"result_list", "code", "func_results", "subtree_func_results"};
    private static final String[] BANDWIDTH_FIELDS = {"func_results", "subtree_func_results", "bandwidth_gas_amount"};

    void assign(Json obj) {
      if (obj instanceof JObject o) {
        for (int i = 0; i < o.size(); i++) {
          fields.put(o.key(i), o.value(i));
        }
      }
    }
  }

  /** A gas amount split into the service bucket and one bucket per app. */
  static final class Gas {
    double service;
    final Map<String, Double> apps = new LinkedHashMap<>();

    void add(List<String> path, double amount) {
      if (path.size() > 1 && path.get(0).equals(APPS)) {
        apps.merge(path.get(1), amount, Double::sum);
      } else {
        service += amount;
      }
    }

    Json json() {
      JObject.Builder b = JObject.builder().put("service", Json.of(service));
      if (!apps.isEmpty()) {
        JObject.Builder a = JObject.builder();
        apps.forEach((k, v) -> a.put(k, Json.of(v)));
        b.put("app", a.build());
      }
      return b.build();
    }
  }

  private Result executeOperation(Executor ex, MutableState state, VmParams params, Request req,
      Json auth) {
    Result result = new Result();
    result.fields.put("gas_amount_total", Json.NULL);
    result.fields.put("gas_cost_total", Json.of(0));
    Json op = field(req.txBody(), "operation");
    if (op == null || op instanceof Json.JNull) {
      result.assign(JObject.builder().put("message",
              Json.of("Invalid operation: " + (op == null ? "undefined" : "null")))
          .put("code", Json.of(ResultCode.TX_INVALID_OPERATION))
          .put("bandwidth_gas_amount", Json.of((double) params.unitWriteGasAmount())).build());
      addBandwidth(result.bandwidth, List.of(), result.json());
      return result;
    }
    List<String> appNames = appNames(op);
    Usage before = usage(state);
    Map<String, Double> appBytesBefore = new LinkedHashMap<>();
    for (String app : appNames) {
      appBytesBefore.put(app, appBytes(state, app));
    }
    boolean existedBefore = accountExists(state, req.address());
    result.assign(ex.executeOp(op, auth));
    bandwidthOf(op, result);
    if (result.isFailed()) {
      return result;
    }
    StateNode root = state.node(List.of());
    int height = root == null ? 0 : root.treeHeight();
    if (height > params.treeHeightLimit()) {
      failWith(result, ResultCode.TREE_OUT_OF_TREE_HEIGHT_LIMIT, "Out of tree height limit ("
          + height + " > " + params.treeHeightLimit() + ")");
      return result;
    }
    Usage after = usage(state);
    if (after.root > params.stateTreeBytesLimit()) {
      failWith(result, ResultCode.TREE_OUT_OF_TREE_BYTES_LIMIT, "Out of tree bytes limit ("
          + num(after.root) + " > " + num(params.stateTreeBytesLimit()) + ")");
      return result;
    }
    Gas stateGas = new Gas();
    stateGas.service = Math.max(after.service() - before.service(), 0)
        * params.stateGasCoefficient();
    for (String app : appNames) {
      double delta = appBytes(state, app) - appBytesBefore.get(app);
      if (delta > 0) {
        stateGas.apps.put(app, delta * params.stateGasCoefficient());
      }
    }
    result.stateGas = stateGas;
    if (checkBudgets(state, params, appNames, after, result)) {
      return result;
    }
    updateNonceAndTimestamp(state, params, req, existedBefore, result);
    return result;
  }

  private static void failWith(Result result, int code, String message) {
    result.fields.put("code", Json.of(code));
    result.fields.put("message", Json.of(message));
  }

  /** Tree bytes of the whole state, of everything under /apps, and the rest ("service"). */
  private record Usage(double root, double apps) {
    double service() {
      return root - apps;
    }
  }

  private static Usage usage(MutableState state) {
    StateNode root = state.node(List.of());
    double rootBytes = root == null ? 0 : root.treeBytes();
    double apps = 0;
    for (StateNode n : appsNodes(state)) {
      apps += n == null ? 0 : n.treeBytes();
    }
    return new Usage(rootBytes, apps);
  }

  /** {@code /<tree>/apps} of each of the four trees (null where absent), in root order. */
  private static StateNode[] appsNodes(MutableState state) {
    StateNode[] out = new StateNode[StateRoot.values().length];
    for (StateRoot r : StateRoot.values()) {
      out[r.ordinal()] = state.node(List.of(r.label(), APPS));
    }
    return out;
  }

  private static double appBytes(MutableState state, String app) {
    return appBytes(appsNodes(state), app);
  }

  /**
   * AIN's {@code getStateUsageAtPath} for {@code /apps/<app>}: the four trees' bytes there,
   * summed in root order (so every caller's total is bit-for-bit the same).
   */
  private static double appBytes(StateNode[] appsNodes, String app) {
    double sum = 0;
    for (StateNode apps : appsNodes) {
      StateNode n = StateTree.getChild(apps, app);
      if (n != null) {
        sum += n.treeBytes();
      }
    }
    return sum;
  }

  /** AIN's {@code checkStateGasBudgets}; true (and the result failed) when one is exceeded. */
  private boolean checkBudgets(MutableState state, VmParams p, List<String> appNames,
      Usage after, Result result) {
    double limit = p.stateTreeBytesLimit();
    double serviceBudget = limit * p.serviceStateBudgetRatio();
    double appsBudget = limit * p.appsStateBudgetRatio();
    double freeBudget = limit * p.freeStateBudgetRatio();
    if (after.service() > serviceBudget) {
      failWith(result, ResultCode.GAS_EXCEED_STATE_BUDGET_LIMIT_FOR_ALL_SERVICES,
          "Exceeded state budget limit for services (" + num(after.service()) + " > "
              + num(serviceBudget) + ")");
      return true;
    }
    if (after.apps() > appsBudget) {
      failWith(result, ResultCode.GAS_EXCEED_STATE_BUDGET_LIMIT_FOR_ALL_APPS,
          "Exceeded state budget limit for apps (" + num(after.apps()) + " > " + num(appsBudget)
              + ")");
      return true;
    }
    if (appNames.isEmpty()) {
      return false;
    }
    double freeTierUsage = 0;
    double stakesTotal = 0;
    // Every app's usage, on every transaction (AIN's rule): walk down to /<root>/apps and
    // /values/staking once, then one step per app, instead of from the root for each app and
    // tree. Only labels and subtree sizes are read: rendering /apps would cost all app state.
    StateNode[] appsNodes = appsNodes(state);
    StateNode staking = state.node(List.of(StateRoot.VALUES.label(), "staking"));
    for (String app : childLabels(appsNodes[StateRoot.VALUES.ordinal()])) {
      if (stakeOf(staking, app) == 0) {
        freeTierUsage += appBytes(appsNodes, app);
      }
    }
    for (String svc : childLabels(staking)) {
      // Consensus stakes are validators' and the sum node is a total, not an app.
      if (!svc.equals("consensus") && !svc.equals("balance_total_sum")) {
        stakesTotal += stakeOf(staking, svc);
      }
    }
    for (String app : appNames) {
      double stake = stakeOf(staking, app);
      double used = appBytes(appsNodes, app);
      if (stake == 0) {
        if (freeTierUsage >= freeBudget) {
          failWith(result, ResultCode.GAS_EXCEED_STATE_BUDGET_LIMIT_FOR_FREE_TIER,
              "Exceeded state budget limit for free tier (" + num(freeTierUsage) + " > "
                  + num(freeBudget) + ")");
          return true;
        }
      } else {
        double budget = appsBudget * stake / stakesTotal;
        if (used > budget) {
          failWith(result, ResultCode.GAS_EXCEED_STATE_BUDGET_LIMIT_FOR_APP,
              "Exceeded state budget limit for app " + app + " (" + num(used) + " > "
                  + num(budget) + ")");
          return true;
        }
      }
    }
    return false;
  }

  /** {@code /staking/<app>/balance_total} when it is a number, else 0. */
  private static double stakeOf(StateNode staking, String app) {
    StateNode total = StateTree.getChild(StateTree.getChild(staking, app), "balance_total");
    return total != null && total.isLeaf() && total.value() instanceof JNumber n ? n.value() : 0;
  }

  /**
   * Numbered txs bump the account nonce, ordered ones (-2) record their timestamp; written raw,
   * as AIN does, with no rules or functions. A first such tx of an account that has no state
   * yet registers it, which costs {@code account_registration_gas_amount} of service bandwidth
   * (protocol spec §3.5).
   */
  private static void updateNonceAndTimestamp(MutableState state, VmParams params, Request req,
      boolean existedBefore, Result result) {
    double nonce = ((JNumber) field(req.txBody(), "nonce")).value();
    String addr = req.address();
    if (nonce >= 0) {
      double cur = orZero(accountValue(state, addr, "nonce"));
      state.writeRaw(StateRoot.VALUES, noncePath(addr), Json.of(cur + 1));
    } else if (nonce == -2) {
      state.writeRaw(StateRoot.VALUES, timestampPath(addr), field(req.txBody(), "timestamp"));
    } else {
      return;
    }
    if (!existedBefore) {
      result.bandwidth.service += params.accountRegistrationGasAmount();
    }
  }

  private static boolean accountExists(MutableState state, String addr) {
    return state.node(List.of(StateRoot.VALUES.label(), "accounts", addr)) != null;
  }

  // ---- bandwidth gas ----------------------------------------------------------------------

  /** AIN's {@code getTotalBandwidthGasAmount}: per op of a SET, or for the single op. */
  private static void bandwidthOf(Json op, Result result) {
    if (result.fields.get("result_list") instanceof JObject list) {
      List<Json> ops = field(op, "op_list") instanceof JArray a ? a.items() : List.of();
      for (int i = 0; i < list.size(); i++) {
        int index = Integer.parseInt(list.key(i));
        Json ref = index < ops.size() ? field(ops.get(index), "ref") : null;
        addBandwidth(result.bandwidth, parse(ref), list.value(i));
      }
    } else {
      addBandwidth(result.bandwidth, parse(field(op, "ref")), result.bandwidthFields());
    }
  }

  /**
   * Gas of one write result: nested function writes count in the bucket of their own path,
   * each function's extra gas and the write's own gas in the bucket of the triggering path.
   */
  static void addBandwidth(Gas gas, List<String> path, Json result) {
    addFuncResults(gas, path, field(result, "func_results"));
    if (field(result, "subtree_func_results") instanceof JObject subtree) {
      for (int i = 0; i < subtree.size(); i++) {
        if (subtree.value(i) instanceof JObject byPath) {
          for (int k = 0; k < byPath.size(); k++) {
            addFuncResults(gas, path, field(byPath.value(k), "func_results"));
          }
        }
      }
    }
    if (field(result, "bandwidth_gas_amount") instanceof JNumber n && n.value() != 0) {
      gas.add(path, n.value());
    }
  }

  private static void addFuncResults(Gas gas, List<String> path, Json funcResults) {
    if (!(funcResults instanceof JObject fr)) {
      return;
    }
    for (int i = 0; i < fr.size(); i++) {
      Json f = fr.value(i);
      if (field(f, "op_results") instanceof JObject ops) {
        for (int k = 0; k < ops.size(); k++) {
          Json opRes = ops.value(k);
          addBandwidth(gas, parse(field(opRes, "path")), field(opRes, "result"));
        }
      }
      gas.add(path, field(f, "bandwidth_gas_amount") instanceof JNumber n ? n.value() : 0);
    }
  }

  // ---- fee and receipt --------------------------------------------------------------------

  /** {@code floor(gasPrice * unit * amount * 1e6) / 1e6}: AIN, to the micro-AIN. */
  public static double gasCost(double gasPrice, double gasAmount, double gasPriceUnit) {
    return Math.floor(gasPrice * gasPriceUnit * gasAmount * 1_000_000d) / 1_000_000d;
  }

  /**
   * AIN's {@code collectFee}; returns whether it restored {@code backup} (FEE_BALANCE_TOO_LOW),
   * after which the capped fee it collects must stay.
   */
  private boolean collectFee(Executor ex, MutableState state, VmParams params, Request req,
      Json auth, Result result, StateVersion backup) {
    double gasPrice = numberOr(field(req.txBody(), "gas_price"), 0);
    double serviceBandwidth = result.bandwidth.service;
    boolean failed = result.isFailed();
    double charged = serviceBandwidth + (failed ? 0 : result.stateGas.service);
    if (charged <= 0 || gasPrice == 0) {
      result.fields.put("gas_amount_charged", Json.of(charged));
      result.fields.put("gas_cost_total", Json.of(gasCost(gasPrice, charged,
          params.gasPriceUnit())));
      return false;
    }
    Json billing = field(req.txBody(), "billing");
    String payer = req.address();
    if (billing instanceof Json.JString b) {
      String[] parts = b.value().split("\\|", -1);
      if (parts.length == 2 && isBillingUser(state, parts[0], parts[1], req.address())) {
        payer = "gas_fee|billing|" + b.value();
      }
    }
    boolean restored = false;
    double balance = balanceOf(state, payer);
    double cost = gasCost(gasPrice, charged, params.gasPriceUnit());
    if (balance < cost) {
      failWith(result, ResultCode.FEE_BALANCE_TOO_LOW, "Failed to collect gas fee: balance too low ("
          + num(balance) + " / " + num(cost) + ")");
      state.restore(backup);
      restored = true;
      balance = balanceOf(state, payer);
      charged = Math.min(balance, serviceBandwidth);
    }
    result.fields.put("gas_amount_charged", Json.of(charged));
    double total = gasCost(gasPrice, charged, params.gasPriceUnit());
    result.fields.put("gas_cost_total", Json.of(total));
    if (total <= 0) {
      return restored;
    }
    // The fee's path holds the block number.
    ex.context().markBlockNumberRead();
    String path = "/gas_fee/collect/" + req.blockNumber() + "/" + payer + "/" + req.txHash();
    Json r = ex.setValue(path, JObject.builder().put("amount", Json.of(total)).build(), auth);
    if (Results.isFailed(r)) {
      failWith(result, ResultCode.FEE_FAILED_TO_COLLECT_GAS_FEE,
          "Failed to collect gas fee: " + JsonCodec.stringify(r));
    }
    return restored;
  }

  /**
   * {@code /receipts/<tx hash>}: address, block number, the trimmed result (and billing),
   * written raw like AIN's {@code recordReceipt}.
   */
  private static void recordReceipt(MutableState state, Request req, Result result) {
    Json full = result.json();
    JObject.Builder exec = JObject.builder();
    for (String k : new String[] {"code", "gas_amount_charged", "gas_cost_total"}) {
      Json v = field(full, k);
      if (v != null) {
        exec.put(k, v);
      }
    }
    if (field(full, "result_list") instanceof JObject list) {
      JObject.Builder codes = JObject.builder();
      for (int i = 0; i < list.size(); i++) {
        JObject.Builder one = JObject.builder();
        Json code = field(list.value(i), "code");
        if (code != null) {
          one.put("code", code);
        }
        codes.put(list.key(i), one.build());
      }
      exec.put("result_list", codes.build());
    }
    JObject.Builder receipt = JObject.builder().put("address", Json.of(req.address()))
        .put("block_number", Json.of((double) req.blockNumber()))
        .put("exec_result", exec.build());
    Json billing = field(req.txBody(), "billing");
    if (billing != null && !(billing instanceof Json.JNull)) {
      receipt.put("billing", billing);
    }
    // The one path TxExecutor#renumber rewrites: receiptPath, not a second spelling of it.
    state.writeRaw(receiptPath(req.txHash()), receipt.build());
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static Json field(Json obj, String key) {
    return obj instanceof JObject o ? o.get(key) : null;
  }

  private static List<String> parse(Json ref) {
    return ref instanceof Json.JString s ? StatePath.parse(s.value()) : List.of();
  }

  /** App names of the op's paths ({@code /apps/<name>/...}), first occurrence first. */
  static List<String> appNames(Json op) {
    Set<String> names = new LinkedHashSet<>();
    for (Json one : opsOf(op)) {
      List<String> p = parse(field(one, "ref"));
      if (p.size() > 1 && p.get(0).equals(APPS)) {
        names.add(p.get(1));
      }
    }
    return new ArrayList<>(names);
  }

  private static List<Json> opsOf(Json op) {
    if ("SET".equals(field(op, "type") instanceof Json.JString s ? s.value() : null)) {
      return field(op, "op_list") instanceof JArray a ? a.items() : List.of();
    }
    return List.of(op);
  }

  private static boolean hasServiceOp(Json op) {
    for (Json one : opsOf(op)) {
      List<String> p = parse(field(one, "ref"));
      if (p.isEmpty() || !p.get(0).equals(APPS)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Apps a service op depends on: {@code /manage_app/<app>}, {@code /staking/<app>},
   * {@code /payments/<app>} (consensus staking is the chain's, not an app's).
   */
  private static Set<String> serviceDependentApps(Json op) {
    Set<String> names = new LinkedHashSet<>();
    for (Json one : opsOf(op)) {
      List<String> p = parse(field(one, "ref"));
      if (p.size() > 1 && List.of("manage_app", "staking", "payments").contains(p.get(0))
          && !p.get(1).equals("consensus")) {
        names.add(p.get(1));
      }
    }
    return names;
  }

  private static double balanceOf(MutableState state, String account) {
    Json v = state.get(StateRoot.VALUES, RuleUtil.getBalancePath(account));
    return v instanceof JNumber n ? n.value() : 0;
  }

  /**
   * {@code /accounts/<addr>/<field>} when it is a leaf, else null (an object reads as no number
   * either way): a lookup without parsing a path or rendering a value, twice per transaction.
   */
  private static Json accountValue(MutableState state, String addr, String field) {
    StateNode n = state.node(List.of(StateRoot.VALUES.label(), "accounts", addr, field));
    return n != null && n.isLeaf() ? n.value() : null;
  }

  private static String noncePath(String addr) {
    return "/accounts/" + addr + "/nonce";
  }

  private static String timestampPath(String addr) {
    return "/accounts/" + addr + "/timestamp";
  }

  /** JS {@code x || 0} for a state value read as a number. */
  private static double orZero(Json v) {
    return v instanceof JNumber n && n.value() == n.value() ? n.value() : 0;
  }

  private static boolean isNumber(Json v) {
    return v instanceof JNumber n && n.isFinite();
  }

  private static double numberOr(Json v, double fallback) {
    return v instanceof JNumber n ? n.value() : fallback;
  }

  private static String num(double d) {
    return JsNumber.toString(d);
  }

  private static String jsString(Json v) {
    return v == null ? "undefined" : Js.toJsString(Js.fromJson(v));
  }
}
