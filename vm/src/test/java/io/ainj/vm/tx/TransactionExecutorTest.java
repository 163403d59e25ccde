package io.ainj.vm.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.vm.exec.Results;
import io.ainj.vm.exec.VmParams;
import io.ainj.vm.rule.RuleEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transaction level on AIN's base genesis rules, functions and owners: prechecks, gas
 * buckets, fees, rollback and the service functions end to end. Blocks are numbered 1 (fees on,
 * timer flags still off) unless a test says otherwise.
 */
class TransactionExecutorTest {
  static final String OWNER = "0xAAAf6f50A0304F12119D218b94bea8082642515B";
  static final String A = "0x00ADEc28B6a845a085e03591bE7550dd68673C1C";
  static final String B = "0x01A0980d2D4e418c7F27e1ef539d01A5b5E93204";
  static final String C = "0x02A2A1DF4f630d760c82BE07F18e5065d103Fa00";
  static final long BLOCK_TIME = 1_700_000_000_000L;

  private final TransactionExecutor vm = new TransactionExecutor(new RuleEngine(), VmParams.defaults());
  private StateDb db;
  private MutableState state;
  private int txCounter;

  @BeforeEach
  void setUp() throws IOException {
    db = StateDb.inMemory();
    state = db.edit("TEST");
    Json rules = resource("genesis_rules.json");
    Json functions = resource("genesis_functions.json");
    JObject owners = (JObject) resource("genesis_owners.json");
    // As the genesis owner setup does: the root belongs to the owner, everyone else has nothing.
    JObject.Builder o = JObject.builder();
    for (int i = 0; i < owners.size(); i++) {
      o.put(owners.key(i), owners.value(i));
    }
    o.put(".owner", JsonCodec.parse("{\"owners\":{\"" + OWNER + "\":{\"branch_owner\":true,"
        + "\"write_function\":true,\"write_owner\":true,\"write_rule\":true},\"*\":{"
        + "\"branch_owner\":false,\"write_function\":false,\"write_owner\":false,\"write_rule\":false}}}"));
    state.writeRaw(StateRoot.RULES, "/", rules);
    state.writeRaw(StateRoot.FUNCTIONS, "/", functions);
    state.writeRaw(StateRoot.OWNERS, "/", o.build());
    balance(OWNER, 1_000_000);
    balance(A, 1000);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private static Json resource(String name) throws IOException {
    try (InputStream in = TransactionExecutorTest.class.getResourceAsStream(name)) {
      return JsonCodec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private void balance(String addr, double amount) {
    state.writeRaw(StateRoot.VALUES, "/accounts/" + addr + "/balance", Json.of(amount));
  }

  private double number(String path) {
    Json v = state.get(StateRoot.VALUES, path);
    return v instanceof JNumber n ? n.value() : Double.NaN;
  }

  private static String body(String op, double nonce, double timestamp, double gasPrice) {
    return "{\"operation\":" + op + ",\"nonce\":" + JsonCodec.stringify(Json.of(nonce))
        + ",\"timestamp\":" + JsonCodec.stringify(Json.of(timestamp)) + ",\"gas_price\":"
        + JsonCodec.stringify(Json.of(gasPrice)) + "}";
  }

  private static String setValue(String ref, String value) {
    return "{\"type\":\"SET_VALUE\",\"ref\":\"" + ref + "\",\"value\":" + value + "}";
  }

  private Json run(String signer, String body, long blockNumber) {
    return vm.execute(state, JsonCodec.parse(body), signer, "0xhash" + (++txCounter), blockNumber,
        BLOCK_TIME, false);
  }

  private Json run(String signer, String body) {
    return run(signer, body, 1);
  }

  private static Json at(Json j, String... keys) {
    Json cur = j;
    for (String k : keys) {
      cur = cur instanceof JObject o ? o.get(k) : null;
    }
    return cur;
  }

  private static double num(Json j, String... keys) {
    return at(j, keys) instanceof JNumber n ? n.value() : Double.NaN;
  }

  private String transfer(String from, String to, String key, double amount) {
    return setValue("/transfer/" + from + "/" + to + "/" + key + "/value",
        JsonCodec.stringify(Json.of(amount)));
  }

  // ---- nonces and timestamps ---------------------------------------------------------------

  @Test
  void numberedNonceMustMatchTheAccountNonceAndAdvancesIt() {
    Json ok = run(A, body(transfer(A, OWNER, "1", 1), 0, 1, 0));
    assertEquals(0, num(ok, "code"), ok::toString);
    assertEquals(1, number("/accounts/" + A + "/nonce"));

    String before = state.rootProofHash();
    Json replay = run(A, body(transfer(A, OWNER, "2", 1), 0, 2, 0));
    assertEquals(10712, num(replay, "code"));
    assertEquals("Invalid nonce: 0 !== 1", ((Json.JString) at(replay, "message")).value());
    assertEquals(0, num(replay, "bandwidth_gas_amount"));
    assertNull(at(replay, "gas_amount_total"), "a precheck failure has no gas fields");
    Json ahead = run(A, body(transfer(A, OWNER, "3", 1), 5, 3, 0));
    assertEquals("Invalid nonce: 5 !== 1", ((Json.JString) at(ahead, "message")).value());
    assertEquals(before, state.rootProofHash(), "precheck failures touch nothing");
  }

  @Test
  void orderedNonceNeedsAGreaterTimestampAndUnorderedHasNoCounter() {
    assertEquals(0, num(run(A, body(transfer(A, OWNER, "1", 1), -2, 100, 0)), "code"));
    assertEquals(100, number("/accounts/" + A + "/timestamp"));
    Json same = run(A, body(transfer(A, OWNER, "2", 1), -2, 100, 0));
    assertEquals(10713, num(same, "code"));
    assertEquals("Invalid timestamp: 100 <= 100", ((Json.JString) at(same, "message")).value());
    assertEquals(0, num(run(A, body(transfer(A, OWNER, "3", 1), -2, 101, 0)), "code"));

    assertEquals(0, num(run(A, body(transfer(A, OWNER, "4", 1), -1, 5, 0)), "code"));
    assertEquals(0, num(run(A, body(transfer(A, OWNER, "5", 1), -1, 5, 0)), "code"));
    assertEquals(101, number("/accounts/" + A + "/timestamp"), "-1 leaves the timestamp alone");
    assertTrue(Double.isNaN(number("/accounts/" + A + "/nonce")), "-1 and -2 leave the nonce alone");

    Json nonNumeric = run(A, "{\"operation\":" + transfer(A, OWNER, "6", 1)
        + ",\"nonce\":\"x\",\"timestamp\":1}");
    assertEquals(10710, num(nonNumeric, "code"));
    Json noBody = vm.execute(state, null, A, "0xh", 1, BLOCK_TIME, false);
    assertEquals(10706, num(noBody, "code"));
  }

  @Test
  void gasPriceMustBeAnIntegerZeroOrAtLeastTheMinimum() {
    assertEquals(10714, num(run(A, body(transfer(A, OWNER, "1", 1), -1, 1, 1.5)), "code"));
    assertEquals(10714, num(run(A, body(transfer(A, OWNER, "1", 1), -1, 1, 499)), "code"));
    assertEquals(0, num(run(A, body(transfer(A, OWNER, "1", 1), -1, 1, 0)), "code"));
    assertEquals(0, num(run(A, body(transfer(A, OWNER, "2", 1), -1, 2, 500)), "code"));
  }

  // ---- gas, fees, rollback -----------------------------------------------------------------

  @Test
  void transferChargesBandwidthAndStateGasAndCollectsTheFee() {
    Json r = run(A, body(transfer(A, B, "7", 10), -1, 1234, 500));
    assertEquals(0, num(r, "code"), r::toString);
    // The write (1), _transfer's registration of the new recipient (2000), its DEC and INC (1+1).
    assertEquals(2003, num(r, "gas_amount_total", "bandwidth", "service"));
    double stateGas = num(r, "gas_amount_total", "state", "service");
    assertTrue(stateGas > 0, "a new transfer record and account grow the service state");
    assertEquals(2003 + stateGas, num(r, "gas_amount_charged"));
    double cost = TransactionExecutor.gasCost(500, 2003 + stateGas, 0.000001);
    assertEquals(cost, num(r, "gas_cost_total"));
    assertEquals(Math.floor(500 * 0.000001 * (2003 + stateGas) * 1e6) / 1e6, cost);
    assertEquals(10, number("/accounts/" + B + "/balance"));
    assertEquals(1000 - 10 - cost, number("/accounts/" + A + "/balance"), 1e-9);
    assertEquals(cost, number("/service_accounts/gas_fee/gas_fee/unclaimed/balance"));
    assertEquals(cost, number("/gas_fee/collect/1/" + A + "/0xhash1/amount"));
    Json receipt = state.get(StateRoot.VALUES, "/receipts/0xhash1");
    assertEquals(A, ((Json.JString) at(receipt, "address")).value());
    assertEquals(cost, num(receipt, "exec_result", "gas_cost_total"));
    assertEquals(0, num(receipt, "exec_result", "code"));
  }

  @Test
  void receiptsStopWhenTheTimerFlagTurnsOn() {
    run(A, body(transfer(A, B, "1", 1), -1, 1, 500), 2);
    assertEquals(Json.NULL, state.get(StateRoot.VALUES, "/receipts/0xhash1"));
    assertTrue(number("/service_accounts/gas_fee/gas_fee/unclaimed/balance") > 0);
  }

  @Test
  void feeBalanceTooLowRevertsTheOperationAndKeepsACappedFee() {
    balance(C, 2);
    Json r = run(C, body(transfer(C, A, "1", 1), -1, 1, 100_000));
    assertEquals(11001, num(r, "code"), r::toString);
    // Capped: min(balance 2, service bandwidth 3) = 2 gas at 0.1 AIN per gas. In doubles
    // 100000 * 1e-6 * 2 * 1e6 is 199999.99999999997, so the floor gives 0.199999, as in JS.
    assertEquals(2, num(r, "gas_amount_charged"));
    assertEquals(0.199999, num(r, "gas_cost_total"));
    assertEquals(2 - 0.199999, number("/accounts/" + C + "/balance"), 1e-12);
    assertEquals(1000, number("/accounts/" + A + "/balance"), "the transfer itself is undone");
    assertEquals(0.199999, number("/service_accounts/gas_fee/gas_fee/unclaimed/balance"));
    assertTrue(Results.isFailed(r));
  }

  @Test
  void failedTransactionLeavesTheStateUnchanged() {
    String before = state.rootProofHash();
    Json r = run(A, body(transfer(A, B, "1", 5000), 0, 1, 500));
    assertTrue(Results.isFailed(r), r::toString);
    assertEquals(num(r, "gas_amount_total", "bandwidth", "service"), num(r, "gas_amount_charged"),
        "a failed tx is charged bandwidth only");
    assertEquals(before, state.rootProofHash(), "not even the fee or the receipt stays");
    assertTrue(Double.isNaN(number("/accounts/" + A + "/nonce")));
  }

  @Test
  void setIsAtomic() {
    String before = state.rootProofHash();
    String op = "{\"type\":\"SET\",\"op_list\":[" + transfer(A, B, "1", 5) + ","
        + setValue("/not_writable/x", "1") + "," + transfer(A, B, "2", 5) + "]}";
    Json r = run(A, body(op, -1, 1, 0));
    JObject list = (JObject) at(r, "result_list");
    assertEquals(2, list.size(), "execution stops after the first failure");
    assertEquals(0, num(list.value(0), "code"));
    assertEquals(12103, num(list.value(1), "code"));
    assertEquals(before, state.rootProofHash(), "the successful first op is undone too");
  }

  @Test
  void firstNumberedTransactionOfANewAccountPaysRegistration() {
    // B has no account node at all; its first numbered tx registers it.
    Json r = run(B, body(setValue("/manage_app/newapp/create/1",
        "{\"admin\":{\"" + B + "\":true}}"), 0, 1, 0));
    assertEquals(0, num(r, "code"), r::toString);
    // Registration, the write and _createApp's config write are service gas; its rule and owner
    // writes under /apps/newapp count for the app.
    assertEquals(2000 + 1 + 1, num(r, "gas_amount_total", "bandwidth", "service"));
    assertEquals(2, num(r, "gas_amount_total", "bandwidth", "app", "newapp"));
    Json again = run(B, body(setValue("/manage_app/other/create/1",
        "{\"admin\":{\"" + B + "\":true}}"), 1, 2, 0));
    assertEquals(2, num(again, "gas_amount_total", "bandwidth", "service"), "registered once");
  }

  // ---- apps ---------------------------------------------------------------------------------

  @Test
  void createAppThroughManageAppAndAppGasIsNotCharged() {
    Json create = run(A, body(setValue("/manage_app/myapp/create/1",
        "{\"admin\":{\"" + A + "\":true}}"), -1, 1, 500));
    assertEquals(0, num(create, "code"), create::toString);
    assertEquals(0, num(create, "func_results", "_createApp", "code"));
    assertEquals(Json.TRUE, state.get(StateRoot.VALUES, "/manage_app/myapp/config/admin/" + A));
    assertEquals(Json.of("auth.addr === '" + A + "'"),
        state.get(StateRoot.RULES, "/apps/myapp/.rule/write"));
    assertEquals(Json.TRUE,
        state.get(StateRoot.OWNERS, "/apps/myapp/.owner/owners/" + A + "/write_owner"));

    // The app's first value creates /values/apps, whose label is service state (8 bytes).
    Json first = run(A, body(setValue("/apps/myapp/first", "1"), -1, 2, 500));
    assertEquals(8, num(first, "gas_amount_total", "state", "service"), first::toString);
    double before = number("/accounts/" + A + "/balance");
    Json write = run(A, body(setValue("/apps/myapp/greeting", "\"hello\""), -1, 3, 500));
    assertEquals(0, num(write, "code"), write::toString);
    assertEquals(0, num(write, "gas_amount_total", "bandwidth", "service"));
    assertEquals(1, num(write, "gas_amount_total", "bandwidth", "app", "myapp"));
    assertTrue(num(write, "gas_amount_total", "state", "app", "myapp") > 0);
    assertEquals(0, num(write, "gas_amount_total", "state", "service"));
    assertEquals(0, num(write, "gas_amount_charged"));
    assertEquals(0, num(write, "gas_cost_total"));
    assertEquals(before, number("/accounts/" + A + "/balance"));

    Json denied = run(B, body(setValue("/apps/myapp/greeting", "\"hi\""), -1, 4, 0));
    assertEquals(12103, num(denied, "code"));
  }

  // ---- staking ------------------------------------------------------------------------------

  @Test
  void stakeLocksTokensAndUnstakeWaitsForTheLockup() {
    Json app = run(OWNER, body(setValue("/manage_app/svc/create/1", "{\"admin\":{\"" + OWNER
        + "\":true},\"service\":{\"staking\":{\"lockup_duration\":1000}}}"), -1, 1, 0));
    assertEquals(0, num(app, "code"), app::toString);

    Json stake = run(A, body(setValue("/staking/svc/" + A + "/0/stake/1/value", "100"), -1, 5, 0));
    assertEquals(0, num(stake, "code"), stake::toString);
    assertEquals(100, number("/service_accounts/staking/svc/" + A + "|0/balance"));
    assertEquals(900, number("/accounts/" + A + "/balance"));
    assertEquals(100, number("/staking/svc/balance_total"));
    assertEquals(BLOCK_TIME + 1000, number("/staking/svc/" + A + "/0/expire_at"));
    assertEquals(100, number("/transfer/" + A + "/staking|svc|" + A + "|0/5/value"),
        "stakes move through a /transfer record");

    String unstakeBody = body(setValue("/staking/svc/" + A + "/0/unstake/2/value", "40"), -1, 6, 0);
    String before = state.rootProofHash();
    Json locked = vm.execute(state, new TransactionExecutor.Request(JsonCodec.parse(unstakeBody),
        A, "0xu1", 1, BLOCK_TIME, false, BLOCK_TIME + 999));
    assertEquals(20201, num(locked, "func_results", "_unstake", "code"), locked::toString);
    assertEquals(before, state.rootProofHash());

    Json unstake = vm.execute(state, new TransactionExecutor.Request(JsonCodec.parse(unstakeBody),
        A, "0xu2", 1, BLOCK_TIME, false, BLOCK_TIME + 1000));
    assertEquals(0, num(unstake, "code"), unstake::toString);
    assertEquals(60, number("/service_accounts/staking/svc/" + A + "|0/balance"));
    assertEquals(940, number("/accounts/" + A + "/balance"));
    assertEquals(60, number("/staking/svc/balance_total"));
  }

  @Test
  void paramsComeFromStateAfterGenesis() {
    state.writeRaw(StateRoot.VALUES, "/blockchain_params/resource/min_gas_price", Json.of(1000));
    assertEquals(500, vm.paramsAt(state, 0).minGasPrice(), "block 0 reads the genesis params");
    assertEquals(1000, vm.paramsAt(state, 1).minGasPrice());
    assertEquals(10714, num(run(A, body(transfer(A, B, "1", 1), -1, 1, 500)), "code"));
    assertFalse(Results.isFailed(run(A, body(transfer(A, B, "1", 1), -1, 1, 1000))));
  }

  // ---- state budgets -----------------------------------------------------------------------

  private double appUsage(String app) {
    double sum = 0;
    for (StateRoot r : StateRoot.values()) {
      io.ainj.statedb.tree.StateNode n = state.node(java.util.List.of(r.label(), "apps", app));
      sum += n == null ? 0 : n.treeBytes();
    }
    return sum;
  }

  private void createApp(String signer, String app, boolean staking, double timestamp) {
    Json r = run(signer, body(setValue("/manage_app/" + app + "/create/1", "{\"admin\":{\""
        + signer + "\":true}" + (staking ? ",\"service\":{\"staking\":{\"lockup_duration\":1000}}"
        : "") + "}"), -1, timestamp, 0));
    assertEquals(0, num(r, "code"), r::toString);
    state.writeRaw(StateRoot.VALUES, "/apps/" + app + "/seed", Json.of(1));
  }

  @Test
  void theFreeTierBudgetCountsEveryUnstakedAppAndStakedAppsShareTheAppsBudget() {
    createApp(A, "big", false, 1);
    createApp(A, "tiny", false, 2);
    createApp(OWNER, "svc", true, 3);
    createApp(OWNER, "whale", true, 4);
    assertEquals(0, num(run(A, body(setValue("/staking/svc/" + A + "/0/stake/1/value", "100"),
        -1, 5, 0)), "code"));
    assertEquals(0, num(run(OWNER, body(setValue("/staking/whale/" + OWNER + "/0/stake/1/value",
        "10000"), -1, 6, 0)), "code"));
    state.writeRaw(StateRoot.VALUES, "/apps/big/blob", Json.of("x".repeat(4000)));
    double blob = appUsage("big");
    double free = appUsage("big") + appUsage("tiny");
    VmParams p = vm.paramsAt(state, 1);
    // A free-tier budget just under the unstaked apps' usage, but above it without the blob.
    double freeBudget = free - 2000;
    double limit = freeBudget / p.freeStateBudgetRatio();
    state.writeRaw(StateRoot.VALUES, "/blockchain_params/resource/state_tree_bytes_limit",
        Json.of(limit));

    // A write to the small app fails on the big one's usage: the free tier is shared.
    Json tiny = run(A, body(setValue("/apps/tiny/x", "1"), -1, 10, 0));
    assertEquals(10905, num(tiny, "code"), tiny::toString);
    assertTrue(((Json.JString) at(tiny, "message")).value()
        .startsWith("Exceeded state budget limit for free tier ("), tiny::toString);
    assertEquals(Json.NULL, state.get(StateRoot.VALUES, "/apps/tiny/x"), "reverted");

    // A staked app is measured against its share of the apps budget instead: svc holds 100 of
    // the 10,100 staked, so its budget is about 1 % of the apps budget.
    double svcBudget = limit * p.appsStateBudgetRatio() * 100 / 10_100;
    assertTrue(appUsage("svc") < svcBudget, "svc starts under its budget");
    Json svcOk = run(OWNER, body(setValue("/apps/svc/x", "1"), -1, 11, 0));
    assertEquals(0, num(svcOk, "code"), svcOk::toString);
    String over = "\"" + "y".repeat((int) (svcBudget - appUsage("svc")) + 10) + "\"";
    Json svcOver = run(OWNER, body(setValue("/apps/svc/y", over), -1, 12, 0));
    assertEquals(10907, num(svcOver, "code"), svcOver::toString);
    assertTrue(((Json.JString) at(svcOver, "message")).value()
        .startsWith("Exceeded state budget limit for app svc ("), svcOver::toString);

    // Without the blob the free tier has room again.
    state.writeRaw(StateRoot.VALUES, "/apps/big/blob", Json.NULL);
    assertTrue(blob > 2000);
    Json again = run(A, body(setValue("/apps/tiny/x", "1"), -1, 13, 0));
    assertEquals(0, num(again, "code"), again::toString);
  }

  // ---- what a run depends on ----------------------------------------------------------------

  /**
   * A run that reads neither the block time nor the number writes, in a block of another
   * number, exactly what it wrote but for its receipt's block_number: its write log, with the
   * receipt rewritten, replayed on the same state gives what running it there gives. A run
   * that does read the number (a rule naming it, a read of receipts, a fee whose path holds
   * it) says so.
   */
  @Test
  void aRunThatReadsNoBlockNumberDiffersInAnotherBlockOnlyInItsReceipt() {
    TransactionExecutor noFlags = new TransactionExecutor(new RuleEngine(),
        VmParams.defaults().withTimerFlags(io.ainj.vm.exec.TimerFlags.none()));
    state.writeRaw(StateRoot.RULES, "/apps/free", JsonCodec.parse("{\".rule\":{\"write\":true}}"));
    state.writeRaw(StateRoot.RULES, "/apps/numbered",
        JsonCodec.parse("{\".rule\":{\"write\":\"blockNumber > 0\"}}"));
    state.writeRaw(StateRoot.RULES, "/apps/watcher",
        JsonCodec.parse("{\".rule\":{\"write\":\"getValue('/receipts/0xearlier') !== 1\"}}"));
    state.writeRaw(StateRoot.VALUES, "/receipts/0xearlier", JsonCodec.parse("{\"block_number\":4}"));
    record Case(String name, String signer, String body, boolean readsNumber) {}
    List<Case> cases = List.of(
        new Case("a value under a plain rule", A, body(setValue("/apps/free/x", "1"), -1, 1, 0), false),
        new Case("a numbered nonce", A, body(setValue("/apps/free/y", "{\"a\":2}"), 0, 2, 0), false),
        new Case("a free transfer", A, body(transfer(A, B, "1", 3), -1, 3, 0), false),
        new Case("a rule naming blockNumber", A, body(setValue("/apps/numbered/x", "1"), -1, 4, 0), true),
        new Case("a rule reading a receipt", A, body(setValue("/apps/watcher/x", "1"), -1, 5, 0), true),
        new Case("a fee, collected under the block number", A,
            body(transfer(A, B, "2", 3), -1, 6, 500), true));
    io.ainj.statedb.StateVersion start = state.snapshot();
    for (Case c : cases) {
      MutableState in5 = start.edit("TEST", db.config());
      in5.beginLog();
      TransactionExecutor.Outcome out5 = noFlags.executeTracked(in5, new TransactionExecutor.Request(
          JsonCodec.parse(c.body()), c.signer(), "0xrun", 5, BLOCK_TIME, false, BLOCK_TIME));
      io.ainj.statedb.WriteLog log = in5.endLog();
      assertEquals(0, num(out5.result(), "code"), () -> c.name() + ": " + out5.result());
      assertFalse(out5.blockTimeRead(), c.name());
      assertEquals(c.readsNumber(), out5.blockNumberRead(), c.name());

      MutableState in6 = start.edit("TEST", db.config());
      TransactionExecutor.Outcome out6 = noFlags.executeTracked(in6, new TransactionExecutor.Request(
          JsonCodec.parse(c.body()), c.signer(), "0xrun", 6, BLOCK_TIME, false, BLOCK_TIME));
      assertEquals(out5.result(), out6.result(), c.name());
      assertEquals(6, num(in6.get(StateRoot.VALUES, "/receipts/0xrun"), "block_number"));
      MutableState replayed = start.edit("TEST", db.config());
      replayed.replay(log.rewriting(TransactionExecutor.receiptPath("0xrun"),
          r -> TransactionExecutor.receiptInBlock(r, 6)));
      if (!c.readsNumber()) {
        assertEquals(in6.rootProofHash(), replayed.rootProofHash(), c.name());
      } else if (c.name().startsWith("a fee")) {
        assertTrue(!in6.rootProofHash().equals(replayed.rootProofHash()), "the fee's path moved");
      }
    }
  }

  @Test
  void rulesAreTheSameAtTwoNumbersWhenNoTimerFlagSwitchesBetweenThem() {
    // Base flags: every one turns on at block 2.
    assertFalse(vm.sameRulesAt(1, 2));
    assertTrue(vm.sameRulesAt(2, 3));
    assertTrue(vm.sameRulesAt(1, 1));
    assertFalse(vm.sameRulesAt(0, 1), "block 0 is genesis, with its own params");
    TransactionExecutor noFlags = new TransactionExecutor(new RuleEngine(),
        VmParams.defaults().withTimerFlags(io.ainj.vm.exec.TimerFlags.none()));
    assertTrue(noFlags.sameRulesAt(1, 2));
    assertEquals(JsonCodec.parse("{\"address\":\"0xa\",\"block_number\":9,\"exec_result\":{\"code\":0}}"),
        TransactionExecutor.receiptInBlock(JsonCodec.parse(
            "{\"address\":\"0xa\",\"block_number\":8,\"exec_result\":{\"code\":0}}"), 9));
  }
}
