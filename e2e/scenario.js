#!/usr/bin/env node
/*
 * End-to-end scenario: drives an ainj node with the REAL, unmodified @ainblockchain/ain-js client.
 *
 *   node e2e/scenario.js <rpcUrl>        e.g. http://127.0.0.1:8080/json-rpc
 *
 * Every step prints "ok <name>" or "FAIL <name>: <why>"; the process exits 1 if any step failed
 * (2 on a usage error or the overall watchdog). Assertions follow AIN's behaviour as written in
 * /work/shared/spec/ain-protocol.md (§n references below) and ain-state.md (state §n), not
 * whatever the node happens to do today.
 *
 * Accounts: genesis_accounts.json others[1] (A, app admin), others[2] (B, non-owner),
 * others[3] (C, transfer recipient). others[0] is avoided on purpose: it is the dev validator.
 * The keys are AIN's public test keys, embedded so the script has no file dependencies.
 * Every run uses a fresh app name, so the script can be re-run against the same node.
 */
'use strict';

const util = require('util');
const Ain = require('@ainblockchain/ain-js').default;

const RPC_URL = process.argv[2];
if (!RPC_URL) {
  console.error('usage: node scenario.js <rpcUrl>');
  process.exit(2);
}

const OVERALL_TIMEOUT_MS = 50000;   // the whole scenario must finish well under a minute
const FINALIZE_TIMEOUT_MS = 10000;  // per transaction
const POLL_MS = 40;

// AIN's PUBLIC test keys from ain-configs/base/genesis_accounts.json (others[1..3]); funded with
// 11,000,000 AIN each by the base genesis. Never use them outside test chains.
const KEYS = {
  a: '921cc48e48c876fc6ed1eb02a76ad520e8d16a91487f9c7e03441da8e35a0947', // 0x01A0980d2D4e418c7F27e1ef539d01A5b5E93204
  b: '41e6e5718188ce9afd25e4b386482ac2c5272c49a622d8d217887bce21dce560', // 0x02A2A1DF4f630d760c82BE07F18e5065d103Fa00
  c: '79e8473fb27896c16eeedc8aea7966e5fa489faca4deacdbbb2428750eb4d6eb', // 0x03AAb7b6f16A92A1dfe018Fe34ee420eb098B98A
};
const HASH_RE = /^0x[0-9a-f]{64}$/;
const ALL_TRUE = { branch_owner: true, write_function: true, write_owner: true, write_rule: true };
const ALL_FALSE = { branch_owner: false, write_function: false, write_owner: false, write_rule: false };

// ---------------------------------------------------------------------------------------------
// Tiny test harness
// ---------------------------------------------------------------------------------------------

let passed = 0;
let failed = 0;
const started = Date.now();

class StepFailure extends Error {}

function fail(msg) {
  throw new StepFailure(msg);
}

function show(v) {
  const s = util.inspect(v, { depth: 8, breakLength: Infinity, compact: true });
  return s.length > 700 ? s.slice(0, 700) + '...' : s;
}

function check(cond, msg) {
  if (!cond) fail(msg);
}

function eq(actual, expected, what) {
  if (!util.isDeepStrictEqual(actual, expected)) {
    fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    let why;
    if (e instanceof StepFailure) {
      why = e.message;
    } else if (e && e.name === 'BlockchainError') {
      why = `unexpected BlockchainError code=${e.code} message=${show(e.message)}`;
    } else if (e && e.isAxiosError) {
      why = `HTTP error: ${e.message}${e.response ? ' body=' + show(e.response.data) : ''}`;
    } else {
      why = `unexpected exception: ${e && e.stack ? e.stack : show(e)}`;
    }
    console.log(`FAIL ${name}: ${String(why).replace(/\s*\n\s*/g, ' | ')}`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// AIN helpers (all through ain-js)
// ---------------------------------------------------------------------------------------------

/** spec §3.4/state §5.4: a result fails if any op code != 0 or any function code not in {0, 20000}. */
function isFailedResult(r) {
  if (!r || typeof r !== 'object') return true;
  if (r.result_list !== undefined) {
    if (!r.result_list || typeof r.result_list !== 'object') return true;
    if (typeof r.code === 'number' && r.code !== 0) return true;
    return Object.values(r.result_list).some(isFailedResult);
  }
  if (r.code !== 0) return true;
  return funcResultsFailed(r.func_results) || subtreeFailed(r.subtree_func_results);
}

function funcResultsFailed(funcResults) {
  if (!funcResults) return false;
  return Object.values(funcResults).some((fr) => {
    if (!fr || (fr.code !== 0 && fr.code !== 20000)) return true;
    return Object.values(fr.op_results || {}).some((op) => isFailedResult(op.result));
  });
}

function subtreeFailed(subtree) {
  if (!subtree) return false;
  return Object.values(subtree).some((byPath) =>
    Object.values(byPath || {}).some((entry) => funcResultsFailed(entry && entry.func_results)));
}

/** A send result `{tx_hash, result}` (§2.5) whose execution succeeded. */
function expectSuccess(res, what) {
  check(res && typeof res === 'object', `${what}: send returned ${show(res)}`);
  check(typeof res.tx_hash === 'string' && HASH_RE.test(res.tx_hash),
    `${what}: tx_hash should be 0x+64 hex, got ${show(res.tx_hash)} (payload ${show(res)})`);
  check(!isFailedResult(res.result), `${what}: expected a successful execution result, got ${show(res.result)}`);
  return res;
}

/** A send that resolved (not thrown) with an execution result carrying `code`. */
function expectCode(res, code, what) {
  check(res && typeof res === 'object', `${what}: send returned ${show(res)}`);
  check(typeof res.tx_hash === 'string' && HASH_RE.test(res.tx_hash),
    `${what}: tx_hash should be 0x+64 hex, got ${show(res.tx_hash)} (payload ${show(res)})`);
  check(res.result && res.result.code === code,
    `${what}: expected inner result code ${code}, got ${show(res.result)}`);
  return res;
}

/** Polls ain.getTransactionByHash until is_finalized (spec §3.7). */
async function waitFinalized(ain, hash, what) {
  const deadline = Date.now() + FINALIZE_TIMEOUT_MS;
  let info = null;
  while (Date.now() < deadline) {
    info = await ain.getTransactionByHash(hash);
    if (info && info.is_finalized === true) return info;
    await sleep(POLL_MS);
  }
  fail(`${what}: tx ${hash} not finalized after ${FINALIZE_TIMEOUT_MS} ms; last tracker record ${show(info)}`);
}

async function waitFinalizedOk(ain, hash, what) {
  const info = await waitFinalized(ain, hash, what);
  eq(info.state, 'FINALIZED', `${what}: tracker state`);
  return info;
}

function pushKey(ain, path) {
  return ain.db.ref(path).push().key;
}

// ---------------------------------------------------------------------------------------------
// Scenario
// ---------------------------------------------------------------------------------------------

async function main() {
  const ain = new Ain(RPC_URL);
  const A = ain.wallet.addAndSetDefaultAccount(KEYS.a);
  const B = ain.wallet.add(KEYS.b);
  const C = ain.wallet.add(KEYS.c);
  const app = 'e2e_' + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
  const appPath = `/apps/${app}`;
  const ctx = {};  // values shared between steps

  console.log(`# ain-js scenario against ${RPC_URL}; app=${app} A=${A} B=${B} C=${C}`);

  await step('net_chain_and_network_id', async () => {
    eq(await ain.net.getChainId(), 0, 'net_getChainId (base genesis chain_id)');
    eq(await ain.net.getNetworkId(), 0, 'net_getNetworkId (base genesis network_id)');
  });

  await step('net_protocol_version', async () => {
    const v = await ain.net.getProtocolVersion();
    check(typeof v === 'string' && /^\d+\.\d+\.\d+/.test(v), `ain_getProtocolVersion: expected semver string, got ${show(v)}`);
    const c = await ain.net.checkProtocolVersion();
    check(c && c.result === true && c.code === 0,
      `ain_checkProtocolVersion(1.0.0): expected {result:true, code:0, ...}, got ${show(c)}`);
  });

  await step('validate_app_name', async () => {
    const r = await ain.validateAppName(app);
    check(r && r.is_valid === true, `ain_validateAppName(${app}): expected is_valid true, got ${show(r)}`);
  });

  // ---- apps (spec ain-state §6) -----------------------------------------------------------
  await step('create_app', async () => {
    const key = Date.now();
    const res = expectSuccess(
      await ain.db.ref(`/manage_app/${app}/create/${key}`).setValue({ value: { admin: { [A]: true } } }),
      'create app');
    const fr = res.result.func_results && res.result.func_results._createApp;
    check(fr && fr.code === 0, `_createApp func result should be code 0, got ${show(res.result)}`);
    await waitFinalizedOk(ain, res.tx_hash, 'create app');
    eq(await ain.db.ref(appPath).getRule(), { '.rule': { write: `auth.addr === '${A}'` } }, `GET_RULE ${appPath}`);
    eq(await ain.db.ref(appPath).getOwner(), { '.owner': { owners: { [A]: ALL_TRUE } } }, `GET_OWNER ${appPath}`);
    eq(await ain.db.ref(`/manage_app/${app}/config`).getValue(), { admin: { [A]: true } },
      `GET_VALUE /manage_app/${app}/config`);
  });

  // ---- values -------------------------------------------------------------------------------
  await step('set_get_value', async () => {
    const res = expectSuccess(
      await ain.db.ref(`${appPath}/greeting`).setValue({ value: { text: 'hello', n: 42, ok: true } }), 'setValue');
    ctx.setValueTx = res.tx_hash;
    await waitFinalizedOk(ain, res.tx_hash, 'setValue');
    eq(await ain.db.ref(`${appPath}/greeting`).getValue(), { text: 'hello', n: 42, ok: true }, 'getValue object');
    eq(await ain.db.ref(appPath).getValue('greeting/text'), 'hello', 'getValue with sub path');
    eq(await ain.db.ref(`${appPath}/missing`).getValue(), null, 'getValue of a missing path');
    const del = expectSuccess(await ain.db.ref(`${appPath}/greeting/ok`).deleteValue(), 'deleteValue');
    await waitFinalizedOk(ain, del.tx_hash, 'deleteValue');
    eq(await ain.db.ref(`${appPath}/greeting`).getValue(), { text: 'hello', n: 42 }, 'getValue after deleteValue');
  });

  await step('tx_tracker_record', async () => {
    check(ctx.setValueTx, 'needs the setValue tx of set_get_value');
    const info = await ain.getTransactionByHash(ctx.setValueTx);
    check(info, 'getTransactionByHash returned null');
    eq(info.state, 'FINALIZED', 'state');
    eq(info.is_executed, true, 'is_executed');
    eq(info.is_finalized, true, 'is_finalized');
    eq(info.address, A, 'address');
    check(Number.isInteger(info.number) && info.number > 0, `number should be a block number > 0, got ${show(info.number)}`);
    check(Number.isInteger(info.index) && info.index >= 0, `index should be >= 0, got ${show(info.index)}`);
    for (const k of ['timestamp', 'tracked_at', 'executed_at', 'finalized_at']) {
      check(typeof info[k] === 'number' && info[k] > 0, `${k} should be a positive number, got ${show(info[k])}`);
    }
    check(info.exec_result && info.exec_result.code === 0, `exec_result.code should be 0, got ${show(info.exec_result)}`);
    const tx = info.transaction;
    check(tx && typeof tx === 'object', `transaction missing: ${show(info)}`);
    eq(Object.keys(tx).sort(), ['address', 'hash', 'signature', 'tx_body'], 'transaction keys');
    eq(tx.hash, ctx.setValueTx, 'transaction.hash');
    eq(tx.address, A, 'transaction.address');
    eq(tx.tx_body.operation, { type: 'SET_VALUE', ref: `${appPath}/greeting`, value: { text: 'hello', n: 42, ok: true }, is_global: false },
      'transaction.tx_body.operation (as ain-js built it)');
    check(info.receipt && info.receipt.code === 0, `receipt.code should be 0, got ${show(info.receipt)}`);
    ctx.setValueInfo = info;
  });

  await step('exec_result_gas_fields', async () => {
    // spec §3.4/§3.5: gas_amount_total split service/app, gas_amount_charged, gas_cost_total.
    const res = expectSuccess(await ain.db.ref(`${appPath}/gas_probe`).setValue({ value: 1 }), 'setValue (app path)');
    const r = res.result;
    check(r.gas_amount_total && r.gas_amount_total.bandwidth && r.gas_amount_total.state,
      `result.gas_amount_total {bandwidth, state} missing: ${show(r)}`);
    eq(r.gas_amount_total.bandwidth.app && r.gas_amount_total.bandwidth.app[app], 1,
      `gas_amount_total.bandwidth.app.${app} (one app write)`);
    eq(r.gas_amount_charged, 0, 'gas_amount_charged (app gas is never charged)');
    eq(r.gas_cost_total, 0, 'gas_cost_total (gas_price 0)');
    const t = expectSuccess(await ain.wallet.transfer({ to: C, value: 0.5 }), 'transfer (service path)');
    const tr = t.result;
    check(tr.gas_amount_total && tr.gas_amount_total.bandwidth &&
      typeof tr.gas_amount_total.bandwidth.service === 'number' && tr.gas_amount_total.bandwidth.service >= 1,
      `transfer: gas_amount_total.bandwidth.service should be >= 1, got ${show(tr)}`);
    check(typeof tr.gas_amount_charged === 'number' && tr.gas_amount_charged >= 1,
      `transfer: gas_amount_charged should be >= 1 (service bandwidth), got ${show(tr.gas_amount_charged)}`);
    eq(tr.gas_cost_total, 0, 'transfer: gas_cost_total (gas_price 0)');
    const info = await waitFinalizedOk(ain, t.tx_hash, 'transfer');
    check(info.receipt && info.receipt.code === 0 && typeof info.receipt.gas_amount_charged === 'number' &&
      info.receipt.gas_cost_total === 0, `receipt should be {code:0, gas_amount_charged:n, gas_cost_total:0}, got ${show(info.receipt)}`);
  });

  // ---- rules (ain-state §3) -----------------------------------------------------------------
  await step('rule_write_false_denies', async () => {
    const sr = expectSuccess(
      await ain.db.ref(`${appPath}/locked`).setRule({ value: { '.rule': { write: false } } }), 'setRule write:false');
    await waitFinalizedOk(ain, sr.tx_hash, 'setRule');
    eq(await ain.db.ref(`${appPath}/locked`).getRule(), { '.rule': { write: false } }, 'getRule');
    // A failing execution is a normal payload (ain-js must not throw): inner code 12103.
    const res = expectCode(
      await ain.db.ref(`${appPath}/locked/x`).setValue({ value: 1, nonce: -1 }), 12103, 'setValue under write:false');
    check(typeof res.result.message === 'string' && res.result.message.startsWith('Write rule evaluated false'),
      `message should start with "Write rule evaluated false", got ${show(res.result.message)}`);
    eq(await ain.db.ref(`${appPath}/locked/x`).getValue(), null, 'value after the denied write');
    // §3.2/§3.6: a non-precheck failure is pooled, then included and REVERTED.
    const info = await waitFinalized(ain, res.tx_hash, 'denied write');
    eq(info.state, 'REVERTED', 'tracker state of the denied write');
    check(info.receipt && info.receipt.code === 12103, `receipt.code should be 12103, got ${show(info.receipt)}`);
    eq(await ain.db.ref(`${appPath}/locked/x`).getValue(), null, 'value after the reverted block');
  });

  await step('rule_non_admin_write_denied', async () => {
    // /apps/<app> write rule is "auth.addr === '<A>'" -> B is refused.
    expectCode(await ain.db.ref(`${appPath}/from_b`).setValue({ value: 'b', address: B, nonce: -1 }), 12103,
      'B setValue on A\'s app');
    eq(await ain.db.ref(`${appPath}/from_b`).getValue(), null, 'value after B\'s refused write');
  });

  // ---- owners (ain-state §4) ----------------------------------------------------------------
  await step('owners', async () => {
    const owned = `${appPath}/owned`;
    const ownerCfg = { '.owner': { owners: { [A]: ALL_TRUE, '*': ALL_FALSE } } };
    const so = expectSuccess(await ain.db.ref(owned).setOwner({ value: ownerCfg }), 'A setOwner');
    await waitFinalizedOk(ain, so.tx_hash, 'A setOwner');
    eq(await ain.db.ref(owned).getOwner(), ownerCfg, 'getOwner');

    const r1 = expectCode(await ain.db.ref(owned).setRule({ value: { '.rule': { write: true } }, address: B, nonce: -1 }),
      12302, 'non-owner B setRule');
    check(/write_rule permission evaluated false/.test(r1.result.message || ''),
      `message should mention "write_rule permission evaluated false", got ${show(r1.result.message)}`);
    expectCode(await ain.db.ref(owned).setOwner({ value: { '.owner': { owners: { [B]: ALL_TRUE } } }, address: B, nonce: -1 }),
      12502, 'non-owner B setOwner');
    eq(await ain.db.ref(owned).getRule(), null, 'rule after B\'s refused setRule');
    eq(await ain.db.ref(owned).getOwner(), ownerCfg, 'owner after B\'s refused setOwner');

    // The owner may set a rule there that lets B write below it.
    const ar = expectSuccess(
      await ain.db.ref(owned).setRule({ value: { '.rule': { write: `auth.addr === '${B}'` } } }), 'owner A setRule');
    await waitFinalizedOk(ain, ar.tx_hash, 'owner A setRule');
    const bw = expectSuccess(await ain.db.ref(`${owned}/by_b`).setValue({ value: 'hi', address: B }), 'B setValue allowed by the new rule');
    await waitFinalizedOk(ain, bw.tx_hash, 'B setValue');
    eq(await ain.db.ref(`${owned}/by_b`).getValue(), 'hi', 'value written by B');
  });

  // ---- transfer (_transfer native function) -------------------------------------------------
  await step('transfer', async () => {
    const a0 = await ain.wallet.getBalance(A);
    const c0 = await ain.wallet.getBalance(C);
    check(typeof a0 === 'number' && a0 > 100, `balance of A should be a number > 100, got ${show(a0)}`);
    check(typeof c0 === 'number', `balance of C should be a number, got ${show(c0)}`);
    const res = expectSuccess(await ain.wallet.transfer({ to: C, value: 12.5 }), 'wallet.transfer');
    const fr = res.result.func_results && res.result.func_results._transfer;
    check(fr && fr.code === 0, `_transfer func result should be code 0, got ${show(res.result)}`);
    await waitFinalizedOk(ain, res.tx_hash, 'transfer');
    eq(await ain.wallet.getBalance(A), a0 - 12.5, 'balance of A after transfer');
    eq(await ain.wallet.getBalance(C), c0 + 12.5, 'balance of C after transfer');
    // Overdraft: the genesis write rule of /transfer/$from/$to/$key/value requires
    // util.getBalance($from) >= newData, so the write is refused by the rule (12103).
    expectCode(await ain.wallet.transfer({ to: C, value: a0 * 10, nonce: -1 }), 12103, 'overdraft transfer');
    eq(await ain.wallet.getBalance(A), a0 - 12.5, 'balance of A after refused overdraft');
  });

  // ---- INC / DEC (ain-state §2.3) -----------------------------------------------------------
  await step('increment_decrement', async () => {
    const ref = ain.db.ref(`${appPath}/counter`);
    expectSuccess(await ref.setValue({ value: 10 }), 'setValue 10');
    expectSuccess(await ref.incrementValue({ value: 5 }), 'incrementValue 5');
    const last = expectSuccess(await ref.decrementValue({ value: 3 }), 'decrementValue 3');
    await waitFinalizedOk(ain, last.tx_hash, 'decrementValue');
    eq(await ref.getValue(), 12, 'counter after 10 + 5 - 3');
    const fresh = expectSuccess(await ain.db.ref(`${appPath}/fresh_counter`).incrementValue({ value: 7 }), 'incrementValue on a missing path');
    await waitFinalizedOk(ain, fresh.tx_hash, 'incrementValue missing');
    eq(await ain.db.ref(`${appPath}/fresh_counter`).getValue(), 7, 'missing counter counts from 0');
  });

  await step('increment_decrement_not_a_number', async () => {
    const text = `${appPath}/greeting/text`;  // holds "hello"
    expectCode(await ain.db.ref(text).incrementValue({ value: 1, nonce: -1 }), 10201, 'incrementValue on a string');
    expectCode(await ain.db.ref(text).decrementValue({ value: 1, nonce: -1 }), 10301, 'decrementValue on a string');
    eq(await ain.db.ref(text).getValue(), 'hello', 'string after refused INC/DEC');
  });

  // ---- multi-op SET (ain-state §2.6) --------------------------------------------------------
  await step('multi_op_set', async () => {
    const res = expectSuccess(await ain.db.ref(appPath).set({
      op_list: [
        { type: 'SET_VALUE', ref: 'multi/a', value: 'A' },
        { type: 'INC_VALUE', ref: 'multi/n', value: 2 },
        { type: 'SET_RULE', ref: 'multi/ruled', value: { '.rule': { write: true } } },
        { ref: 'multi/b', value: { deep: 1 } },  // type omitted = SET_VALUE
      ],
    }), 'ref.set({op_list})');
    const rl = res.result.result_list;
    check(rl && typeof rl === 'object' && !Array.isArray(rl), `result_list should be an object keyed by index, got ${show(res.result)}`);
    eq(Object.keys(rl), ['0', '1', '2', '3'], 'result_list keys');
    for (const k of Object.keys(rl)) eq(rl[k].code, 0, `result_list[${k}].code`);
    const info = await waitFinalizedOk(ain, res.tx_hash, 'multi-op');
    eq(info.transaction.tx_body.operation.type, 'SET', 'operation.type in the tracked tx');
    eq(await ain.db.ref(`${appPath}/multi`).getValue(), { a: 'A', n: 2, b: { deep: 1 } }, 'values after SET');
    eq(await ain.db.ref(`${appPath}/multi/ruled`).getRule(), { '.rule': { write: true } }, 'rule after SET');
  });

  await step('multi_op_set_atomic_failure', async () => {
    const res = await ain.db.ref(appPath).set({
      op_list: [
        { type: 'SET_VALUE', ref: 'atomic/first', value: 1 },
        { type: 'SET_VALUE', ref: 'locked/second', value: 2 },   // write:false -> 12103
        { type: 'SET_VALUE', ref: 'atomic/third', value: 3 },
      ],
      nonce: -1,
    });
    check(res && HASH_RE.test(res.tx_hash || ''), `bad send payload ${show(res)}`);
    const rl = res.result && res.result.result_list;
    check(rl && rl['0'] && rl['0'].code === 0 && rl['1'] && rl['1'].code === 12103,
      `result_list should be {0:{code:0}, 1:{code:12103}}, got ${show(res.result)}`);
    check(rl['2'] === undefined, `ops after the failure must not run, got result_list[2]=${show(rl['2'])}`);
    eq(await ain.db.ref(`${appPath}/atomic`).getValue(), null, 'SET is atomic: first op rolled back');
  });

  // ---- dry run ------------------------------------------------------------------------------
  await step('dry_run', async () => {
    const nonce = await ain.wallet.getNonce({ from: 'pending' });
    const body = {
      operation: { type: 'SET_VALUE', ref: `${appPath}/dry`, value: 'should not persist', is_global: false },
      nonce,
      timestamp: Date.now(),
      gas_price: 0,
    };
    const sig = ain.wallet.signTransaction(body);
    const res = expectSuccess(await ain.sendSignedTransaction(sig, body, true), 'sendSignedTransaction dryrun');
    eq(res.result.is_dryrun, true, 'result.is_dryrun');
    eq(await ain.db.ref(`${appPath}/dry`).getValue(), null, 'value after dry run');
    eq(await ain.wallet.getNonce({ from: 'pending' }), nonce, 'pending nonce after dry run');
    await sleep(200);
    eq(await ain.getTransactionByHash(res.tx_hash), null, 'tracker record of a dry-run tx');

    // sendTransaction(..., isDryrun=true) path, with a transfer: balances unchanged.
    const a0 = await ain.wallet.getBalance(A);
    const t = expectSuccess(await ain.wallet.transfer({ to: C, value: 3 }, true), 'wallet.transfer dryrun');
    eq(t.result.is_dryrun, true, 'transfer result.is_dryrun');
    eq(await ain.wallet.getBalance(A), a0, 'balance of A after dry-run transfer');
    const v = expectSuccess(await ain.db.ref(`${appPath}/dry2`).setValue({ value: 1 }, true), 'ref.setValue dryrun');
    eq(v.result.is_dryrun, true, 'setValue result.is_dryrun');
    eq(await ain.db.ref(`${appPath}/dry2`).getValue(), null, 'value after ref.setValue dry run');
  });

  // ---- batch --------------------------------------------------------------------------------
  await step('send_transaction_batch', async () => {
    const bKey = pushKey(ain, `/transfer/${B}/${C}`);
    const c0 = await ain.wallet.getBalance(C);
    const list = await ain.sendTransactionBatch([
      { operation: { type: 'SET_VALUE', ref: `${appPath}/batch/one`, value: 1 } },
      { operation: { type: 'INC_VALUE', ref: `${appPath}/batch/count`, value: 2 }, nonce: -1 },
      { operation: { type: 'SET_VALUE', ref: `${appPath}/locked/batch`, value: 1 } },   // 12103
      { operation: { type: 'SET_VALUE', ref: `/transfer/${B}/${C}/${bKey}/value`, value: 2 }, address: B },
    ]);
    check(Array.isArray(list) && list.length === 4, `expected an array of 4 {tx_hash, result}, got ${show(list)}`);
    list.forEach((r, i) => check(r && HASH_RE.test(r.tx_hash || ''), `item ${i}: bad tx_hash in ${show(r)}`));
    eq(list.map((r) => r.result && r.result.code), [0, 0, 12103, 0], 'per-item inner codes');
    eq(new Set(list.map((r) => r.tx_hash)).size, 4, 'distinct tx hashes');
    for (const i of [0, 1, 3]) {
      const info = await waitFinalizedOk(ain, list[i].tx_hash, `batch item ${i}`);
      eq(info.transaction.tx_body.nonce, -1, `batch item ${i} nonce (ain-js defaults batch txs to -1)`);
    }
    eq(await ain.db.ref(`${appPath}/batch`).getValue(), { one: 1, count: 2 }, 'values written by the batch');
    eq(await ain.wallet.getBalance(C), c0 + 2, 'balance of C after B\'s batched transfer');
  });

  // ---- nonces (spec §1.3) -------------------------------------------------------------------
  await step('nonce_numbered_from_pending', async () => {
    const n = await ain.wallet.getNonce({ from: 'pending' });
    check(Number.isInteger(n) && n >= 0, `ain_getNonce pending should be an integer >= 0, got ${show(n)}`);
    const res = expectSuccess(await ain.db.ref(`${appPath}/numbered`).setValue({ value: n, nonce: n }), `setValue nonce=${n}`);
    eq(await ain.wallet.getNonce({ from: 'pending' }), n + 1, 'pending nonce after a numbered tx');
    const info = await waitFinalizedOk(ain, res.tx_hash, 'numbered tx');
    eq(info.transaction.tx_body.nonce, n, 'nonce in the tracked tx');
    eq(await ain.wallet.getNonce({ from: 'committed' }), n + 1, 'committed nonce after finalization');
    // ain-js default: nonce omitted -> ain_getNonce {from: pending}.
    const auto = expectSuccess(await ain.db.ref(`${appPath}/numbered_auto`).setValue({ value: 1 }), 'setValue with implicit nonce');
    const autoInfo = await waitFinalizedOk(ain, auto.tx_hash, 'implicit nonce tx');
    eq(autoInfo.transaction.tx_body.nonce, n + 1, 'implicit nonce = pending nonce');
  });

  await step('nonce_wrong_numbered_refused', async () => {
    const n = await ain.wallet.getNonce({ from: 'pending' });
    const ahead = expectCode(await ain.db.ref(`${appPath}/wrong_nonce`).setValue({ value: 'ahead', nonce: n + 5 }),
      10712, `setValue nonce=${n + 5} (account nonce ${n})`);
    check(/Invalid nonce/.test(ahead.result.message || ''), `message should mention "Invalid nonce", got ${show(ahead.result.message)}`);
    if (n > 0) {
      expectCode(await ain.db.ref(`${appPath}/wrong_nonce`).setValue({ value: 'stale', nonce: n - 1 }),
        10712, `setValue stale nonce=${n - 1} (account nonce ${n})`);
    }
    eq(await ain.db.ref(`${appPath}/wrong_nonce`).getValue(), null, 'value after refused nonces');
    eq(await ain.wallet.getNonce({ from: 'pending' }), n, 'pending nonce unchanged');
    await sleep(200);
    eq(await ain.getTransactionByHash(ahead.tx_hash), null, 'precheck failures are not tracked');
  });

  await step('nonce_unordered_minus1', async () => {
    const n = await ain.wallet.getNonce({ from: 'pending' });
    const r1 = expectSuccess(await ain.db.ref(`${appPath}/unordered/a`).setValue({ value: 1, nonce: -1 }), 'nonce -1 #1');
    const r2 = expectSuccess(await ain.db.ref(`${appPath}/unordered/b`).setValue({ value: 2, nonce: -1 }), 'nonce -1 #2');
    eq(await ain.wallet.getNonce({ from: 'pending' }), n, 'pending nonce unchanged by -1 txs');
    await waitFinalizedOk(ain, r1.tx_hash, 'nonce -1 #1');
    await waitFinalizedOk(ain, r2.tx_hash, 'nonce -1 #2');
    eq(await ain.db.ref(`${appPath}/unordered`).getValue(), { a: 1, b: 2 }, 'values of -1 txs');
  });

  await step('nonce_ordered_minus2', async () => {
    const ts0 = await ain.wallet.getTimestamp({ from: 'pending' });
    check(typeof ts0 === 'number', `ain_getTimestamp pending should be a number, got ${show(ts0)}`);
    const t1 = Math.max(Date.now(), ts0 + 1);
    const r1 = expectSuccess(await ain.db.ref(`${appPath}/ordered`).setValue({ value: 1, nonce: -2, timestamp: t1 }),
      `nonce -2 timestamp ${t1}`);
    eq(await ain.wallet.getTimestamp({ from: 'pending' }), t1, 'pending account timestamp after -2 tx');
    expectCode(await ain.db.ref(`${appPath}/ordered`).setValue({ value: 2, nonce: -2, timestamp: t1 }),
      10713, `nonce -2 with a non-increasing timestamp ${t1}`);
    const r3 = expectSuccess(await ain.db.ref(`${appPath}/ordered`).setValue({ value: 3, nonce: -2, timestamp: t1 + 1 }),
      `nonce -2 timestamp ${t1 + 1}`);
    await waitFinalizedOk(ain, r1.tx_hash, 'ordered #1');
    await waitFinalizedOk(ain, r3.tx_hash, 'ordered #3');
    eq(await ain.db.ref(`${appPath}/ordered`).getValue(), 3, 'value after ordered txs');
    eq(await ain.wallet.getTimestamp({ from: 'committed' }), t1 + 1, 'committed account timestamp');
  });

  await step('bad_signature_rejected', async () => {
    const body = {
      operation: { type: 'SET_VALUE', ref: `${appPath}/tampered`, value: 1, is_global: false },
      nonce: -1, timestamp: Date.now(), gas_price: 0,
    };
    const sig = ain.wallet.signTransaction(body);
    body.operation.value = 2;  // tamper after signing
    let thrown = null;
    try {
      const r = await ain.sendSignedTransaction(sig, body);
      fail(`expected BlockchainError 30304, got payload ${show(r)}`);
    } catch (e) {
      if (e instanceof StepFailure) throw e;
      thrown = e;
    }
    check(thrown.name === 'BlockchainError' && thrown.code === 30304,
      `expected BlockchainError code 30304, got ${thrown.name} code=${thrown.code} ${show(thrown.message)}`);
    eq(await ain.db.ref(`${appPath}/tampered`).getValue(), null, 'value after rejected tx');
  });

  // ---- blocks -------------------------------------------------------------------------------
  await step('get_last_block', async () => {
    const n1 = await ain.getLastBlockNumber();
    const b = await ain.getLastBlock();
    const n2 = await ain.getLastBlockNumber();
    check(Number.isInteger(n1) && n1 > 0, `getLastBlockNumber should be an integer > 0, got ${show(n1)}`);
    check(b && Number.isInteger(b.number) && b.number >= n1 && b.number <= n2,
      `getLastBlock.number should be within [${n1}, ${n2}], got ${show(b && b.number)}`);
    for (const k of ['last_hash', 'last_votes_hash', 'transactions_hash', 'receipts_hash', 'evidence_hash', 'number',
      'epoch', 'timestamp', 'state_proof_hash', 'proposer', 'validators', 'gas_amount_total', 'gas_cost_total',
      'hash', 'transactions', 'receipts', 'last_votes', 'evidence']) {
      check(b[k] !== undefined, `last block lacks "${k}": keys ${show(Object.keys(b))}`);
    }
    check(HASH_RE.test(b.hash), `block hash should be 0x+64 hex, got ${show(b.hash)}`);
  });

  await step('get_block_by_number_and_hash', async () => {
    const info = ctx.setValueInfo;
    check(info, 'needs the tracker record of tx_tracker_record');
    const slim = await ain.getBlockByNumber(info.number);
    check(slim && slim.number === info.number, `getBlockByNumber(${info.number}) returned ${show(slim)}`);
    check(Array.isArray(slim.transactions) && slim.transactions.every((t) => typeof t === 'string'),
      `without getFullTransactions, transactions should be hashes, got ${show(slim.transactions)}`);
    eq(slim.transactions[info.index], ctx.setValueTx, `transactions[${info.index}] (hash)`);
    const full = await ain.getBlockByNumber(info.number, true);
    check(full && Array.isArray(full.transactions) && full.transactions.length === slim.transactions.length,
      `with getFullTransactions the block should have ${slim.transactions.length} tx objects, got ${show(full && full.transactions)}`);
    const tx = full.transactions[info.index];
    eq(Object.keys(tx || {}).sort(), ['address', 'hash', 'signature', 'tx_body'], 'full tx object keys');
    eq(tx.hash, ctx.setValueTx, 'full tx hash');
    eq(tx.address, A, 'full tx address');
    eq(full.receipts && full.receipts.length, full.transactions.length, 'receipts parallel to transactions');
    eq(full.hash, slim.hash, 'same block hash with and without full txs');
    const byHash = await ain.getBlockByHash(full.hash);
    check(byHash && byHash.number === info.number, `getBlockByHash returned ${show(byHash && byHash.number)}`);
    const prev = await ain.getBlockByNumber(info.number - 1);
    eq(full.last_hash, prev && prev.hash, 'last_hash links to the previous block');
    eq(await ain.getBlockTransactionCountByNumber(info.number), full.transactions.length, 'getBlockTransactionCountByNumber');
    const genesis = await ain.getBlockByNumber(0);
    check(genesis && genesis.number === 0 && genesis.last_hash === '', `genesis block: ${show(genesis && { number: genesis.number, last_hash: genesis.last_hash })}`);
    eq(await ain.getBlockByNumber(1e9), null, 'getBlockByNumber of a future block');
  });

  await step('get_block_list', async () => {
    const one = await ain.getBlockList(1, 2);
    check(Array.isArray(one), `getBlockList(1,2) should be an array, got ${show(one)}`);
    eq(one.map((b) => b.number), [1], 'getBlockList(1, 2) numbers (to exclusive)');
    const three = await ain.getBlockList(0, 3);
    eq(three.map((b) => b.number), [0, 1, 2], 'getBlockList(0, 3) numbers');
    eq(three[2].last_hash, three[1].hash, 'block list hash chain');
  });

  await step('get_transaction_by_block_and_index', async () => {
    const info = ctx.setValueInfo;
    check(info, 'needs the tracker record of tx_tracker_record');
    const r = await ain.getTransactionByBlockNumberAndIndex(info.number, info.index);
    check(r && r.transaction && r.transaction.hash === ctx.setValueTx,
      `getTransactionByBlockNumberAndIndex(${info.number}, ${info.index}) returned ${show(r)}`);
    eq(r.is_executed, true, 'is_executed');
    eq(r.is_finalized, true, 'is_finalized');
    const block = await ain.getBlockByNumber(info.number);
    const r2 = await ain.getTransactionByBlockHashAndIndex(block.hash, info.index);
    check(r2 && r2.transaction && r2.transaction.hash === ctx.setValueTx,
      `getTransactionByBlockHashAndIndex returned ${show(r2)}`);
    eq(await ain.getTransactionByBlockNumberAndIndex(info.number, 10000), null, 'index out of range');
  });
}

const watchdog = setTimeout(() => {
  console.log(`FAIL watchdog: scenario did not finish within ${OVERALL_TIMEOUT_MS} ms`);
  process.exit(2);
}, OVERALL_TIMEOUT_MS);
watchdog.unref();

main().then(() => {
  console.log(`# ${passed} passed, ${failed} failed in ${Date.now() - started} ms`);
  process.exit(failed === 0 ? 0 : 1);
}, (e) => {
  console.log(`FAIL scenario: ${e && e.stack ? e.stack.replace(/\n/g, ' | ') : show(e)}`);
  process.exit(1);
});
