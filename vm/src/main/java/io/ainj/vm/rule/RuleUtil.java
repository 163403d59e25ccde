package io.ainj.vm.rule;

import io.ainj.crypto.Address;
import io.ainj.crypto.JsNumber;
import io.ainj.vm.rule.Builtins.Fn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code util} object of rules (AIN db/rule-util.js): type tests, account-name helpers and
 * the state-reading validators genesis rules call. Helpers that read state take {@code getValue}
 * as an argument, exactly as in AIN, and call whatever function they are given.
 */
public final class RuleUtil {
  private RuleUtil() {}

  /** Service types that may own service accounts ({@code type|name|key}). */
  static final Set<String> SERVICE_ACCOUNT_TYPES =
      Set.of("billing", "escrow", "gas_fee", "payments", "staking");

  private static final Pattern VAR_NAME = Pattern.compile("^[A-Za-z_]+[A-Za-z0-9_]*$");
  private static final Pattern HEX = Pattern.compile("^0x[0-9A-Fa-f]*$");

  private static Object arg(List<Object> a, int i) {
    return Builtins.arg(a, i);
  }

  public static boolean isNumber(Object v) {
    return v instanceof Double d && Double.isFinite(d);
  }

  public static boolean isDict(Object v) {
    return v instanceof JsObject;
  }

  public static boolean isString(Object v) {
    return v instanceof String;
  }

  public static boolean isEmpty(Object v) {
    return Js.isNullish(v) || (v instanceof JsArray a && a.length() == 0)
        || (v instanceof JsObject o && o.keys().isEmpty());
  }

  public static boolean isHexString(Object v) {
    return v instanceof String s && HEX.matcher(s).matches();
  }

  public static boolean isValAddr(Object v) {
    return v instanceof String s && Address.isValid(s);
  }

  public static boolean isCksumAddr(Object v) {
    return v instanceof String s && Address.isValid(s) && Address.isChecksum(s);
  }

  /** {@code type|name|key...} with a service-account type and a valid service name. */
  public static boolean isServAcntName(Object v) {
    if (!(v instanceof String s)) {
      return false;
    }
    String[] parsed = s.split("\\|", -1);
    if (parsed.length < 3) {
      return false;
    }
    return SERVICE_ACCOUNT_TYPES.contains(parsed[0]) && VAR_NAME.matcher(parsed[1]).matches();
  }

  /** {@code [type, name, key]} where the key keeps any further '|'. */
  static List<Object> parseServAcntName(Object v) {
    List<Object> out = new ArrayList<>(3);
    if (!(v instanceof String s)) {
      out.add(Js.NULL);
      out.add(Js.NULL);
      out.add(Js.NULL);
      return out;
    }
    String[] parsed = s.split("\\|", -1);
    out.add(parsed.length > 0 ? parsed[0] : Js.NULL);
    out.add(parsed.length > 1 ? parsed[1] : Js.NULL);
    if (parsed.length <= 3) {
      out.add(parsed.length > 2 ? parsed[2] : Js.NULL);
    } else {
      out.add(String.join("|", java.util.Arrays.asList(parsed).subList(2, parsed.length)));
    }
    return out;
  }

  /** {@code /service_accounts/<type>/<name>/<key>/balance} or {@code /accounts/<addr>/balance}. */
  public static String getBalancePath(Object acct) {
    if (isServAcntName(acct)) {
      List<Object> p = parseServAcntName(acct);
      return "/service_accounts/" + Js.toJsString(p.get(0)) + "/" + Js.toJsString(p.get(1)) + "/"
          + Js.toJsString(p.get(2)) + "/balance";
    }
    return "/accounts/" + Js.toJsString(acct) + "/balance";
  }

  private static Object callGetValue(Interpreter in, Object getValue, String path) {
    if (!(getValue instanceof JsFunction f)) {
      throw JsThrow.typeError("getValue is not a function");
    }
    return f.call(in, List.of(path));
  }

  private static Object orZero(Object v) {
    return Js.truthy(v) ? v : 0.0;
  }

  /** Whether {@code appName}'s admin map lists {@code addr} as {@code true}. */
  static boolean isAppAdmin(Interpreter in, Object app, Object addr, Object getValue) {
    Object v = callGetValue(in, getValue, "/manage_app/" + Js.toJsString(app) + "/config/admin/"
        + Js.toJsString(addr));
    return Boolean.TRUE.equals(v);
  }

  /** Counts the digits after the decimal point of a number's JavaScript text form. */
  static double countDecimals(Object v) {
    if (!(v instanceof Double d) || !Double.isFinite(d)) {
      return 0;
    }
    String s = JsNumber.toString(d);
    int e = s.indexOf("e-");
    if (e >= 0) {
      String mant = s.substring(0, e);
      int dot = mant.indexOf('.');
      int fraction = dot < 0 ? 0 : mant.length() - dot - 1;
      return fraction + Integer.parseInt(s.substring(e + 2));
    }
    int dot = s.indexOf('.');
    return dot < 0 ? 0 : s.length() - dot - 1;
  }

  private static Map<String, Object> table() {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "isBool", (in, a) -> arg(a, 0) instanceof Boolean);
    put(m, "isNumber", (in, a) -> isNumber(arg(a, 0)));
    put(m, "isInteger", (in, a) -> Builtins.isIntegral(arg(a, 0)));
    put(m, "isIntegerString", (in, a) -> arg(a, 0) instanceof String s && s.matches("-?\\d+"));
    put(m, "isFloatString",
        (in, a) -> arg(a, 0) instanceof String s && s.matches("-?\\d+\\.\\d+"));
    put(m, "isString", (in, a) -> isString(arg(a, 0)));
    put(m, "isArray", (in, a) -> arg(a, 0) instanceof JsArray);
    put(m, "isDict", (in, a) -> isDict(arg(a, 0)));
    put(m, "isEmpty", (in, a) -> isEmpty(arg(a, 0)));
    put(m, "isHexString", (in, a) -> isHexString(arg(a, 0)));
    put(m, "isValidHash",
        (in, a) -> isHexString(arg(a, 0)) && ((String) arg(a, 0)).length() == 66);
    put(m, "keys", (in, a) -> {
      if (arg(a, 0) instanceof JsObject o) {
        in.meter().steps(o.keys().size());
        return new JsArray(new ArrayList<>(o.keys()));
      }
      return new JsArray(List.of());
    });
    put(m, "values", (in, a) -> {
      if (arg(a, 0) instanceof JsObject o) {
        in.meter().steps(o.keys().size());
        List<Object> vals = new ArrayList<>();
        for (String k : o.keys()) {
          vals.add(o.get(k));
        }
        return new JsArray(vals);
      }
      return new JsArray(List.of());
    });
    put(m, "length", (in, a) -> {
      Object v = arg(a, 0);
      if (v instanceof String s) {
        return (double) s.length();
      } else if (v instanceof JsArray arr) {
        return (double) arr.length();
      } else if (v instanceof JsObject o) {
        return (double) o.keys().size();
      }
      return 0.0;
    });
    put(m, "includes", (in, a) -> {
      if (!(arg(a, 0) instanceof JsArray arr)) {
        return false;
      }
      in.meter().steps(arr.length());
      Object x = arg(a, 1);
      for (Object it : arr.items()) {
        if (Js.strictEquals(it, x) || (x instanceof Double d && d.isNaN()
            && it instanceof Double e && e.isNaN())) {
          return true;
        }
      }
      return false;
    });
    put(m, "isValAddr", (in, a) -> isValAddr(arg(a, 0)));
    put(m, "isCksumAddr", (in, a) -> isCksumAddr(arg(a, 0)));
    put(m, "isServAcntName", (in, a) -> isServAcntName(arg(a, 0)));
    put(m, "isValShardProto",
        (in, a) -> "NONE".equals(arg(a, 0)) || "POA".equals(arg(a, 0)));
    put(m, "boolOrFalse", (in, a) -> arg(a, 0) instanceof Boolean b ? b : false);
    put(m, "numberOrZero", (in, a) -> isNumber(arg(a, 0)) ? arg(a, 0) : 0.0);
    put(m, "stringOrEmpty", (in, a) -> arg(a, 0) instanceof String s ? s : "");
    put(m, "toBool", (in, a) -> arg(a, 0) instanceof Boolean b ? b : "true".equals(arg(a, 0)));
    put(m, "toNumberOrNaN",
        (in, a) -> isNumber(arg(a, 0)) ? arg(a, 0) : Js.toNumber(arg(a, 0)));
    put(m, "toCksumAddr", (in, a) -> {
      Object v = arg(a, 0);
      if (v instanceof String s && s.matches("^(0x)?[0-9A-Fa-f]{40}$")) {
        return Address.toChecksum(s.startsWith("0x") ? s : "0x" + s);
      }
      return "";
    });
    put(m, "areSameAddrs", (in, a) -> arg(a, 0) instanceof String x && arg(a, 1) instanceof String y
        && Address.isValid(x) && Address.isValid(y) && Address.same(x, y));
    put(m, "toServiceAccountName", (in, a) -> concat(in, Js.toJsString(arg(a, 0)), "|",
        Js.toJsString(arg(a, 1)), "|", Js.toJsString(arg(a, 2))));
    put(m, "toEscrowAccountName", (in, a) -> concat(in, Js.toJsString(arg(a, 0)), ":",
        Js.toJsString(arg(a, 1)), ":", Js.toJsString(arg(a, 2))));
    put(m, "parseServAcntName", (in, a) -> new JsArray(parseServAcntName(arg(a, 0))));
    put(m, "getServiceNameFromServAcntName", (in, a) -> parseServAcntName(arg(a, 0)).get(1));
    put(m, "isAppAdmin", (in, a) -> isAppAdmin(in, arg(a, 0), arg(a, 1), arg(a, 2)));
    put(m, "isAppAdminFromServAcntName", (in, a) ->
        isAppAdmin(in, parseServAcntName(arg(a, 0)).get(1), arg(a, 1), arg(a, 2)));
    put(m, "getBalancePath", (in, a) -> getBalancePath(arg(a, 0)));
    put(m, "getBalance",
        (in, a) -> orZero(callGetValue(in, arg(a, 1), getBalancePath(arg(a, 0)))));
    put(m, "isBillingUser", (in, a) -> {
      List<Object> p = parseServAcntName(arg(a, 0));
      Object v = callGetValue(in, arg(a, 2), "/manage_app/" + Js.toJsString(p.get(1))
          + "/config/billing/" + Js.toJsString(p.get(2)) + "/users/" + Js.toJsString(arg(a, 1)));
      return Boolean.TRUE.equals(v);
    });
    put(m, "getConsensusStakeBalance", (in, a) -> orZero(callGetValue(in, arg(a, 1),
        "/staking/consensus/" + Js.toJsString(arg(a, 0)) + "/0/balance")));
    put(m, "getOwnerAddr", (in, a) -> {
      String addr = in.host().genesisAddress();
      return addr == null ? Js.NULL : addr;
    });
    put(m, "getMinStakeAmount",
        (in, a) -> Js.fromJson(in.host().blockchainParam("consensus/min_stake_for_proposer")));
    put(m, "getMaxStakeAmount",
        (in, a) -> Js.fromJson(in.host().blockchainParam("consensus/max_stake_for_proposer")));
    put(m, "getMinNumValidators",
        (in, a) -> Js.fromJson(in.host().blockchainParam("consensus/min_num_validators")));
    put(m, "countDecimals", (in, a) -> countDecimals(arg(a, 0)));
    put(m, "validateCollectFeeData", (in, a) -> {
      Object data = arg(a, 0);
      Object newData = arg(a, 1);
      if (data != Js.NULL || !(newData instanceof JsObject o) || !isNumber(o.get("amount"))) {
        return false;
      }
      Object bal = orZero(callGetValue(in, arg(a, 3), getBalancePath(arg(a, 2))));
      return Boolean.FALSE.equals(Js.lessThan(bal, o.get("amount")));
    });
    put(m, "validateClaimRewardData", (in, a) -> {
      if (!(arg(a, 1) instanceof JsObject o) || !isNumber(o.get("amount"))
          || (Double) o.get("amount") <= 0) {
        return false;
      }
      Object unclaimed = orZero(callGetValue(in, arg(a, 2),
          "/consensus/rewards/" + Js.toJsString(arg(a, 0)) + "/unclaimed"));
      return Boolean.FALSE.equals(Js.lessThan(unclaimed, o.get("amount")));
    });
    return m;
  }

  private static Object concat(Interpreter in, String... parts) {
    long n = 0;
    for (String p : parts) {
      n += p.length();
    }
    in.meter().string(n);
    return String.join("", parts);
  }

  private static void put(Map<String, Object> m, String name, Fn.Impl impl) {
    m.put(name, new Fn(name, impl));
  }

  private static final Map<String, Object> TABLE = table();

  /** The {@code util} value bound in every rule. */
  public static final JsObject UTIL = new JsObject() {
    @Override
    public Object get(String key) {
      return TABLE.get(key);
    }

    @Override
    public List<String> keys() {
      return List.copyOf(TABLE.keySet());
    }
  };
}
