package io.ainj.rpc.ain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.Address;
import io.ainj.ledger.block.Block;
import io.ainj.ledger.chain.Chain;
import io.ainj.ledger.pool.PooledTx;
import io.ainj.ledger.pool.TxPool;
import io.ainj.ledger.tx.Transaction;
import io.ainj.ledger.tx.TxRejection;
import io.ainj.ledger.tx.TxVerifier;
import io.ainj.rpc.AinRpcCodes;
import io.ainj.rpc.AsyncRpcMethod;
import io.ainj.rpc.RpcMethodRegistry;
import io.ainj.rpc.RpcResult;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.TreeInfo;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.path.Labels;
import io.ainj.statedb.path.StatePath;
import io.ainj.statedb.read.ReadOptions;
import io.ainj.statedb.read.ReadResult;
import io.ainj.vm.config.ConfigValidity;
import io.ainj.vm.exec.Executor;
import io.ainj.vm.exec.OpContext;
import io.ainj.vm.exec.VmParams;
import io.ainj.vm.rule.RuleEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * AIN's JSON-RPC method catalogue (protocol spec §2.5) over the chain: state reads, accounts,
 * transaction submission and lookup, blocks, validators and network info, with AIN's payloads
 * and wrapper codes. Every method validates its own params; malformed ones get an AIN code or
 * JSON-RPC's invalid-params error, never an exception.
 */
public final class AinRpcMethods {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> READ_TYPES = Set.of("GET_VALUE", "GET_RULE", "GET_OWNER", "GET_FUNCTION");
  private static final Set<String> EVAL_MATCH_TYPES =
      Set.of("MATCH_RULE", "MATCH_OWNER", "MATCH_FUNCTION", "EVAL_RULE", "EVAL_OWNER");
  /** AIN's {@code CHAIN_SEGMENT_LENGTH}: the most blocks one list call returns. */
  static final int BLOCK_LIST_LIMIT = 20;

  /**
   * Limits of the API.
   *
   * @param getOpListLimit AIN's {@code GET_OP_LIST_SIZE_LIMIT} (50)
   * @param batchTxListLimit {@code resource/batch_tx_list_size_limit} (50)
   */
  public record Limits(int getOpListLimit, int batchTxListLimit) {
    public static Limits ainDefaults() {
      return new Limits(50, 50);
    }
  }

  private final Chain chain;
  private final TxVerifier verifier;
  private final NodeInfo info;
  private final Limits limits;
  private final RuleEngine rules;
  private final Supplier<VmParams> vmParams;
  private final LongSupplier clock;
  private final java.util.concurrent.Executor admission;

  public AinRpcMethods(Chain chain, TxVerifier verifier, NodeInfo info, Limits limits,
      RuleEngine rules, Supplier<VmParams> vmParams, LongSupplier clock) {
    this(chain, verifier, info, limits, rules, vmParams, clock, null);
  }

  /**
   * @param admission where sent transactions are admitted to the chain, one thread so they are
   *     admitted in the order they arrive; the send methods then answer from it instead of
   *     holding a worker (see {@link AsyncRpcMethod}). Null: they run on workers.
   */
  public AinRpcMethods(Chain chain, TxVerifier verifier, NodeInfo info, Limits limits,
      RuleEngine rules, Supplier<VmParams> vmParams, LongSupplier clock,
      java.util.concurrent.Executor admission) {
    this.admission = admission;
    this.chain = chain;
    this.verifier = verifier;
    this.info = info;
    this.limits = limits;
    this.rules = rules;
    this.vmParams = vmParams;
    this.clock = clock;
  }

  /** Registers every method on {@code b}. */
  public RpcMethodRegistry.Builder register(RpcMethodRegistry.Builder b) {
    // Database
    b.register("ain_get", (p, c) -> get(p));
    b.register("ain_matchRule", (p, c) -> evalOrMatch("MATCH_RULE", p));
    b.register("ain_matchOwner", (p, c) -> evalOrMatch("MATCH_OWNER", p));
    b.register("ain_matchFunction", (p, c) -> evalOrMatch("MATCH_FUNCTION", p));
    b.register("ain_evalRule", (p, c) -> evalOrMatch("EVAL_RULE", p));
    b.register("ain_evalOwner", (p, c) -> evalOrMatch("EVAL_OWNER", p));
    b.register("ain_getStateProof", (p, c) -> withRef(p, ref -> JsonCodec.toJackson(state(p).stateProof(ref))));
    b.register("ain_getProofHash", (p, c) -> withRef(p, ref -> nullableText(state(p).proofHash(ref))));
    b.register("ain_getStateInfo", (p, c) -> withRef(p, ref -> stateInfo(state(p), ref)));
    b.register("ain_getStateUsage", (p, c) -> stateUsage(p));
    // Accounts
    b.register("ain_getAddress", (p, c) -> RpcResult.ok(nullableText(info.address())));
    b.register("ain_getBalance", (p, c) -> accountNumber(p, "balance", false));
    b.register("ain_getNonce", (p, c) -> accountNumber(p, "nonce", true));
    b.register("ain_getTimestamp", (p, c) -> accountNumber(p, "timestamp", true));
    // Transactions
    if (admission == null) {
      b.register("ain_sendSignedTransaction", (p, c) -> send(p, false));
      b.register("ain_sendSignedTransactionBatch", (p, c) -> sendBatch(p));
    } else {
      b.registerAsync("ain_sendSignedTransaction", (p, c) -> sendLater(p));
      b.registerAsync("ain_sendSignedTransactionBatch", (p, c) -> sendBatchLater(p));
    }
    b.register("ain_sendSignedTransactionDryrun", (p, c) -> send(p, true));
    b.register("ain_getTransactionByHash", (p, c) -> RpcResult.ok(
        chain.transactionByHash(p.path("hash").asText("")).<JsonNode>map(x -> x).orElse(JSON.nullNode())));
    b.register("ain_getTransactionByBlockHashAndIndex", (p, c) ->
        txInBlock(chain.store().byHash(p.path("block_hash").asText("")), p.path("index")));
    b.register("ain_getTransactionByBlockNumberAndIndex", (p, c) ->
        txInBlock(blockByNumber(p.path("block_number")), p.path("index")));
    b.register("ain_getPendingTransactions", (p, c) -> pendingTransactions());
    b.register("ain_getTransactionPoolSizeUtilization", (p, c) -> poolUtilization(p));
    // Blocks
    b.register("ain_getLastBlock", (p, c) -> RpcResult.ok(
        chain.store().latestBlock().<JsonNode>map(Block::toJson).orElse(JSON.nullNode())));
    b.register("ain_getLastBlockNumber", (p, c) -> RpcResult.ok(chain.latestNumber()));
    b.register("ain_getBlockByNumber", (p, c) -> blockPayload(blockByNumber(p.path("number")), p));
    b.register("ain_getBlockByHash", (p, c) -> blockPayload(chain.store().byHash(p.path("hash").asText("")), p));
    b.register("ain_getBlockList", (p, c) -> blockList(p, false));
    b.register("ain_getBlockHeadersList", (p, c) -> blockList(p, true));
    b.register("ain_getBlockTransactionCountByNumber", (p, c) -> RpcResult.ok(
        blockByNumber(p.path("number")).<JsonNode>map(x -> JSON.numberNode(x.transactions().size())).orElse(JSON.nullNode())));
    b.register("ain_getBlockTransactionCountByHash", (p, c) -> RpcResult.ok(
        chain.store().byHash(p.path("hash").asText("")).<JsonNode>map(x -> JSON.numberNode(x.transactions().size())).orElse(JSON.nullNode())));
    b.register("ain_getValidatorsByNumber", (p, c) -> RpcResult.ok(
        blockByNumber(p.path("number")).map(x -> x.header().validators()).orElse(JSON.nullNode())));
    b.register("ain_getValidatorsByHash", (p, c) -> RpcResult.ok(
        chain.store().byHash(p.path("hash").asText("")).map(x -> x.header().validators()).orElse(JSON.nullNode())));
    b.register("ain_getProposerByNumber", (p, c) -> RpcResult.ok(
        blockByNumber(p.path("number")).<JsonNode>map(x -> JSON.textNode(x.header().proposer())).orElse(JSON.nullNode())));
    b.register("ain_getProposerByHash", (p, c) -> RpcResult.ok(
        chain.store().byHash(p.path("hash").asText("")).<JsonNode>map(x -> JSON.textNode(x.header().proposer())).orElse(JSON.nullNode())));
    b.register("ain_getValidatorInfo", (p, c) -> validatorInfo(p));
    b.register("ain_validateAppName", (p, c) -> validateAppName(p));
    // Network
    b.register("net_getNetworkId", (p, c) -> RpcResult.ok(info.networkId()));
    b.register("net_getChainId", (p, c) -> RpcResult.ok(info.chainId()));
    b.register("net_listening", (p, c) -> RpcResult.ok(info.listening()));
    b.register("net_syncing", (p, c) -> RpcResult.ok(info.syncing()));
    b.register("net_peerCount", (p, c) -> RpcResult.ok(info.peerCount()));
    b.register("net_consensusStatus", (p, c) -> RpcResult.ok(info.consensusStatus()));
    b.register("net_rawConsensusStatus", (p, c) -> RpcResult.ok(info.consensusStatus()));
    b.register("p2p_getPeerCandidateInfo", (p, c) -> peerCandidateInfo());
    return b;
  }

  // ------------------------------------------------------------------ state reads

  /** The pending state (AIN's node db) unless {@code is_final} asks for the finalized one. */
  private StateVersion state(JsonNode params) {
    return truthy(params.path("is_final")) ? chain.finalizedState() : chain.pendingState();
  }

  private RpcResult get(ObjectNode p) {
    String type = p.path("type").asText(null);
    if ("GET".equals(type)) {
      JsonNode list = p.path("op_list");
      if (!list.isArray() || list.isEmpty()) {
        return RpcResult.error(AinRpcCodes.GET_INVALID_OP_LIST, "Invalid op_list given");
      }
      if (list.size() > limits.getOpListLimit()) {
        return RpcResult.error(AinRpcCodes.GET_OP_LIST_EXCEEDS_SIZE_LIMIT,
            "The number of query operations exceeds the limit: " + list.size() + " > " + limits.getOpListLimit());
      }
      ArrayNode out = JSON.arrayNode();
      for (JsonNode op : list) {
        if (!op.isObject()) {
          return RpcResult.error(AinRpcCodes.GET_INVALID_OPERATION, "Invalid operation in op_list");
        }
        ObjectNode o = (ObjectNode) op.deepCopy();
        if (!o.has("is_final") && p.has("is_final")) {
          o.set("is_final", p.get("is_final"));
        }
        String t = o.path("type").asText("GET_VALUE");
        o.put("type", t);
        RpcResult r = READ_TYPES.contains(t) ? read(o) : EVAL_MATCH_TYPES.contains(t) ? evalOrMatch(t, o)
            : RpcResult.error(AinRpcCodes.GET_INVALID_OPERATION, "Invalid operation type: " + t);
        if (r instanceof RpcResult.Ok ok) {
          out.add(ok.payload() == null ? JSON.nullNode() : ok.payload());
        } else {
          return r;
        }
      }
      return RpcResult.ok(out);
    }
    if (type == null || !READ_TYPES.contains(type)) {
      return RpcResult.error(AinRpcCodes.GET_INVALID_OPERATION, "Invalid operation type: " + type);
    }
    return read(p);
  }

  private RpcResult read(ObjectNode op) {
    String ref = op.path("ref").asText(null);
    if (ref == null) {
      return RpcResult.invalidParams("ref is required");
    }
    StateRoot root = switch (op.path("type").asText("GET_VALUE")) {
      case "GET_RULE" -> StateRoot.RULES;
      case "GET_OWNER" -> StateRoot.OWNERS;
      case "GET_FUNCTION" -> StateRoot.FUNCTIONS;
      default -> StateRoot.VALUES;
    };
    ReadOptions options = ReadOptions.fromJson(JsonCodec.fromJackson(op)).withFromApi(true);
    ReadResult r = state(op).get(root, ref, options);
    if (!r.isOk()) {
      return RpcResult.error(r.code(), r.message());
    }
    return RpcResult.ok(JsonCodec.toJackson(r.value()));
  }

  private RpcResult evalOrMatch(String type, JsonNode p) {
    String ref = p.path("ref").asText(null);
    if (ref == null) {
      return RpcResult.invalidParams("ref is required");
    }
    StateVersion version = state(p);
    double now = p.path("timestamp").isNumber() ? p.path("timestamp").doubleValue() : clock.getAsLong();
    Executor ex = new Executor(rules, vmParams.get(), version.edit("EVAL", StateDbConfig.defaults()),
        OpContext.of(now, null));
    Json.JObject.Builder auth = Json.JObject.builder();
    if (p.path("address").isTextual()) {
      auth.put("addr", Json.of(p.path("address").textValue()));
    }
    if (p.path("fid").isTextual()) {
      auth.put("fid", Json.of(p.path("fid").textValue()));
    }
    Json result = switch (type) {
      case "MATCH_RULE" -> ex.matchRuleJson(ref);
      case "MATCH_OWNER" -> ex.matchOwnerJson(ref);
      case "MATCH_FUNCTION" -> ex.matchFunctionJson(ref);
      case "EVAL_RULE" -> ex.evalRule(ref, JsonCodec.fromJackson(p.path("value").isMissingNode()
          ? JSON.nullNode() : p.get("value")), auth.build(), now).json(true);
      default -> ex.evalOwner(ref, p.path("permission").asText(""), auth.build(),
          truthy(p.path("is_merge"))).json(true);
    };
    return RpcResult.ok(JsonCodec.toJackson(result));
  }

  private interface RefRead {
    JsonNode read(String ref);
  }

  private static RpcResult withRef(JsonNode p, RefRead read) {
    String ref = p.path("ref").asText(null);
    if (ref == null) {
      return RpcResult.invalidParams("ref is required");
    }
    try {
      return RpcResult.ok(read.read(ref));
    } catch (RuntimeException e) {
      return RpcResult.error(AinRpcCodes.GET_INVALID_OPERATION, "Invalid ref: " + e.getMessage());
    }
  }

  private static JsonNode stateInfo(StateVersion v, String fullPath) {
    TreeInfo t = v.treeInfo(StatePath.parse(fullPath));
    if (t == null) {
      return JSON.nullNode();
    }
    ObjectNode o = JSON.objectNode();
    o.put("#tree_height", t.height());
    o.put("#tree_size", t.size());
    o.put("#tree_bytes", t.bytes());
    o.put("#tree_max_siblings", t.maxSiblings());
    return o;
  }

  /** Usage of an app's state: its tree info and the stake it holds. */
  private RpcResult stateUsage(JsonNode p) {
    String app = p.path("app_name").asText(null);
    if (app == null || !Labels.isValidStateLabel(app, Labels.DEFAULT_LABEL_LENGTH_LIMIT)) {
      return RpcResult.invalidParams("app_name must be a valid state label");
    }
    StateVersion v = chain.finalizedState();
    ObjectNode out = JSON.objectNode();
    TreeInfo t = v.treeInfo(List.of(StateRoot.VALUES.label(), "apps", app));
    ObjectNode usage = out.putObject("usage");
    usage.put("tree_height", t == null ? 0 : t.height());
    usage.put("tree_size", t == null ? 0 : t.size());
    usage.put("tree_bytes", t == null ? 0 : t.bytes());
    Json stake = v.getValue("/staking/" + app + "/balance_total");
    out.putObject("staking").set("balance_total", JsonCodec.toJackson(stake instanceof Json.JNumber ? stake : Json.of(0)));
    return RpcResult.ok(out);
  }

  // ------------------------------------------------------------------ accounts

  private RpcResult accountNumber(JsonNode p, String field, boolean byFromParam) {
    String raw = p.path("address").asText(null);
    if (raw == null || !Address.isValid(raw)) {
      return RpcResult.ok(field.equals("balance") ? 0 : -1);
    }
    StateVersion v = !byFromParam || "pending".equals(p.path("from").asText(null))
        ? chain.pendingState() : chain.finalizedState();
    if (field.equals("balance") && truthy(p.path("is_final"))) {
      v = chain.finalizedState();
    }
    Json value = v.getValue("/accounts/" + Address.toChecksum(raw) + "/" + field);
    return RpcResult.ok(value instanceof Json.JNumber n ? JSON.numberNode(n.value()) : JSON.numberNode(0));
  }

  // ------------------------------------------------------------------ transactions

  /** The transactions of a send, checked, or the answer that refuses them all. */
  private record Checked(RpcResult refusal, List<Transaction> txs) {
    static Checked refused(RpcResult refusal) {
      return new Checked(refusal, List.of());
    }
  }

  private RpcResult send(JsonNode p, boolean dryrun) {
    Checked c = check(p);
    return c.refusal() != null ? c.refusal()
        : RpcResult.ok(admissionPayload(chain.submit(c.txs().get(0), dryrun)));
  }

  /** {@link #send} with the signature checked here and the admission on the admission thread. */
  private CompletableFuture<RpcResult> sendLater(JsonNode p) {
    Checked c = check(p);
    return c.refusal() != null ? CompletableFuture.completedFuture(c.refusal())
        : CompletableFuture.supplyAsync(
            () -> RpcResult.ok(admissionPayload(chain.submit(c.txs().get(0), false))), admission);
  }

  private Checked check(JsonNode p) {
    if (!chain.isServing()) {
      ObjectNode out = JSON.objectNode();
      out.putNull("tx_hash");
      out.put("result", false);
      return Checked.refused(RpcResult.ok(out));
    }
    TxVerifier.Outcome outcome = verifier.verify(p.get("tx_body"), p.get("signature"));
    if (outcome instanceof TxVerifier.Rejected r) {
      return Checked.refused(RpcResult.error(r.rejection().code(), r.rejection().message()));
    }
    return new Checked(null, List.of(((TxVerifier.Verified) outcome).tx()));
  }

  private RpcResult sendBatch(JsonNode p) {
    Checked c = checkBatch(p);
    return c.refusal() != null ? c.refusal() : admitAll(c.txs());
  }

  private CompletableFuture<RpcResult> sendBatchLater(JsonNode p) {
    Checked c = checkBatch(p);
    return c.refusal() != null ? CompletableFuture.completedFuture(c.refusal())
        : CompletableFuture.supplyAsync(() -> admitAll(c.txs()), admission);
  }

  private RpcResult admitAll(List<Transaction> txs) {
    ArrayNode out = JSON.arrayNode();
    for (Transaction tx : txs) {
      out.add(admissionPayload(chain.submit(tx, false)));
    }
    return RpcResult.ok(out);
  }

  private Checked checkBatch(JsonNode p) {
    JsonNode list = p.path("tx_list");
    if (!list.isArray() || list.isEmpty()) {
      return Checked.refused(RpcResult.error(AinRpcCodes.BATCH_INVALID_FORMAT, "Invalid batch transaction format."));
    }
    if (list.size() > limits.batchTxListLimit()) {
      return Checked.refused(RpcResult.error(AinRpcCodes.BATCH_TX_LIST_EXCEEDS_SIZE_LIMIT,
          "Batch transaction list size exceeds its limit: " + list.size() + " > " + limits.batchTxListLimit()));
    }
    // Every item is checked before any is submitted: one bad item fails the whole call.
    List<Transaction> txs = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      TxVerifier.Outcome o = verifier.verify(item.get("tx_body"), item.get("signature"));
      if (o instanceof TxVerifier.Rejected r) {
        TxRejection batch = r.rejection().forBatchItem(i);
        return Checked.refused(RpcResult.error(batch.code(), batch.message()));
      }
      txs.add(((TxVerifier.Verified) o).tx());
    }
    return new Checked(null, txs);
  }

  private static ObjectNode admissionPayload(Chain.Admission a) {
    ObjectNode out = JSON.objectNode();
    out.put("tx_hash", a.txHash());
    out.set("result", a.result());
    return out;
  }

  private static RpcResult txInBlock(Optional<Block> block, JsonNode index) {
    if (block.isEmpty() || !index.canConvertToInt() || index.asInt() < 0
        || index.asInt() >= block.get().transactions().size()) {
      return RpcResult.ok(JSON.nullNode());
    }
    ObjectNode out = JSON.objectNode();
    out.set("transaction", block.get().transactions().get(index.asInt()));
    out.put("is_executed", true);
    out.put("is_finalized", true);
    return RpcResult.ok(out);
  }

  private RpcResult pendingTransactions() {
    ObjectNode out = JSON.objectNode();
    for (Map.Entry<String, List<PooledTx>> e : chain.pool().bySender().entrySet()) {
      ArrayNode list = out.putArray(e.getKey());
      for (PooledTx p : e.getValue()) {
        ObjectNode tx = p.tx().toJson();
        ObjectNode extra = tx.putObject("extra");
        extra.put("created_at", p.receivedAtMs());
        extra.put("executed_at", p.executed() ? p.receivedAtMs() : -1);
        list.add(tx);
      }
    }
    return RpcResult.ok(out);
  }

  private RpcResult poolUtilization(JsonNode p) {
    TxPool pool = chain.pool();
    ObjectNode out = JSON.objectNode();
    String address = p.path("address").asText(null);
    if (address != null && Address.isValid(address)) {
      String a = Address.toChecksum(address);
      out.put("limit", pool.config().sizeLimitPerAccount());
      out.put("used", pool.sizeOf(a));
      out.put("free_limit", (int) Math.floor(pool.config().sizeLimitPerAccount() * pool.config().freeRatioPerAccount()));
      out.put("free_used", pool.freeSizeOf(a));
    } else {
      out.put("limit", pool.config().sizeLimit());
      out.put("used", pool.size());
      out.put("free_limit", (int) Math.floor(pool.config().sizeLimit() * pool.config().freeRatio()));
      out.put("free_used", pool.freeSize());
    }
    return RpcResult.ok(out);
  }

  // ------------------------------------------------------------------ blocks

  private Optional<Block> blockByNumber(JsonNode number) {
    if (!number.isNumber() && !(number.isTextual() && number.asText().matches("\\d{1,18}"))) {
      return Optional.empty();
    }
    return chain.store().byNumber(number.asLong());
  }

  /** A block; its transactions become their hashes unless {@code getFullTransactions} is truthy. */
  private static RpcResult blockPayload(Optional<Block> block, JsonNode p) {
    if (block.isEmpty()) {
      return RpcResult.ok(JSON.nullNode());
    }
    ObjectNode json = block.get().toJson();
    if (!truthy(p.path("getFullTransactions"))) {
      ArrayNode hashes = JSON.arrayNode();
      for (JsonNode tx : block.get().transactions()) {
        hashes.add(tx.path("hash").asText());
      }
      json.set("transactions", hashes);
    }
    return RpcResult.ok(json);
  }

  /** Blocks with {@code from <= number < to} ({@code to} exclusive), at most 20 of them. */
  private RpcResult blockList(JsonNode p, boolean headersOnly) {
    long last = chain.latestNumber();
    long to = p.path("to").isNumber() ? Math.min(p.path("to").asLong(), last + 1) : last + 1;
    long from = p.path("from").isNumber() ? Math.max(0, p.path("from").asLong()) : Math.max(0, to - BLOCK_LIST_LIMIT);
    to = Math.min(to, from + BLOCK_LIST_LIMIT);
    ArrayNode out = JSON.arrayNode();
    for (long n = from; n < to; n++) {
      Optional<Block> b = chain.store().byNumber(n);
      b.ifPresent(block -> out.add(headersOnly ? block.header().toJson() : block.toJson()));
    }
    return RpcResult.ok(out);
  }

  private RpcResult validatorInfo(JsonNode p) {
    String raw = p.path("address").asText(null);
    if (raw == null || !Address.isValid(raw)) {
      return RpcResult.invalidParams("address must be an account address");
    }
    String a = Address.toChecksum(raw);
    StateVersion v = chain.finalizedState();
    ObjectNode out = JSON.objectNode();
    out.put("address", a);
    out.put("isWhitelisted", Json.TRUE.equals(v.getValue("/consensus/proposer_whitelist/" + a)));
    Json stake = v.getValue("/service_accounts/staking/consensus/" + a + "|0/balance");
    out.set("stake", stake instanceof Json.JNumber n ? JSON.numberNode(n.value()) : JSON.numberNode(0));
    return RpcResult.ok(out);
  }

  private RpcResult validateAppName(JsonNode p) {
    String name = p.path("app_name").asText(null);
    ObjectNode out = JSON.objectNode();
    if (name == null || !Labels.isValidStateLabel(name, Labels.DEFAULT_LABEL_LENGTH_LIMIT)) {
      return appNameResult(out, AinRpcCodes.INVALID_APP_NAME_FOR_STATE_LABEL, "Invalid app name for state label: " + name);
    }
    Json block = Json.of((double) chain.latestNumber() + 1);
    if (!ConfigValidity.isValidServiceName(Json.of(name), block)) {
      return appNameResult(out, AinRpcCodes.INVALID_APP_NAME_FOR_SERVICE_NAME, "Invalid app name for service name: " + name);
    }
    StateVersion v = chain.finalizedState();
    if (!(v.getValue("/manage_app/" + name) instanceof Json.JNull)) {
      return appNameResult(out, AinRpcCodes.APP_NAME_ALREADY_IN_USE, "App name already in use: " + name);
    }
    out.put("is_valid", true);
    out.put("result", true);
    out.put("code", 0);
    return new RpcResult.Raw(out);
  }

  private static RpcResult appNameResult(ObjectNode out, int code, String message) {
    out.put("is_valid", false);
    out.put("result", false);
    out.put("code", code);
    out.put("message", message);
    return new RpcResult.Raw(out);
  }

  private RpcResult peerCandidateInfo() {
    ObjectNode out = JSON.objectNode();
    if (info.address() == null) {
      out.putNull("address");
    } else {
      out.put("address", info.address());
    }
    out.put("isAvailableForConnection", true);
    ObjectNode status = out.putObject("networkStatus");
    status.put("peerCount", info.peerCount());
    status.put("syncing", info.syncing());
    ArrayNode urls = out.putArray("peerCandidateJsonRpcUrlList");
    if (info.jsonRpcUrl() != null) {
      urls.add(info.jsonRpcUrl());
    }
    return RpcResult.ok(out);
  }

  // ------------------------------------------------------------------ helpers

  /** JS truthiness of a param, with AIN's {@code "true"} string option convention. */
  static boolean truthy(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return false;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isNumber()) {
      return n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
    }
    if (n.isTextual()) {
      return !n.textValue().isEmpty() && !n.textValue().equals("false");
    }
    return true;
  }

  private static JsonNode nullableText(String s) {
    return s == null ? JSON.nullNode() : JSON.textNode(s);
  }
}
