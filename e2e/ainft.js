#!/usr/bin/env node
/*
 * End-to-end AINFT scenario (issue 8, docs/ainft.md) with the REAL, unmodified @ainblockchain/ain-js.
 *
 *   node e2e/ainft.js <rpcUrl> [<java> <ainj.jar>]
 *
 * With java and the jar it also runs `ainj ainft verify` on local files. Every step prints
 * "ok <name>" or "FAIL <name>: <why>"; exit 1 if any step failed (2 on usage or the watchdog).
 *
 * Accounts: genesis_accounts.json others[4..7], clear of the other end-to-end tests:
 *   P4 collection admin and dataset owner, P5 model owner, P6 service owner, P7 user who pays.
 * These are AIN's PUBLIC test keys; never use them outside test chains. Every run uses a fresh
 * collection and fresh content, so the script can run repeatedly against the same node.
 */
'use strict';

const util = require('util');
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { execFileSync } = require('child_process');
const Ain = require('@ainblockchain/ain-js').default;

const [RPC_URL, JAVA, JAR] = process.argv.slice(2);
if (!RPC_URL) {
  console.error('usage: node ainft.js <rpcUrl> [<java> <ainj.jar>]');
  process.exit(2);
}

const OVERALL_TIMEOUT_MS = 80000;
const FINALIZE_TIMEOUT_MS = 10000;
const POLL_MS = 40;

const KEYS = {
  p4: 'ff8ccb5edbc6662d7751501b377819fa6bc57ea29135de5f25f27c371d65bc4c', // 0x04A456C92A880cd59D7145C457475515a6f6E0f2
  p5: 'e568f0a0a1b9849ad9180caaba07e7df3d60a7b70f64cfea758f74cf7a8e54bc', // 0x05A1247A7400f0C2A893611adD1505743552c631
  p6: 'c870007b73b8303eaa4bd421302e7d4401142e73205610f214d5befa8c5f0503', // 0x06AD9C8F611f1e9d9CACD4738167A51aA2e80a1A
  p7: '0e9876c7e7966fb0237892eb2e890b4738d0e50adfcfe089ef31f5a1579d65cd', // 0x07A43138CC760C85A5B1F115aa60eADEaa0bf417
};
const ID_RE = /^0x[0-9a-f]{64}$/;

// ---- harness (same conventions as scenario.js) -------------------------------------------------

let passed = 0;
let failed = 0;
class StepFailure extends Error {}
const fail = (msg) => { throw new StepFailure(msg); };
const show = (v) => {
  const s = util.inspect(v, { depth: 8, breakLength: Infinity, compact: true });
  return s.length > 900 ? s.slice(0, 900) + '...' : s;
};
const check = (cond, msg) => { if (!cond) fail(msg); };
const eq = (actual, expected, what) => {
  if (!util.isDeepStrictEqual(actual, expected)) fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let skipRest = false;

async function step(name, fn) {
  if (skipRest) {
    failed++;
    console.log(`FAIL ${name}: skipped after an earlier failure`);
    return;
  }
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    skipRest = true; // later steps depend on earlier ones
    let why;
    if (e instanceof StepFailure) why = e.message;
    else if (e && e.name === 'BlockchainError') why = `unexpected BlockchainError code=${e.code} message=${show(e.message)}`;
    else why = `unexpected exception: ${e && e.stack ? e.stack : show(e)}`;
    console.log(`FAIL ${name}: ${String(why).replace(/\s*\n\s*/g, ' | ')}`);
  }
}

async function waitFinalized(ain, hash, what) {
  const deadline = Date.now() + FINALIZE_TIMEOUT_MS;
  let info = null;
  while (Date.now() < deadline) {
    info = await ain.getTransactionByHash(hash);
    if (info && info.is_finalized === true) return info;
    await sleep(POLL_MS);
  }
  fail(`${what}: tx ${hash} not finalized after ${FINALIZE_TIMEOUT_MS} ms; last ${show(info)}`);
}

let keyCounter = 0;
const newKey = () => `${Date.now()}_${keyCounter++}`;

/** Sends one AINFT request signed by `addr`; returns {hash, result, key}. */
async function request(ain, addr, action, value) {
  const key = newKey();
  const res = await ain.db.ref(`/ainft/${action}/${addr}/${key}/value`).setValue({ value, address: addr, nonce: -1 });
  check(res && typeof res.tx_hash === 'string', `${action}: send returned ${show(res)}`);
  return { hash: res.tx_hash, result: res.result, key };
}

/** A request that must succeed and finalize; returns the stored /result. */
async function ok(ain, addr, action, value) {
  const r = await request(ain, addr, action, value);
  check(r.result && r.result.code === 0, `${action}: expected success, got ${show(r.result)}`);
  check(r.result.func_results && r.result.func_results._ainft && r.result.func_results._ainft.code === 0,
    `${action}: _ainft should report 0, got ${show(r.result)}`);
  await waitFinalized(ain, r.hash, action);
  const stored = await ain.db.ref(`/ainft/${action}/${addr}/${r.key}/result`).getValue();
  check(stored && stored.code === 0, `${action}: stored result ${show(stored)}`);
  return stored;
}

/** A request that must be rejected with `code` and change nothing. */
async function rejected(ain, addr, action, value, code, watchPaths) {
  const before = await Promise.all(watchPaths.map((p) => ain.db.ref(p).getValue()));
  const r = await request(ain, addr, action, value);
  check(r.result && r.result.code === 10104, `${action}: expected op code 10104, got ${show(r.result)}`);
  const fr = r.result.func_results && r.result.func_results._ainft;
  check(fr && fr.code === code, `${action}: expected _ainft code ${code}, got ${show(r.result)}`);
  check(typeof fr.message === 'string' && fr.message.length > 0, `${action}: a message explains ${code}`);
  const after = await Promise.all(watchPaths.map((p) => ain.db.ref(p).getValue()));
  eq(after, before, `${action}: state after a rejected request`);
  eq(await ain.db.ref(`/ainft/${action}/${addr}/${r.key}`).getValue(), null, `${action}: request not kept`);
}

const sha256 = (buf) => 'sha256:' + crypto.createHash('sha256').update(buf).digest('hex');

function verify(id, files) {
  const args = ['-jar', JAR, 'ainft', 'verify', id, '--rpc-url', RPC_URL];
  for (const [c, f] of Object.entries(files)) args.push('--file', `${c}=${f}`);
  try {
    return { code: 0, out: execFileSync(JAVA, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { code: e.status, out: String(e.stdout || '') + String(e.stderr || '') };
  }
}

// ---- scenario -----------------------------------------------------------------------------------

async function main() {
  const ain = new Ain(RPC_URL);
  const P4 = ain.wallet.addAndSetDefaultAccount(KEYS.p4);
  const P5 = ain.wallet.add(KEYS.p5);
  const P6 = ain.wallet.add(KEYS.p6);
  const P7 = ain.wallet.add(KEYS.p7);
  const tag = Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
  const cid = 'e2e_' + tag;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ainft-e2e-'));
  const datasetFile = path.join(dir, 'corpus.jsonl');
  const modelFile = path.join(dir, 'model.bin');
  const imageFile = path.join(dir, 'image.tar');
  fs.writeFileSync(datasetFile, `{"q":"hello","a":"world","run":"${tag}"}\n`);
  fs.writeFileSync(modelFile, crypto.randomBytes(4096));
  fs.writeFileSync(imageFile, `container image ${tag}`);
  const ctx = {};
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  console.log(`# ainft e2e against ${RPC_URL}; collection=${cid} P4=${P4} P5=${P5} P6=${P6} P7=${P7}`);

  await step('create_collection', async () => {
    const r = await ok(ain, P4, 'create_collection', { collection: cid, name: 'E2E lineage', description: 'issue 8' });
    eq(r.collection, cid, 'result.collection');
    const col = await ain.provider.send('ainft_getCollection', { collection: cid });
    eq(col.admin, { [P4]: true }, 'the creator is the admin');
    eq(col.config.creator, P4, 'config.creator');
  });

  await step('non_admin_mint_rejected', async () => {
    await rejected(ain, P5, 'mint', { collection: cid, data: { digest: sha256(fs.readFileSync(datasetFile)) } }, 20608,
      [`/ainft/collections/${cid}`, `/accounts/${P5}/balance`]);
  });

  await step('mint_dataset', async () => {
    const r = await ok(ain, P4, 'mint', {
      collection: cid,
      data: { name: 'corpus', uri: 'https://data.example/corpus.jsonl', digest: sha256(fs.readFileSync(datasetFile)), license: 'CC-BY-4.0' },
    });
    check(ID_RE.test(r.id), `dataset id ${show(r.id)}`);
    ctx.dataset = r.id;
    const t = await ain.db.ref(`/ainft/tokens/${r.id}`).getValue();
    eq(t.owner, P4, 'dataset owner');
    eq(t.record.creator, P4, 'record.creator');
    eq(t.depth, 0, 'dataset depth');
  });

  await step('schema_and_lineage_rejections', async () => {
    const watch = [`/ainft/collections/${cid}/tokens`, `/ainft/children/${ctx.dataset}`];
    const model = { name: 'chat', epoch: 1, platform: 'pytorch', digest: sha256(fs.readFileSync(modelFile)) };
    await rejected(ain, P4, 'mint', { collection: cid, model: { name: 'chat', epoch: 1, platform: 'pytorch' } }, 20609, watch);
    await rejected(ain, P4, 'mint', { collection: cid, data: { digest: 'md5:123' } }, 20610, watch);
    await rejected(ain, P4, 'mint', { collection: cid, model, parents: { ['0x' + 'ab'.repeat(32)]: 10 } }, 20614, watch);
    await rejected(ain, P4, 'mint', { collection: cid, model, parents: { [ctx.dataset]: 10001 } }, 20617, watch);
    // The dataset again: same record, same id.
    await rejected(ain, P4, 'mint', {
      collection: cid,
      data: { name: 'corpus', uri: 'https://data.example/corpus.jsonl', digest: sha256(fs.readFileSync(datasetFile)), license: 'CC-BY-4.0' },
    }, 20611, watch);
  });

  await step('mint_model_derived_from_dataset', async () => {
    const r = await ok(ain, P4, 'mint', {
      collection: cid,
      to: P5,
      model: {
        name: 'chat-' + tag, epoch: 1, platform: 'pytorch', digest: sha256(fs.readFileSync(modelFile)),
        recipe: { lr: '3e-4', epochs: 3, image_digest: sha256(fs.readFileSync(imageFile)) },
      },
      parents: { [ctx.dataset]: 1000 },
    });
    ctx.model = r.id;
    const t = await ain.provider.send('ainft_getToken', { id: r.id });
    eq(t.id, r.id, 'ainft_getToken id');
    eq(t.owner, P5, 'model owner');
    eq(t.record.parents, { [ctx.dataset]: 1000 }, 'model parents');
    eq(t.depth, 1, 'model depth');
  });

  await step('mint_service_derived_from_model', async () => {
    const r = await ok(ain, P4, 'mint', {
      collection: cid,
      to: P6,
      service: { api: 'https://chat.example/api', demo: 'https://chat.example' },
      state: '/apps/chat/AIN',
      parents: { [ctx.model]: 3000 },
    });
    ctx.service = r.id;
    eq(await ain.db.ref(`/ainft/tokens/${r.id}/state`).getValue(), '/apps/chat/AIN', 'service state path');
    eq(await ain.provider.send('ainft_getTokensByOwner', { address: P6 }), [r.id], 'tokens of P6');
  });

  await step('non_owner_transfer_rejected', async () => {
    await rejected(ain, P7, 'transfer', { id: ctx.service, to: P7 }, 20621, [`/ainft/tokens/${ctx.service}`, `/ainft/owners/${P7}`]);
  });

  await step('pay_for_service_usage', async () => {
    const addrs = [P4, P5, P6, P7];
    const before = {};
    for (const a of addrs) before[a] = await ain.wallet.getBalance(a);
    const r = await ok(ain, P7, 'pay', { id: ctx.service, amount: 1000 });
    eq(r.payouts, {
      [ctx.service]: { owner: P6, amount: 700 },
      [ctx.model]: { owner: P5, amount: 270 },
      [ctx.dataset]: { owner: P4, amount: 30 },
    }, 'payouts');
    eq(await ain.wallet.getBalance(P7), before[P7] - 1000, 'payer balance');
    eq(await ain.wallet.getBalance(P6), before[P6] + 700, 'service owner balance');
    eq(await ain.wallet.getBalance(P5), before[P5] + 270, 'model owner balance (30 % minus 10 % to the dataset)');
    eq(await ain.wallet.getBalance(P4), before[P4] + 30, 'dataset owner balance');
    ctx.paymentId = r.payment_id;
  });

  await step('payouts_are_queryable', async () => {
    const d = await ain.provider.send('ainft_getPayouts', { id: ctx.dataset });
    eq(d.earned, 30, 'dataset earned');
    eq(d.payouts.length, 1, 'one payout to the dataset');
    eq(d.payouts[0].payment_id, ctx.paymentId, 'payment id');
    eq(d.payouts[0].paid_token, ctx.service, 'paid token');
    eq(d.payouts[0].payer, P7, 'payer');
    const s = await ain.provider.send('ainft_getPayouts', { id: ctx.service });
    eq(s.payments.length, 1, 'one payment for the service');
    eq(s.payments[0].amount, 1000, 'payment amount');
    const raw = await ain.db.ref(`/ainft/payments/${ctx.service}/${ctx.paymentId}`).getValue();
    eq(raw.payer, P7, 'ain_get of the payment');
  });

  await step('lineage_queries', async () => {
    const up = await ain.provider.send('ainft_getLineage', { id: ctx.service, direction: 'ancestors', depth: 10 });
    eq(up.ancestors.map((a) => [a.id, a.depth]), [[ctx.model, 1], [ctx.dataset, 2]], 'ancestors of the service');
    eq(up.truncated, false, 'not truncated');
    const down = await ain.provider.send('ainft_getLineage', { id: ctx.dataset, direction: 'descendants' });
    eq(down.descendants.map((a) => [a.id, a.depth]), [[ctx.model, 1], [ctx.service, 2]], 'descendants of the dataset');
    const one = await ain.provider.send('ainft_getLineage', { id: ctx.dataset, direction: 'descendants', depth: 1 });
    eq(one.descendants.length, 1, 'depth 1');
    eq(one.truncated, true, 'depth 1 is truncated');
    const both = await ain.provider.send('ainft_getLineage', { id: ctx.model });
    eq([both.ancestors.length, both.descendants.length], [1, 1], 'both directions');
    eq(await ain.provider.send('ainft_getLineage', { id: '0x' + '00'.repeat(32) }), null, 'unknown id');
  });

  await step('new_epoch_is_a_new_version', async () => {
    const r = await ok(ain, P5, 'create_collection', { collection: cid + '_v', name: 'versions' });
    eq(r.collection, cid + '_v', 'collection of P5');
    const v1 = await ok(ain, P5, 'mint', {
      collection: cid + '_v', model: { name: 'm', epoch: 1, platform: 'jax', digest: sha256(fs.readFileSync(modelFile)) },
      parents: { [ctx.dataset]: 500 }, state: '/apps/chat/v1',
    });
    const v2 = await ok(ain, P5, 'mint', {
      collection: cid + '_v', model: { name: 'm', epoch: 2, platform: 'jax', digest: sha256(Buffer.from('epoch 2 ' + tag)) },
      prev: v1.id, parents: { [ctx.dataset]: 500 },
    });
    eq(await ain.db.ref(`/ainft/tokens/${v1.id}/next`).getValue(), v2.id, 'v1.next');
    eq(await ain.db.ref(`/ainft/tokens/${v2.id}/record/parents`).getValue(), { [ctx.dataset]: 500, [v1.id]: 0 }, 'v2 parents');
    await rejected(ain, P5, 'mint', {
      collection: cid + '_v', model: { name: 'm', epoch: 3, platform: 'jax', digest: sha256(Buffer.from('epoch 3 ' + tag)) },
      prev: v1.id,
    }, 20619, [`/ainft/tokens/${v1.id}`]);
    await ok(ain, P5, 'set_state', { id: v1.id, state: '/apps/chat/v2' });
    eq(await ain.db.ref(`/ainft/tokens/${v1.id}/state`).getValue(), '/apps/chat/v2', 'state path changed');
  });

  await step('transfer_approve_burn', async () => {
    await ok(ain, P6, 'approve', { id: ctx.service, operator: P7 });
    await ok(ain, P7, 'transfer', { id: ctx.service, to: P7 });
    eq(await ain.provider.send('ainft_getTokensByOwner', { address: P6 }), [], 'P6 owns nothing');
    eq(await ain.provider.send('ainft_getTokensByOwner', { address: P7 }), [ctx.service], 'P7 owns the service');
    await rejected(ain, P6, 'burn', { id: ctx.service }, 20620, [`/ainft/tokens/${ctx.service}`]);
    await ok(ain, P7, 'burn', { id: ctx.service });
    const t = await ain.provider.send('ainft_getToken', { id: ctx.service });
    eq([t.burned, t.owner], [true, undefined], 'burned token');
    eq(t.record.parents, { [ctx.model]: 3000 }, 'lineage survives the burn');
    await rejected(ain, P7, 'pay', { id: ctx.service, amount: 1 }, 20613, [`/accounts/${P7}/balance`]);
  });

  await step('direct_writes_are_refused', async () => {
    const res = await ain.db.ref(`/ainft/tokens/${ctx.dataset}/owner`).setValue({ value: P7, address: P7, nonce: -1 });
    eq(res.result && res.result.code, 20601, 'reserved path code');
    eq(await ain.db.ref(`/ainft/tokens/${ctx.dataset}/owner`).getValue(), P4, 'owner unchanged');
  });

  if (JAVA && JAR) {
    await step('ainft_verify_files', async () => {
      const good = verify(ctx.model, { model: modelFile, 'model.recipe.image_digest': imageFile });
      eq(good.code, 0, `verify of matching files (output: ${good.out})`);
      check(/MATCH\s+model /.test(good.out) && /MATCH\s+model\.recipe\.image_digest /.test(good.out), `verify output: ${good.out}`);
      const tampered = path.join(dir, 'tampered.bin');
      fs.writeFileSync(tampered, Buffer.concat([fs.readFileSync(modelFile), Buffer.from([0])]));
      const bad = verify(ctx.model, { model: tampered, data: datasetFile });
      eq(bad.code, 1, `verify of a tampered file (output: ${bad.out})`);
      check(/MISMATCH\s+model /.test(bad.out), `MISMATCH for the model: ${bad.out}`);
      check(/MISSING\s+data /.test(bad.out), `MISSING for data (a model AINFT has no data digest): ${bad.out}`);
      const ds = verify(ctx.dataset, { data: datasetFile });
      eq(ds.code, 0, `verify of the dataset (output: ${ds.out})`);
    });
  } else {
    console.log('# no java/jar given: ainft verify not exercised');
  }
}

const watchdog = setTimeout(() => {
  console.log(`FAIL watchdog: the AINFT scenario did not finish in ${OVERALL_TIMEOUT_MS} ms`);
  process.exit(2);
}, OVERALL_TIMEOUT_MS);

main()
  .catch((e) => { failed++; console.log(`FAIL main: ${e && e.stack ? e.stack : show(e)}`); })
  .finally(() => {
    clearTimeout(watchdog);
    console.log(`# ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  });
