package io.ainj.vm.ainft;

import io.ainj.vm.exec.J;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JBool;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.Json.JString;
import io.ainj.vm.FunctionResultCode;
import io.ainj.vm.ResultCode;
import io.ainj.vm.exec.Results;
import io.ainj.vm.rule.RuleUtil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The native AINFT service at {@code /ainft} (docs/ainft.md). The executor hands it every value
 * write below the root; it applies the built-in policy (only request paths are writable, by the
 * account they name, once) and runs the request as the native function {@code _ainft}.
 *
 * <p>Every action validates everything before its first write, so a rejection writes nothing
 * but the request value, which the transaction's rollback removes with the rest.
 */
public final class AinftService {
  private AinftService() {}

  public static final String ROOT = "ainft";
  public static final String FID = "_ainft";
  public static final List<String> ACTIONS = List.of("create_collection", "set_admin", "mint",
      "transfer", "approve", "burn", "set_state", "pay");
  /** The deepest lineage a token may have (longest path to a root). */
  public static final int MAX_DEPTH = 4096;
  /** Tokens settled per payment; deeper ones keep what they received. */
  public static final int MAX_SETTLED = 256;
  private static final double MAX_SAFE = 9007199254740991d;

  /** True when a value write at {@code path} reaches the reserved root. */
  public static boolean isReserved(List<String> path, Json value) {
    if (path.isEmpty()) {
      return value instanceof JObject o && o.has(ROOT);
    }
    return path.get(0).equals(ROOT);
  }

  /** SET_VALUE (or INC/DEC, which arrive as SET_VALUE) below {@code /ainft}. */
  public static Json setValue(AinftHost host, List<String> path, Json value, Json auth) {
    String addr = auth instanceof JObject a && a.get("addr") instanceof JString s ? s.value()
        : null;
    boolean requestPath = path.size() == 5 && ACTIONS.contains(path.get(1))
        && path.get(4).equals("value");
    if (!requestPath || value instanceof Json.JNull || addr == null
        || (auth instanceof JObject a2 && a2.has("fid"))) {
      return opFailure(host, AinftCodes.RESERVED_PATH, "Non-writable AINFT path: /"
          + String.join("/", path) + " (only /ainft/<action>/<addr>/<key>/value is writable,"
          + " by <addr>, once)");
    }
    Request r = new Request(host, path.get(1), path.get(2), path.get(3), value, addr);
    Outcome out;
    if (!addr.equals(r.owner)) {
      out = r.fail(AinftCodes.REQUESTER_MISMATCH, "the request path names " + r.owner
          + " but the transaction is signed by " + addr);
    } else if (!(host.read(List.of(ROOT, r.action, r.owner, r.key)) instanceof Json.JNull)) {
      out = r.fail(AinftCodes.REQUEST_EXISTS, "request key '" + r.key + "' was used already");
    } else {
      r.write(path, value);
      try {
        out = run(r);
      } catch (RuntimeException e) {
        out = r.fail(FunctionResultCode.INTERNAL_ERROR, "internal error: " + e);
      }
      if (out.code == AinftCodes.SUCCESS) {
        r.write(List.of(ROOT, r.action, r.owner, r.key, "result"), out.result);
      }
    }
    JObject.Builder fr = JObject.builder();
    Json ops = r.opResults();
    if (ops != null) {
      fr.put("op_results", ops);
    }
    fr.put("code", Json.of(out.code));
    if (out.message != null) {
      fr.put("message", Json.of(out.message));
    }
    fr.put("bandwidth_gas_amount", Json.of((double) r.writes * host.params().unitWriteGasAmount()));
    boolean failed = out.code != AinftCodes.SUCCESS;
    JObject.Builder res = JObject.builder();
    if (failed) {
      res.put("message", Json.of("Triggered function call failed"));
    }
    res.put("func_results", J.obj(FID, fr.build()));
    res.put("code", Json.of(failed ? ResultCode.SET_VALUE_TRIGGERED_FUNCTION_CALL_FAILED
        : ResultCode.SUCCESS));
    res.put("bandwidth_gas_amount", Json.of((double) host.params().unitWriteGasAmount()));
    return res.build();
  }

  private static Json opFailure(AinftHost host, int code, String message) {
    return J.obj("message", message, "code", code, "bandwidth_gas_amount",
        host.params().unitWriteGasAmount());
  }

  // ---- request plumbing ---------------------------------------------------------------------

  record Outcome(int code, String message, Json result) {}

  /** One request being executed: its identity, helpers for reads, writes and outcomes. */
  static final class Request {
    final AinftHost host;
    final String action;
    final String owner;
    final String key;
    final Json value;
    final String addr;
    int writes;
    private final List<Json> opResults = new ArrayList<>();

    Request(AinftHost host, String action, String owner, String key, Json value, String addr) {
      this.host = host;
      this.action = action;
      this.owner = owner;
      this.key = key;
      this.value = value;
      this.addr = addr;
    }

    Json read(String... labels) {
      List<String> p = new ArrayList<>(labels.length + 1);
      p.add(ROOT);
      p.addAll(List.of(labels));
      return host.read(p);
    }

    void write(List<String> fullPath, Json v) {
      host.write(fullPath, v);
      writes++;
    }

    void put(Json v, String... labels) {
      List<String> p = new ArrayList<>(labels.length + 1);
      p.add(ROOT);
      p.addAll(List.of(labels));
      write(p, v);
    }

    Json setValue(String path, Json v, Json auth) {
      Json r = host.setValue(path, v, auth);
      opResults.add(J.obj("path", path, "result", r));
      return r;
    }

    Json opResults() {
      if (opResults.isEmpty()) {
        return null;
      }
      JObject.Builder b = JObject.builder();
      for (int i = 0; i < opResults.size(); i++) {
        b.put(Integer.toString(i), opResults.get(i));
      }
      return b.build();
    }

    Outcome fail(int code, String message) {
      return new Outcome(code, message, null);
    }

    Outcome ok(Object... kv) {
      Object[] all = new Object[kv.length + 2];
      all[0] = "code";
      all[1] = 0;
      System.arraycopy(kv, 0, all, 2, kv.length);
      return new Outcome(AinftCodes.SUCCESS, null, J.obj(all));
    }

    double timestamp() {
      return host.context().timestamp();
    }
  }

  private static Outcome run(Request r) {
    if (!(r.value instanceof JObject req)) {
      return r.fail(AinftCodes.INVALID_REQUEST, "the request must be an object");
    }
    return switch (r.action) {
      case "create_collection" -> createCollection(r, req);
      case "set_admin" -> setAdmin(r, req);
      case "mint" -> mint(r, req);
      case "transfer" -> transfer(r, req);
      case "approve" -> approve(r, req);
      case "burn" -> burn(r, req);
      case "set_state" -> setState(r, req);
      default -> pay(r, req);
    };
  }

  private static String unknownField(JObject req, Set<String> allowed) {
    for (String k : req.keys()) {
      if (!allowed.contains(k)) {
        return k;
      }
    }
    return null;
  }

  private static Outcome badFields(Request r, JObject req, Set<String> allowed) {
    String extra = unknownField(req, allowed);
    return extra == null ? null : r.fail(AinftCodes.INVALID_REQUEST, "unknown field '" + extra
        + "' in a " + r.action + " request (allowed: "
        + String.join(", ", allowed.stream().sorted().toList()) + ")");
  }

  private static String str(Json j) {
    return j instanceof JString s ? s.value() : null;
  }

  private static boolean isAddress(Json j) {
    return j instanceof JString s && RuleUtil.isCksumAddr(s.value());
  }

  private static boolean isAdmin(Request r, String cid, String addr) {
    return Json.TRUE.equals(r.read("collections", cid, "admin", addr));
  }

  // ---- collections -----------------------------------------------------------------------------

  private static Outcome createCollection(Request r, JObject req) {
    Outcome bad = badFields(r, req, Set.of("collection", "name", "description", "admins"));
    if (bad != null) {
      return bad;
    }
    String cid = str(req.get("collection"));
    if (!AinftRecords.isCollectionId(cid)) {
      return r.fail(AinftCodes.INVALID_COLLECTION_ID,
          "collection must match [a-z][a-z0-9_]{0,63}");
    }
    if (!AinftRecords.isShortString(req.get("name"), AinftRecords.MAX_STRING)) {
      return r.fail(AinftCodes.INVALID_REQUEST, "name must be a non-empty string");
    }
    if (req.has("description")
        && !AinftRecords.isShortString(req.get("description"), AinftRecords.MAX_STRING)) {
      return r.fail(AinftCodes.INVALID_REQUEST, "description must be a non-empty string");
    }
    List<String> admins = new ArrayList<>();
    if (req.has("admins")) {
      Outcome o = adminChanges(r, req.get("admins"), new TreeMap<>());
      if (o != null) {
        return o;
      }
      JObject a = (JObject) req.get("admins");
      for (String k : a.keys()) {
        if (Json.TRUE.equals(a.get(k))) {
          admins.add(k);
        }
      }
      if (admins.isEmpty()) {
        return r.fail(AinftCodes.LAST_ADMIN, "a collection needs at least one admin");
      }
    } else {
      admins.add(r.addr);
    }
    if (!(r.read("collections", cid, "config") instanceof Json.JNull)) {
      return r.fail(AinftCodes.COLLECTION_EXISTS, "collection '" + cid + "' exists");
    }
    r.put(J.obj("name", req.get("name"), "description", req.get("description"), "creator",
        r.addr, "created_at", r.timestamp()), "collections", cid, "config");
    for (String a : admins) {
      r.put(Json.TRUE, "collections", cid, "admin", a);
    }
    r.put(Json.of(0), "collections", cid, "minted");
    return r.ok("collection", cid);
  }

  /** Checks an admins map ({@code addr: true|false}) and collects it into {@code into}. */
  private static Outcome adminChanges(Request r, Json admins, Map<String, Boolean> into) {
    if (!(admins instanceof JObject a) || a.isEmpty()) {
      return r.fail(AinftCodes.INVALID_REQUEST, "admins must be a non-empty object");
    }
    for (String k : a.keys()) {
      if (!RuleUtil.isCksumAddr(k)) {
        return r.fail(AinftCodes.INVALID_ADDRESS, "admin '" + k
            + "' is not a checksum address");
      }
      if (!(a.get(k) instanceof JBool b)) {
        return r.fail(AinftCodes.INVALID_REQUEST, "admins." + k + " must be true or false");
      }
      into.put(k, b.value());
    }
    return null;
  }

  private static Outcome setAdmin(Request r, JObject req) {
    Outcome bad = badFields(r, req, Set.of("collection", "admins"));
    if (bad != null) {
      return bad;
    }
    String cid = str(req.get("collection"));
    if (!AinftRecords.isCollectionId(cid)) {
      return r.fail(AinftCodes.INVALID_COLLECTION_ID,
          "collection must match [a-z][a-z0-9_]{0,63}");
    }
    if (r.read("collections", cid, "config") instanceof Json.JNull) {
      return r.fail(AinftCodes.COLLECTION_NOT_FOUND, "no collection '" + cid + "'");
    }
    if (!isAdmin(r, cid, r.addr)) {
      return r.fail(AinftCodes.NOT_COLLECTION_ADMIN, r.addr + " is not an admin of '" + cid
          + "'");
    }
    Map<String, Boolean> changes = new TreeMap<>();
    Outcome o = adminChanges(r, req.get("admins"), changes);
    if (o != null) {
      return o;
    }
    Json current = r.read("collections", cid, "admin");
    TreeMap<String, Boolean> after = new TreeMap<>();
    if (current instanceof JObject c) {
      for (String k : c.keys()) {
        after.put(k, true);
      }
    }
    changes.forEach((k, v) -> {
      if (v) {
        after.put(k, true);
      } else {
        after.remove(k);
      }
    });
    if (after.isEmpty()) {
      return r.fail(AinftCodes.LAST_ADMIN, "a collection needs at least one admin");
    }
    changes.forEach((k, v) -> r.put(v ? Json.TRUE : Json.NULL, "collections", cid, "admin", k));
    return r.ok("collection", cid);
  }

  // ---- mint ------------------------------------------------------------------------------------

  static final Set<String> MINT_FIELDS = Set.of("collection", "to", "data", "model", "service",
      "state", "parents", "prev");

  private static Outcome mint(Request r, JObject req) {
    Outcome bad = badFields(r, req, MINT_FIELDS);
    if (bad != null) {
      return bad;
    }
    String cid = str(req.get("collection"));
    if (!AinftRecords.isCollectionId(cid)) {
      return r.fail(AinftCodes.INVALID_COLLECTION_ID,
          "collection must match [a-z][a-z0-9_]{0,63}");
    }
    if (r.read("collections", cid, "config") instanceof Json.JNull) {
      return r.fail(AinftCodes.COLLECTION_NOT_FOUND, "no collection '" + cid + "'");
    }
    if (!isAdmin(r, cid, r.addr)) {
      return r.fail(AinftCodes.NOT_COLLECTION_ADMIN, "only an admin of '" + cid
          + "' may mint; " + r.addr + " is not one");
    }
    String to = r.addr;
    if (req.has("to")) {
      if (!isAddress(req.get("to"))) {
        return r.fail(AinftCodes.INVALID_ADDRESS, "to must be a checksum address");
      }
      to = str(req.get("to"));
    }
    int components = 0;
    for (String c : AinftRecords.COMPONENTS) {
      if (req.has(c)) {
        AinftRecords.Problem p = AinftRecords.checkComponent(c, req.get(c));
        if (p != null) {
          return r.fail(p.code(), p.message());
        }
        components++;
      }
    }
    if (components == 0) {
      return r.fail(AinftCodes.INVALID_RECORD,
          "an AINFT needs at least one of data, model, service");
    }
    if (req.has("state") && !AinftRecords.isStatePath(req.get("state"))) {
      return r.fail(AinftCodes.INVALID_RECORD,
          "state must be a state path such as /apps/chat/AIN");
    }
    // Parents, checked in id order so the first reported problem does not depend on key order.
    TreeMap<String, Long> parents = new TreeMap<>();
    if (req.has("parents")) {
      if (!(req.get("parents") instanceof JObject ps) || ps.isEmpty()) {
        return r.fail(AinftCodes.INVALID_REQUEST, "parents must be a non-empty object");
      }
      if (ps.size() > AinftRecords.MAX_PARENTS) {
        return r.fail(AinftCodes.INVALID_ROYALTY, "at most " + AinftRecords.MAX_PARENTS
            + " parents");
      }
      long sum = 0;
      for (String p : ps.keys()) {
        if (!AinftRecords.isSafeInteger(ps.get(p), 0, MAX_SAFE)) {
          return r.fail(AinftCodes.INVALID_ROYALTY, "parents." + p
              + " must be an integer share in basis points (0..10000)");
        }
        long bps = (long) ((JNumber) ps.get(p)).value();
        sum += bps;
        parents.put(p, bps);
      }
      if (sum > AinftRecords.MAX_BPS) {
        return r.fail(AinftCodes.ROYALTY_OVER_100, "royalty shares add up to " + sum
            + " bps, more than 10000 (100 %)");
      }
    }
    String prev = null;
    if (req.has("prev")) {
      prev = str(req.get("prev"));
      if (!AinftRecords.isTokenId(prev)) {
        return r.fail(AinftCodes.UNKNOWN_PARENT, "prev must be an AINFT id (0x + 64 hex)");
      }
    }
    for (String p : parents.keySet()) {
      if (!AinftRecords.isTokenId(p) || r.read("tokens", p, "record") instanceof Json.JNull) {
        return r.fail(AinftCodes.UNKNOWN_PARENT, "parent " + p + " does not exist");
      }
      if (Json.TRUE.equals(r.read("tokens", p, "burned"))) {
        return r.fail(AinftCodes.UNKNOWN_PARENT, "parent " + p + " is burned");
      }
    }
    if (prev != null) {
      Json prevRecord = r.read("tokens", prev, "record");
      if (prevRecord instanceof Json.JNull) {
        return r.fail(AinftCodes.UNKNOWN_PARENT, "prev " + prev + " does not exist");
      }
      if (Json.TRUE.equals(r.read("tokens", prev, "burned"))) {
        return r.fail(AinftCodes.TOKEN_BURNED, "prev " + prev + " is burned");
      }
      if (!r.addr.equals(str(r.read("tokens", prev, "owner")))) {
        return r.fail(AinftCodes.NOT_OWNER, "only the owner of prev " + prev
            + " may mint its next version");
      }
      Json prevModel = J.get(prevRecord, "model");
      Json model = req.get("model");
      if (!cid.equals(str(J.get(prevRecord, "collection")))) {
        return r.fail(AinftCodes.INVALID_VERSION, "a new version stays in the collection of prev");
      }
      if (prevModel == null || model == null
          || !J.get(prevModel, "name").equals(J.get(model, "name"))
          || !(((JNumber) J.get(model, "epoch")).value()
              > ((JNumber) J.get(prevModel, "epoch")).value())) {
        return r.fail(AinftCodes.INVALID_VERSION, "a new version needs a model with the name of"
            + " prev's model and a larger epoch");
      }
      if (!(r.read("tokens", prev, "next") instanceof Json.JNull)) {
        return r.fail(AinftCodes.VERSION_EXISTS, "prev " + prev + " already has a next version");
      }
      parents.putIfAbsent(prev, 0L);
    }
    // The identity record, as stored and hashed.
    JObject.Builder rb = JObject.builder().put("ainft", Json.of(AinftRecords.VERSION))
        .put("collection", Json.of(cid)).put("creator", Json.of(r.addr));
    for (String c : AinftRecords.COMPONENTS) {
      if (req.has(c)) {
        rb.put(c, req.get(c));
      }
    }
    if (!parents.isEmpty()) {
      JObject.Builder pb = JObject.builder();
      parents.forEach((p, bps) -> pb.put(p, Json.of((double) bps)));
      rb.put("parents", pb.build());
    }
    if (prev != null) {
      rb.put("prev", Json.of(prev));
    }
    Json record = rb.build();
    String id = AinftRecords.tokenId(record);
    if (parents.containsKey(id)) {
      return r.fail(AinftCodes.LINEAGE_CYCLE, "AINFT " + id + " would be its own parent");
    }
    if (!(r.read("tokens", id, "record") instanceof Json.JNull)) {
      return r.fail(AinftCodes.TOKEN_EXISTS, "AINFT " + id + " is minted already");
    }
    long depth = 0;
    for (String p : parents.keySet()) {
      depth = Math.max(depth, depthOf(r, p) + 1);
    }
    if (depth > MAX_DEPTH) {
      return r.fail(AinftCodes.LINEAGE_TOO_DEEP, "lineage depth " + depth + " exceeds "
          + MAX_DEPTH);
    }
    JObject.Builder token = JObject.builder().put("record", record).put("owner", Json.of(to));
    if (req.has("state")) {
      token.put("state", req.get("state"));
    }
    token.put("depth", Json.of((double) depth)).put("minted_at", Json.of(r.timestamp()));
    if (r.host.context().blockNumber() instanceof JNumber bn) {
      token.put("minted_block", bn);
    }
    token.put("earned", Json.of(0));
    r.put(token.build(), "tokens", id);
    r.put(Json.TRUE, "owners", to, id);
    r.put(Json.TRUE, "collections", cid, "tokens", id);
    double minted = r.read("collections", cid, "minted") instanceof JNumber n ? n.value() : 0;
    r.put(Json.of(minted + 1), "collections", cid, "minted");
    for (Map.Entry<String, Long> e : parents.entrySet()) {
      r.put(Json.of((double) e.getValue()), "children", e.getKey(), id);
    }
    if (prev != null) {
      r.put(Json.of(id), "tokens", prev, "next");
    }
    return r.ok("id", id);
  }

  private static long depthOf(Request r, String id) {
    return r.read("tokens", id, "depth") instanceof JNumber n ? (long) n.value() : 0;
  }

  // ---- ownership ------------------------------------------------------------------------------

  /** The live token named by {@code req.id}, or a failure. */
  private static Object liveToken(Request r, JObject req) {
    String id = str(req.get("id"));
    if (!AinftRecords.isTokenId(id)) {
      return r.fail(AinftCodes.INVALID_REQUEST, "id must be an AINFT id (0x + 64 hex)");
    }
    if (r.read("tokens", id, "record") instanceof Json.JNull) {
      return r.fail(AinftCodes.TOKEN_NOT_FOUND, "AINFT " + id + " does not exist");
    }
    if (Json.TRUE.equals(r.read("tokens", id, "burned"))) {
      return r.fail(AinftCodes.TOKEN_BURNED, "AINFT " + id + " is burned");
    }
    return id;
  }

  private static Outcome transfer(Request r, JObject req) {
    Outcome bad = badFields(r, req, Set.of("id", "to"));
    if (bad != null) {
      return bad;
    }
    Object t = liveToken(r, req);
    if (t instanceof Outcome o) {
      return o;
    }
    String id = (String) t;
    if (!isAddress(req.get("to"))) {
      return r.fail(AinftCodes.INVALID_ADDRESS, "to must be a checksum address");
    }
    String to = str(req.get("to"));
    String owner = str(r.read("tokens", id, "owner"));
    String approved = str(r.read("tokens", id, "approved"));
    if (!r.addr.equals(owner) && !r.addr.equals(approved)) {
      return r.fail(AinftCodes.NOT_OWNER_OR_APPROVED, r.addr
          + " is neither the owner nor the approved operator of " + id);
    }
    if (approved != null) {
      r.put(Json.NULL, "tokens", id, "approved");
    }
    r.put(Json.of(to), "tokens", id, "owner");
    r.put(Json.NULL, "owners", owner, id);
    r.put(Json.TRUE, "owners", to, id);
    return r.ok("id", id, "from", owner, "to", to);
  }

  private static Outcome approve(Request r, JObject req) {
    Outcome bad = badFields(r, req, Set.of("id", "operator"));
    if (bad != null) {
      return bad;
    }
    Object t = liveToken(r, req);
    if (t instanceof Outcome o) {
      return o;
    }
    String id = (String) t;
    Json op = req.get("operator");
    if (!Json.FALSE.equals(op) && !isAddress(op)) {
      return r.fail(AinftCodes.INVALID_ADDRESS,
          "operator must be a checksum address, or false to clear");
    }
    if (!r.addr.equals(str(r.read("tokens", id, "owner")))) {
      return r.fail(AinftCodes.NOT_OWNER, "only the owner of " + id + " may approve");
    }
    r.put(Json.FALSE.equals(op) ? Json.NULL : op, "tokens", id, "approved");
    return r.ok("id", id);
  }

  private static Outcome burn(Request r, JObject req) {
    Outcome bad = badFields(r, req, Set.of("id"));
    if (bad != null) {
      return bad;
    }
    Object t = liveToken(r, req);
    if (t instanceof Outcome o) {
      return o;
    }
    String id = (String) t;
    String owner = str(r.read("tokens", id, "owner"));
    if (!r.addr.equals(owner)) {
      return r.fail(AinftCodes.NOT_OWNER, "only the owner of " + id + " may burn it");
    }
    r.put(Json.NULL, "tokens", id, "approved");
    r.put(Json.NULL, "tokens", id, "owner");
    r.put(Json.TRUE, "tokens", id, "burned");
    r.put(Json.NULL, "owners", owner, id);
    return r.ok("id", id);
  }

  private static Outcome setState(Request r, JObject req) {
    Outcome bad = badFields(r, req, Set.of("id", "state"));
    if (bad != null) {
      return bad;
    }
    Object t = liveToken(r, req);
    if (t instanceof Outcome o) {
      return o;
    }
    String id = (String) t;
    if (!AinftRecords.isStatePath(req.get("state"))) {
      return r.fail(AinftCodes.INVALID_RECORD,
          "state must be a state path such as /apps/chat/AIN");
    }
    if (!r.addr.equals(str(r.read("tokens", id, "owner")))) {
      return r.fail(AinftCodes.NOT_OWNER, "only the owner of " + id + " may set its state");
    }
    r.put(req.get("state"), "tokens", id, "state");
    return r.ok("id", id);
  }

  // ---- payments ------------------------------------------------------------------------------

  /** {@code floor(a * bps / 10000)} without overflow for every safe integer {@code a}. */
  static long share(long a, long bps) {
    return (a / 10_000) * bps + (a % 10_000) * bps / 10_000;
  }

  /** What each token keeps of a payment, in settlement order (docs/ainft.md §2.2). */
  static LinkedHashMap<String, Long> settle(java.util.function.Function<String, Json> tokenField,
      String paid, long amount) {
    Map<String, Long> income = new HashMap<>();
    Map<String, Long> depth = new HashMap<>();
    Comparator<String> order = Comparator.<String>comparingLong(depth::get).reversed()
        .thenComparing(Comparator.naturalOrder());
    PriorityQueue<String> queue = new PriorityQueue<>(order);
    income.put(paid, amount);
    depth.put(paid, 0L);
    queue.add(paid);
    LinkedHashMap<String, Long> kept = new LinkedHashMap<>();
    int settled = 0;
    while (!queue.isEmpty()) {
      String t = queue.poll();
      long a = income.get(t);
      long keep = a;
      if (settled < MAX_SETTLED && tokenField.apply(t + "/record/parents") instanceof JObject ps) {
        for (String p : new TreeMap<>(ps.asMap()).keySet()) {
          long bps = ps.get(p) instanceof JNumber n ? (long) n.value() : 0;
          if (bps <= 0 || Json.TRUE.equals(tokenField.apply(p + "/burned"))) {
            continue;
          }
          long s = share(a, bps);
          if (s <= 0) {
            continue;
          }
          keep -= s;
          if (!income.containsKey(p)) {
            depth.put(p, tokenField.apply(p + "/depth") instanceof JNumber n ? (long) n.value()
                : 0L);
            queue.add(p);
          }
          income.merge(p, s, Long::sum);
        }
      }
      settled++;
      kept.put(t, keep);
    }
    return kept;
  }

  private static Outcome pay(Request r, JObject req) {
    Outcome bad = badFields(r, req, Set.of("id", "amount"));
    if (bad != null) {
      return bad;
    }
    Object t = liveToken(r, req);
    if (t instanceof Outcome o) {
      return o;
    }
    String id = (String) t;
    if (!AinftRecords.isSafeInteger(req.get("amount"), 1, MAX_SAFE)) {
      return r.fail(AinftCodes.INVALID_AMOUNT, "amount must be a positive integer");
    }
    long amount = (long) ((JNumber) req.get("amount")).value();
    Json balance = r.host.read(io.ainj.statedb.path.StatePath.parse(
        RuleUtil.getBalancePath(r.addr)));
    if (!(balance instanceof JNumber b) || b.value() < amount) {
      return r.fail(AinftCodes.INSUFFICIENT_BALANCE, "balance of " + r.addr + " is below "
          + amount);
    }
    LinkedHashMap<String, Long> kept = settle(
        rel -> r.host.read(io.ainj.statedb.path.StatePath.parse("/" + ROOT + "/tokens/" + rel)),
        id, amount);
    // Per-owner sums, sent in address order; the payer's own share stays where it is.
    TreeMap<String, Long> byOwner = new TreeMap<>();
    Map<String, String> owners = new HashMap<>();
    for (Map.Entry<String, Long> e : kept.entrySet()) {
      String owner = str(r.read("tokens", e.getKey(), "owner"));
      owners.put(e.getKey(), owner);
      if (owner != null && e.getValue() > 0) {
        byOwner.merge(owner, e.getValue(), Long::sum);
      }
    }
    Json fnAuth = J.obj("addr", r.addr, "fid", FID, "fids", new Json.JArray(List.of(Json.of(FID))));
    for (Map.Entry<String, Long> e : byOwner.entrySet()) {
      if (e.getKey().equals(r.addr)) {
        continue;
      }
      String path = "/transfer/" + r.addr + "/" + e.getKey() + "/ainft_" + r.key + "/value";
      Json res = r.setValue(path, Json.of((double) e.getValue()), fnAuth);
      if (Results.isFailed(res)) {
        return r.fail(AinftCodes.TRANSFER_FAILED, "the payout transfer at " + path + " failed");
      }
    }
    String pid = r.addr + "_" + r.key;
    JObject.Builder payouts = JObject.builder();
    for (Map.Entry<String, Long> e : kept.entrySet()) {
      String owner = owners.get(e.getKey());
      if (e.getValue() <= 0 || owner == null) {
        continue;
      }
      payouts.put(e.getKey(), J.obj("owner", owner, "amount", (double) e.getValue()));
      r.put(J.obj("paid_token", id, "payer", r.addr, "owner", owner, "amount",
          (double) e.getValue(), "timestamp", r.timestamp()), "payouts", e.getKey(), pid);
      double earned = r.read("tokens", e.getKey(), "earned") instanceof JNumber n ? n.value() : 0;
      r.put(Json.of(earned + e.getValue()), "tokens", e.getKey(), "earned");
    }
    JObject payoutsJson = payouts.build();
    r.put(J.obj("payer", r.addr, "amount", (double) amount, "timestamp", r.timestamp(),
        "payouts", payoutsJson.isEmpty() ? null : payoutsJson), "payments", id, pid);
    return r.ok("id", id, "payment_id", pid, "payouts",
        payoutsJson.isEmpty() ? null : payoutsJson);
  }

}
