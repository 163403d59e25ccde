package io.ainj.vm.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleEngineTest {
  private final RuleEngine engine = new RuleEngine();
  private final MapHost host = new MapHost();

  private RuleOutcome run(String rule, String auth, String data, String newData,
      Map<String, String> vars) {
    WriteRuleInput in = new WriteRuleInput(JsonCodec.parse(auth), JsonCodec.parse(data),
        JsonCodec.parse(newData), 1234567890000.0, Json.NULL, Json.NULL, List.of("a", "b"), vars);
    return engine.evalWriteRule(rule, in, host);
  }

  private RuleOutcome run(String rule) {
    return run(rule, "{\"addr\":\"abcd\"}", "null", "1", Map.of());
  }

  private void assertTrueRule(String rule) {
    assertEquals(new RuleOutcome.Value(true), run(rule), rule);
  }

  private void assertFalseRule(String rule) {
    assertEquals(new RuleOutcome.Value(false), run(rule), rule);
  }

  private void assertRuntimeError(String rule) {
    assertInstanceOf(RuleOutcome.RuntimeError.class, run(rule), rule);
  }

  private void assertSyntaxError(String rule) {
    assertInstanceOf(RuleOutcome.SyntaxError.class, run(rule), rule);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "true", "'yes'", "1", "auth.addr === 'abcd'", "auth.addr !== 'x'", "newData === 1",
      "data === null", "newData == '1'", "null == undefined", "!(null === undefined)",
      "'1' + 1 === '11'", "1 + '1' === '11'", "1 + 2 + '3' === '33'", "'3' * '4' === 12",
      "0.1 + 0.2 === 0.30000000000000004", "String(0.1 + 0.2) === '0.30000000000000004'",
      "String(1e21) === '1e+21'", "String(-0) === '0'", "String(123456789012) === '123456789012'",
      "'' + 1e-7 === '1e-7'", "String(null) === 'null'", "String() === ''",
      "Number('  12  ') === 12", "isNaN_check: false || Number('abc') !== Number('abc')",
      "Number('0x10') === 16", "Number('') === 0", "Number(true) === 1", "Number(null) === 0",
      "Boolean('0') === true", "Boolean('') === false", "Boolean(0) === false",
      "typeof newData === 'number'", "typeof data === 'object'", "typeof util === 'object'",
      "typeof getValue === 'function'", "typeof nonexistent === 'undefined'",
      "(null || 'x') === 'x'", "(0 && 'x') === 0", "('a' && 'b') === 'b'",
      "(null ?? 5) === 5", "(0 ?? 5) === 0", "[1, 2].length === 2", "[1, 2] + '' === '1,2'",
      "({a: 1}).a === 1", "({a: 1}) + '' === '[object Object]'", "'abc'.length === 3",
      "'abc'[1] === 'b'", "'a|b|c'.split('|').length === 3", "'abc'.startsWith('ab')",
      "'ABC'.toLowerCase() === 'abc'", "'abc'.includes('bc')", "'abc'.indexOf('c') === 2",
      "(5).toString() === '5'", "(1.005).toFixed(2) === '1.00'", "(2.5).toFixed(0) === '3'",
      "`x${1 + 1}y` === 'x2y'", "1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3", "'a' < 'b'",
      "'10' < '9'", "!(NaN < 1) && !(NaN >= 1)", "null >= 0 && !(undefined >= 0)",
      "2 ** 10 === 1024", "-7 % 3 === -1", "7 / 0 === Infinity", "(5 | 0) === 5",
      "(-1 >>> 0) === 4294967295", "(1 << 31) === -2147483648", "true ? 1 : 0",
      "currentTime === 1234567890000", "parsedValuePath[0] === 'a' && parsedValuePath.length === 2",
      "blockNumber === null && blockTime === null", "util.isNumber(newData)",
      "!util.isNumber(NaN) && !util.isNumber(Infinity)", "util.isDict({}) && !util.isDict([])",
      "util.isEmpty(null) && util.isEmpty({}) && !util.isEmpty({a: 1})",
      "util.isCksumAddr('0x09A0d53FDf1c36A131938eb379b98910e55EEfe1')",
      "!util.isCksumAddr('0x09a0d53fdf1c36a131938eb379b98910e55eefe1')",
      "util.isValAddr('0x09a0d53fdf1c36a131938eb379b98910e55eefe1')",
      "util.isServAcntName('staking|consensus|0x09A0d53FDf1c36A131938eb379b98910e55EEfe1|0')",
      "!util.isServAcntName('staking|consensus')", "util.keys({b: 1, a: 2, 1: 3}) + '' === '1,b,a'",
      "util.length('abc') === 3 && util.length({a: 1}) === 1", "util.includes(['a'], 'a')",
      "util.toServiceAccountName('staking', 'app', 'k') === 'staking|app|k'",
      "util.getBalancePath('0xabc') === '/accounts/0xabc/balance'",
      "util.getBalancePath('payments|app|u|k') === '/service_accounts/payments/app/u|k/balance'",
      "util.getBalance('0xA', getValue) === 100", "util.getBalance('0xB', getValue) === 0",
      "util.isAppAdmin('app', 'x', getValue) === true", "getValue('/accounts/0xA/balance') === 100",
      "getValue('accounts/0xA/balance') === 100", "getValue('/missing') === null",
      "getValue('/obj').k === 'v'", "evalRule('/x', 1, auth).code === 0",
      "evalOwner('/x', 'write_rule', auth).code === 12302", "util.countDecimals(1.25) === 2",
      "util.countDecimals(1e-7) === 7", "util.countDecimals(5) === 0",
      "Number.isInteger(5) && !Number.isInteger(5.5)", "({}).hasOwnProperty('x') === false",
      "getValue('/obj').hasOwnProperty('k')", "'k' in getValue('/obj')",
      "void 0 === undefined", "(1, 2) === 2", "auth?.addr === 'abcd'", "data?.x === undefined",
      "data?.x.y.z === undefined", "this === undefined", "'\\u0041' === 'A'",
      "\"tab\\there\".length === 8", "0x10 === 16 && 1_000 === 1000 && .5 === 0.5",
      "[1, , 3].length === 3", "true // trailing comment", "/* c */ true",
  })
  void trueRules(String rule) {
    host.put("/accounts/0xA/balance", "100").put("/manage_app/app/config/admin/x", "true")
        .put("/obj", "{\"k\":\"v\"}");
    String r = rule.startsWith("isNaN_check: ") ? rule.substring(13) : rule;
    assertTrueRule(r);
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "0", "''", "null", "undefined", "NaN", "newData === '1'",
      "1 == 2", "'a' > 'b'", "auth.addr === 'x'", "[] == true", "\ntrue", "true; 1",
      "util.isCksumAddr(123)", "util.isBool('true')"})
  void falseRules(String rule) {
    if (rule.equals("true; 1")) {
      // The return value is the first expression's; the rest is unreachable.
      assertTrueRule(rule);
      return;
    }
    assertFalseRule(rule);
  }

  @Test
  void pathVariablesAreBoundInOrder() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("$wcard2", "bb");
    vars.put("$wcard1", "aa");
    assertEquals(new RuleOutcome.Value(false), run("$wcard1 == $wcard2", "null", "null", "1", vars));
    assertEquals(new RuleOutcome.Value(true),
        run("$wcard1 + $wcard2 === 'aabb'", "null", "null", "1", vars));
    assertInstanceOf(RuleOutcome.SyntaxError.class,
        run("true", "null", "null", "1", Map.of("$a-b", "x")));
  }

  @Test
  void nullAuthDereferenceIsARuntimeError() {
    assertInstanceOf(RuleOutcome.RuntimeError.class, run("auth.addr === 'x'", "null", "null", "1",
        Map.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "lastBlockNumber", "process.exit(0)", "require('fs')", "Math.max(1, 2)", "JSON.stringify(1)",
      "globalThis", "eval('1')", "Function('return 1')()", "undefinedName",
      "constructor", "newData.constructor.constructor('return process')()",
      "''.constructor.constructor('return this')()", "getValue.constructor('return 1')()",
      "util.constructor.constructor('x')()", "util.__proto__.x()", "({}).__proto__.toString()",
      "[].constructor()", "(1).constructor()", "getValue.call(null, '/a')",
      "getValue.apply(null, ['/a'])", "getValue.bind(null)('/a')", "this.x",
      "util.nope()", "newData()", "'abc'()", "data.x", "auth.addr.y.z",
      "util.prototype.x", "Number.prototype.toString()", "new Number(1)", "/a/.test('a')",
      "1n === 1n", "newData.x = 1", "delete newData.x", "'x' in 'abc'", "1 instanceof 1",
      "({toString: 1}) + ''", "'a'.repeat(-1)", "'a'.repeat(1e9)",
      "'x'.padStart(1e9)", "(1).toString(1)"})
  void hostileOrFailingRulesAreRuntimeErrors(String rule) {
    assertRuntimeError(rule);
  }

  @ParameterizedTest
  @ValueSource(strings = {"while(", "1 +", "(", "a b", "function(){ return 1 }()",
      "(() => 1)()", "x => x", "'unterminated", "`unterminated", "017 === 15", "'\\07'",
      "@", "#x", "let", "1 = 2", "a.b c", "{a:1} {", "yield", "-2 ** 2", "++1"})
  void syntaxErrors(String rule) {
    assertSyntaxError(rule);
  }

  @Test
  void deepNestingIsASyntaxErrorNotAStackOverflow() {
    String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
    assertSyntaxError(deep);
    String unary = "!".repeat(100_000) + "true";
    assertSyntaxError(unary);
    // Member and operator chains are parsed by loops; the AST depth bound refuses them too.
    assertSyntaxError("a" + ".b".repeat(100_000));
    assertSyntaxError("1" + " + 1".repeat(50_000));
    assertTrueRule("1" + " + 1".repeat(300) + " === 301");
  }

  @Test
  void stringGrowthIsBoundedByTheBudget() {
    StringBuilder rule = new StringBuilder("'x'");
    for (int i = 0; i < 25; i++) {
      rule.insert(0, "(").append(" + ").append(rule).append(")");
      if (rule.length() > 200_000) {
        break;
      }
    }
    long t0 = System.nanoTime();
    RuleOutcome out = run("'ab'.repeat(1 << 19) + 'ab'.repeat(1 << 19) + 'c'");
    assertInstanceOf(RuleOutcome.RuntimeError.class, out);
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
  }

  @Test
  void stepBudgetStopsLongEvaluations() {
    String rule = "true && " + "!!(1 + 1) && ".repeat(300) + "true";
    RuleOutcome out = engine.evalWriteRule(rule, new WriteRuleInput(Json.NULL, Json.NULL,
        Json.NULL, 0, Json.NULL, Json.NULL, List.of(), Map.of()), host,
        new Meter(new RuleLimits(1000, 1000, 10_000, 2, 16)));
    assertInstanceOf(RuleOutcome.RuntimeError.class, out);
  }

  @Test
  void compiledRulesAreCachedByText() {
    RuleEngine small = new RuleEngine(new RuleLimits(10_000, 1000, 10_000, 2, 2));
    RuleEngine.Compiled a = small.compile("true");
    assertTrue(a == small.compile("true"));
    small.compile("1");
    small.compile("2");
    assertEquals(2, small.cachedRules());
  }
}
