package io.ainj.vm.exec;

import io.ainj.crypto.JsNumber;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.vm.FunctionResultCode;
import io.ainj.vm.ResultCode;
import io.ainj.vm.config.ConfigValidity;
import io.ainj.vm.rule.RuleUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registry of native functions, keyed by function id. Each is a deterministic function of
 * its call context and the state; its writes go through the full operations with the function's
 * auth ({@code auth.fid} set), so rules and nested triggers apply, and each write is recorded in
 * the function's {@code op_results}.
 */
final class NativeFunctions {
  /** A native function body. */
  @FunctionalInterface
  interface Native {
    Json run(Call c);
  }

  /** The context AIN passes to a native function, plus helpers that record nested writes. */
  static final class Call {
    final Executor ex;
    final String fid;
    final List<String> valuePath;
    final List<String> functionPath;
    final Json value;
    final Json prevValue;
    final Map<String, String> params;
    final Json auth;
    private final List<Json> opResults = new ArrayList<>();

    Call(Executor ex, String fid, List<String> valuePath, List<String> functionPath, Json value,
        Json prevValue, Map<String, String> params, Json auth) {
      this.ex = ex;
      this.fid = fid;
      this.valuePath = valuePath;
      this.functionPath = functionPath;
      this.value = value;
      this.prevValue = prevValue;
      this.params = params;
      this.auth = auth;
    }

    private Json record(String path, Json result) {
      opResults.add(J.obj("path", path, "result", result));
      return result;
    }

    Json setValue(String path, Json v) {
      return record(path, ex.setValue(path, v, auth));
    }

    Json incValue(String path, double delta) {
      return record(path, ex.incValue(path, Json.of(delta), auth, true));
    }

    Json decValue(String path, double delta) {
      return record(path, ex.incValue(path, Json.of(delta), auth, false));
    }

    Json setRule(String path, Json v) {
      return record(path, ex.setConfig(StateRoot.RULES, path, v, auth));
    }

    Json setOwner(String path, Json v) {
      return record(path, ex.setConfig(StateRoot.OWNERS, path, v, auth));
    }

    Json getValue(String path) {
      return ex.read(StateRoot.VALUES, io.ainj.statedb.path.StatePath.parse(path));
    }

    /** {@code {op_results?, code, bandwidth_gas_amount}}. */
    Json finish(int code, long extraGas) {
      Json ops = null;
      if (!opResults.isEmpty()) {
        JObject.Builder b = JObject.builder();
        for (int i = 0; i < opResults.size(); i++) {
          b.put(Integer.toString(i), opResults.get(i));
        }
        ops = b.build();
      }
      return J.obj("op_results", ops, "code", code, "bandwidth_gas_amount", extraGas);
    }
  }

  // Stateless function bodies: one table for every executor.
  private static final Map<String, Native> REGISTRY = Map.ofEntries(
      Map.entry("_saveLastTx", NativeFunctions::saveLastTx),
      Map.entry("_eraseValue", NativeFunctions::eraseValue),
      Map.entry("_fail", NativeFunctions::fail),
      Map.entry("_transfer", NativeFunctions::transfer),
      Map.entry("_collectFee", NativeFunctions::collectFee),
      Map.entry("_createApp", NativeFunctions::createApp),
      Map.entry("_setOwnerConfig", NativeFunctions::setOwnerConfig),
      Map.entry("_stake", ServiceFunctions::stake),
      Map.entry("_unstake", ServiceFunctions::unstake),
      Map.entry("_claimReward", ServiceFunctions::claimReward),
      Map.entry("_distributeFee", ServiceFunctions::distributeFee),
      Map.entry("_handleOffenses", ServiceFunctions::handleOffenses),
      Map.entry("_pay", ServiceFunctions::pay),
      Map.entry("_claim", ServiceFunctions::claim),
      Map.entry("_hold", ServiceFunctions::hold),
      Map.entry("_release", ServiceFunctions::release));

  Native get(String fid) {
    return REGISTRY.get(fid);
  }

  static boolean isNull(Json v) {
    return v == null || v instanceof Json.JNull;
  }

  /** Writes {@code {tx_hash}} at the path with {@code .last_tx} before its last label. */
  private static Json saveLastTx(Call c) {
    if (isNull(c.value) || c.valuePath.isEmpty()) {
      return c.finish(FunctionResultCode.SUCCESS, 0);
    }
    List<String> p = new ArrayList<>(c.valuePath);
    String last = p.remove(p.size() - 1);
    p.add(".last_tx");
    p.add(last);
    Json r = c.setValue(J.path(p), J.obj("tx_hash", c.ex.context().txHash()));
    return c.finish(Results.isFailed(r) ? FunctionResultCode.FAILURE : FunctionResultCode.SUCCESS,
        0);
  }

  private static Json eraseValue(Call c) {
    if (isNull(c.value)) {
      return c.finish(FunctionResultCode.SUCCESS, 0);
    }
    Json r = c.setValue(J.path(c.valuePath), Json.of("erased"));
    return c.finish(Results.isFailed(r) ? FunctionResultCode.FAILURE : FunctionResultCode.SUCCESS,
        0);
  }

  private static Json fail(Call c) {
    return c.finish(isNull(c.value) ? FunctionResultCode.SUCCESS : FunctionResultCode.FAILURE, 0);
  }

  /**
   * {@code _transfer} at {@code /transfer/$from/$to/$key/value}: DEC the sender's balance, then
   * INC the recipient's. A new recipient costs {@code account_registration_gas_amount}: with
   * flag {@code extend_account_registration_gas_amount} on, "new" means its account node is
   * absent; before that, that its balance is null.
   */
  static Json transferAmount(Call c, String from, String to, double amount) {
    String fromPath = RuleUtil.getBalancePath(from);
    String toPath = RuleUtil.getBalancePath(to);
    Json fromBalance = c.getValue(fromPath);
    if (!(fromBalance instanceof JNumber fb) || fb.value() < amount) {
      return c.finish(FunctionResultCode.INSUFFICIENT_BALANCE, 0);
    }
    boolean newAccount;
    if (c.ex.params().flag("extend_account_registration_gas_amount",
        c.ex.context().blockNumberForFlag())) {
      // The account node is the balance's parent: /accounts/<addr> or the service account key.
      newAccount = isNull(c.getValue(toPath.substring(0, toPath.lastIndexOf('/'))));
    } else {
      newAccount = isNull(c.getValue(toPath));
    }
    Json dec = c.decValue(fromPath, amount);
    if (Executor.code(dec) != ResultCode.SUCCESS) {
      return c.finish(FunctionResultCode.INTERNAL_ERROR, 0);
    }
    Json inc = c.incValue(toPath, amount);
    if (Executor.code(inc) != ResultCode.SUCCESS) {
      return c.finish(FunctionResultCode.INTERNAL_ERROR, 0);
    }
    return c.finish(FunctionResultCode.SUCCESS,
        newAccount ? c.ex.params().accountRegistrationGasAmount() : 0);
  }

  private static Json transfer(Call c) {
    if (isNull(c.value)) {
      return c.finish(FunctionResultCode.SUCCESS, 0);
    }
    double amount = c.value instanceof JNumber n ? n.value() : Double.NaN;
    return transferAmount(c, c.params.get("from"), c.params.get("to"), amount);
  }

  /**
   * A transfer made by a service function: a write of the amount to
   * {@code /transfer/<from>/<to>/<tx timestamp>/value}, which the genesis rules let service
   * functions write and which triggers {@code _transfer} (the balances themselves are writable
   * by {@code _transfer} only). The record stays in state, as in AIN.
   */
  static Json serviceTransfer(Call c, String from, String to, double amount) {
    String key = JsNumber.toString(c.ex.context().timestamp());
    return c.setValue("/transfer/" + from + "/" + to + "/" + key + "/value", Json.of(amount));
  }

  /** {@code /gas_fee/collect/$block_number/$from/$tx_hash}: fee to gas_fee|gas_fee|unclaimed. */
  private static Json collectFee(Call c) {
    if (isNull(c.value)) {
      return c.finish(FunctionResultCode.SUCCESS, 0);
    }
    Json amount = J.get(c.value, "amount");
    double a = amount instanceof JNumber n ? n.value() : Double.NaN;
    Json r = serviceTransfer(c, c.params.get("from"), "gas_fee|gas_fee|unclaimed", a);
    return c.finish(Results.isFailed(r) ? FunctionResultCode.FAILURE : FunctionResultCode.SUCCESS,
        0);
  }

  private static final List<String> APP_CONFIG_KEYS = List.of("admin", "is_public", "billing",
      "service");

  /** AIN {@code _createApp} (spec section 6). */
  private static Json createApp(Call c) {
    if (isNull(c.value)) {
      return c.finish(FunctionResultCode.SUCCESS, 0);
    }
    String app = c.params.get("app_name");
    if (!ConfigValidity.isValidServiceName(Json.of(app == null ? "" : app),
        c.ex.context().blockNumber())) {
      return c.finish(FunctionResultCode.INVALID_SERVICE_NAME, 0);
    }
    if (!(c.value instanceof JObject cfg) || !(cfg.get("admin") instanceof JObject admin)) {
      return c.finish(FunctionResultCode.FAILURE, 0);
    }
    for (String k : cfg.keys()) {
      if (!APP_CONFIG_KEYS.contains(k)) {
        return c.finish(FunctionResultCode.FAILURE, 0);
      }
    }
    for (String addr : admin.keys()) {
      if (!RuleUtil.isCksumAddr(addr) || !(admin.get(addr) instanceof Json.JBool)) {
        return c.finish(FunctionResultCode.FAILURE, 0);
      }
    }
    Json isPublicJson = cfg.get("is_public");
    if (isPublicJson != null && !(isPublicJson instanceof Json.JBool)) {
      return c.finish(FunctionResultCode.FAILURE, 0);
    }
    boolean isPublic = Json.TRUE.equals(isPublicJson);
    Json rule;
    if (isPublic) {
      rule = Json.TRUE;
    } else {
      StringBuilder sb = new StringBuilder();
      for (String addr : admin.keys()) {
        if (sb.length() > 0) {
          sb.append(" || ");
        }
        sb.append("auth.addr === '").append(addr).append('\'');
      }
      rule = Json.of(sb.toString());
    }
    // Only a first creation costs the extra gas; the create rule already requires no config.
    boolean isNew = isNull(c.getValue("/manage_app/" + app + "/config"));
    String appPath = "/apps/" + app;
    c.setRule(appPath, J.obj(".rule", J.obj("write", rule)));
    JObject.Builder owners = JObject.builder();
    Json all = J.obj("branch_owner", true, "write_function", true, "write_owner", true,
        "write_rule", true);
    for (String addr : admin.keys()) {
      owners.put(addr, all);
    }
    if (isPublic) {
      owners.put("*", J.obj("branch_owner", true, "write_function", true, "write_owner", false,
          "write_rule", true));
    }
    c.setOwner(appPath, J.obj(".owner", J.obj("owners", owners.build())));
    for (String key : APP_CONFIG_KEYS) {
      Json v = cfg.get(key);
      if (v == null || (key.equals("is_public") && !isPublic)) {
        continue;
      }
      Json r = c.setValue("/manage_app/" + app + "/config/" + key, v);
      if (Results.isFailed(r)) {
        return c.finish(FunctionResultCode.FAILURE, 0);
      }
    }
    boolean chargeCreation = isNew
        && c.ex.params().flag("add_app_creation_gas_amount", c.ex.context().blockNumberForFlag());
    return c.finish(FunctionResultCode.SUCCESS,
        chargeCreation ? (long) c.ex.params().appCreationGasAmount() : 0);
  }

  /** Gives the writer and {@code *} owner permissions at the value path. */
  private static Json setOwnerConfig(Call c) {
    if (isNull(c.value)) {
      return c.finish(FunctionResultCode.SUCCESS, 0);
    }
    String addr = J.string(J.get(c.auth, "addr"));
    Json perms = J.obj("branch_owner", false, "write_function", true, "write_owner", true,
        "write_rule", true);
    JObject.Builder owners = JObject.builder();
    if (addr != null) {
      owners.put(addr, perms);
    }
    owners.put("*", perms);
    Json r = c.setOwner(J.path(c.valuePath), J.obj(".owner", J.obj("owners", owners.build())));
    return c.finish(Results.isFailed(r) ? FunctionResultCode.FAILURE : FunctionResultCode.SUCCESS,
        0);
  }
}
