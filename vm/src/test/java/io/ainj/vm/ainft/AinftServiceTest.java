package io.ainj.vm.ainft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JArray;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.Json.JString;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.vm.exec.VmParams;
import io.ainj.vm.rule.RuleEngine;
import io.ainj.vm.tx.TransactionExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every rule of docs/ainft.md through the transaction level on AIN's base genesis rules,
 * functions and owners (fees on, gas price 0): requests, codes, rollback, lineage, payments.
 */
class AinftServiceTest {
  static final String OWNER = "0xAAAf6f50A0304F12119D218b94bea8082642515B";
  static final String A = "0x00ADEc28B6a845a085e03591bE7550dd68673C1C";
  static final String B = "0x01A0980d2D4e418c7F27e1ef539d01A5b5E93204";
  static final String C = "0x02A2A1DF4f630d760c82BE07F18e5065d103Fa00";
  static final String D = "0x03AAb7b6f16A92A1dfe018Fe34ee420eb098B98A";
  static final long BLOCK_TIME = 1_700_000_000_000L;
  static final String DIGEST_1 = "sha256:" + "1".repeat(64);
  static final String DIGEST_2 = "sha256:" + "2".repeat(64);
  static final String DIGEST_3 = "sha256:" + "3".repeat(64);

  private final TransactionExecutor vm = new TransactionExecutor(new RuleEngine(),
      VmParams.defaults());
  private StateDb db;
  private MutableState state;
  private int counter;

  @BeforeEach
  void setUp() throws IOException {
    db = StateDb.inMemory();
    state = db.edit("TEST");
    state.writeRaw(StateRoot.RULES, "/", resource("genesis_rules.json"));
    state.writeRaw(StateRoot.FUNCTIONS, "/", resource("genesis_functions.json"));
    JObject owners = (JObject) resource("genesis_owners.json");
    JObject.Builder o = JObject.builder();
    for (int i = 0; i < owners.size(); i++) {
      o.put(owners.key(i), owners.value(i));
    }
    o.put(".owner", JsonCodec.parse("{\"owners\":{\"" + OWNER + "\":{\"branch_owner\":true,"
        + "\"write_function\":true,\"write_owner\":true,\"write_rule\":true}}}"));
    state.writeRaw(StateRoot.OWNERS, "/", o.build());
    for (String addr : List.of(OWNER, A, B, C, D)) {
      state.writeRaw(StateRoot.VALUES, "/accounts/" + addr + "/balance", Json.of(1000));
    }
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private static Json resource(String name) throws IOException {
    try (InputStream in = AinftServiceTest.class.getResourceAsStream("/io/ainj/vm/tx/" + name)) {
      return JsonCodec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private Json tx(String signer, String op) {
    counter++;
    String body = "{\"operation\":" + op + ",\"nonce\":-1,\"timestamp\":" + (BLOCK_TIME + counter)
        + ",\"gas_price\":0}";
    return vm.execute(state, JsonCodec.parse(body), signer, "0xhash" + counter, 1, BLOCK_TIME,
        false);
  }

  private Json request(String signer, String action, String json) {
    return tx(signer, "{\"type\":\"SET_VALUE\",\"ref\":\"/ainft/" + action + "/" + signer + "/k"
        + (counter + 1) + "/value\",\"value\":" + json + "}");
  }

  private static Json at(Json j, String... keys) {
    Json cur = j;
    for (String k : keys) {
      cur = cur instanceof JObject o ? o.get(k) : null;
    }
    return cur;
  }

  private static int fnCode(Json result) {
    Json c = at(result, "func_results", "_ainft", "code");
    return c instanceof JNumber n ? (int) n.value() : -1;
  }

  private static int code(Json result) {
    return at(result, "code") instanceof JNumber n ? (int) n.value() : -1;
  }

  private Json value(String path) {
    return state.get(StateRoot.VALUES, path);
  }

  private double balance(String addr) {
    return ((JNumber) value("/accounts/" + addr + "/balance")).value();
  }

  /** Runs a request that must succeed; returns its result object. */
  private Json ok(String signer, String action, String json) {
    Json r = request(signer, action, json);
    assertEquals(0, code(r), r::toString);
    assertEquals(0, fnCode(r), r::toString);
    return at(r, "func_results", "_ainft");
  }

  /** Runs a request that must fail with {@code expected}, and checks it changed nothing. */
  private Json rejected(int expected, String signer, String action, String json) {
    Json ainftBefore = value("/ainft");
    Json accountsBefore = value("/accounts");
    Json r = request(signer, action, json);
    assertEquals(expected, fnCode(r), r::toString);
    assertEquals(10104, code(r), r::toString);
    assertTrue(at(r, "func_results", "_ainft", "message") instanceof JString, r::toString);
    assertEquals(ainftBefore, value("/ainft"), "a rejected request leaves /ainft unchanged");
    assertEquals(accountsBefore, value("/accounts"), "and every balance");
    return r;
  }

  private String mintedId(String signer, String json) {
    ok(signer, "mint", json);
    Json result = value("/ainft/mint/" + signer + "/k" + counter + "/result");
    return ((JString) at(result, "id")).value();
  }

  private void collection(String signer, String cid) {
    ok(signer, "create_collection", "{\"collection\":\"" + cid + "\",\"name\":\"" + cid + "\"}");
  }

  private static String data(String digest) {
    return "\"data\":{\"name\":\"corpus\",\"digest\":\"" + digest + "\"}";
  }

  private static String model(int epoch, String digest) {
    return "\"model\":{\"name\":\"chat\",\"epoch\":" + epoch + ",\"platform\":\"pytorch\","
        + "\"digest\":\"" + digest + "\",\"recipe\":{\"lr\":\"3e-4\",\"image_digest\":\""
        + DIGEST_3 + "\"}}";
  }

  private String mintDataset(String signer) {
    return mintedId(signer, "{\"collection\":\"llm\"," + data(DIGEST_1) + "}");
  }

  // ---- collections and minting ----------------------------------------------------------------

  @Test
  void mintStoresTheRecordUnderItsContentAddressAndIndexesIt() {
    collection(A, "llm");
    assertEquals(Json.TRUE, value("/ainft/collections/llm/admin/" + A));
    String id = mintedId(A, "{\"collection\":\"llm\",\"to\":\"" + B + "\"," + data(DIGEST_1)
        + ",\"state\":\"/apps/chat/AIN\"}");
    Json token = value("/ainft/tokens/" + id);
    Json record = at(token, "record");
    assertEquals(id, AinftRecords.tokenId(record), "the id is the hash of the stored record");
    assertEquals(JsonCodec.parse("{\"ainft\":\"v1\",\"collection\":\"llm\",\"creator\":\"" + A
        + "\",\"data\":{\"name\":\"corpus\",\"digest\":\"" + DIGEST_1 + "\"}}"), record);
    assertEquals(Json.of(B), at(token, "owner"));
    assertEquals(Json.of("/apps/chat/AIN"), at(token, "state"));
    assertEquals(Json.of(0), at(token, "depth"));
    assertEquals(Json.TRUE, value("/ainft/owners/" + B + "/" + id));
    assertEquals(Json.TRUE, value("/ainft/collections/llm/tokens/" + id));
    assertEquals(Json.of(1), value("/ainft/collections/llm/minted"));
    assertEquals(List.of(id), AinftQueries.of(state.snapshot()).tokensByOwner(B));
    // The same content by the same creator is the same AINFT: it cannot be minted twice.
    rejected(AinftCodes.TOKEN_EXISTS, A, "mint", "{\"collection\":\"llm\",\"to\":\"" + C + "\","
        + data(DIGEST_1) + "}");
    // Another creator gets another id for the same content.
    ok(A, "set_admin", "{\"collection\":\"llm\",\"admins\":{\"" + C + "\":true}}");
    String other = mintedId(C, "{\"collection\":\"llm\"," + data(DIGEST_1) + "}");
    assertTrue(!other.equals(id));
  }

  @Test
  void collectionsAndAdminsAreChecked() {
    collection(A, "llm");
    rejected(AinftCodes.COLLECTION_EXISTS, B, "create_collection",
        "{\"collection\":\"llm\",\"name\":\"x\"}");
    rejected(AinftCodes.INVALID_COLLECTION_ID, B, "create_collection",
        "{\"collection\":\"Bad-Name\",\"name\":\"x\"}");
    rejected(AinftCodes.INVALID_REQUEST, B, "create_collection",
        "{\"collection\":\"ok\",\"name\":\"x\",\"color\":\"red\"}");
    rejected(AinftCodes.INVALID_ADDRESS, B, "create_collection",
        "{\"collection\":\"ok\",\"name\":\"x\",\"admins\":{\"0xabc\":true}}");
    rejected(AinftCodes.NOT_COLLECTION_ADMIN, B, "mint",
        "{\"collection\":\"llm\"," + data(DIGEST_1) + "}");
    rejected(AinftCodes.COLLECTION_NOT_FOUND, A, "mint",
        "{\"collection\":\"nope\"," + data(DIGEST_1) + "}");
    rejected(AinftCodes.NOT_COLLECTION_ADMIN, B, "set_admin",
        "{\"collection\":\"llm\",\"admins\":{\"" + B + "\":true}}");
    rejected(AinftCodes.LAST_ADMIN, A, "set_admin",
        "{\"collection\":\"llm\",\"admins\":{\"" + A + "\":false}}");
    ok(A, "set_admin", "{\"collection\":\"llm\",\"admins\":{\"" + B + "\":true,\"" + A
        + "\":false}}");
    assertNull(at(value("/ainft/collections/llm/admin"), A));
    rejected(AinftCodes.NOT_COLLECTION_ADMIN, A, "mint",
        "{\"collection\":\"llm\"," + data(DIGEST_1) + "}");
    mintedId(B, "{\"collection\":\"llm\"," + data(DIGEST_1) + "}");
    // A collection created with explicit admins need not include its creator.
    ok(C, "create_collection", "{\"collection\":\"team\",\"name\":\"t\",\"admins\":{\"" + D
        + "\":true}}");
    assertEquals(JsonCodec.parse("{\"" + D + "\":true}"), value("/ainft/collections/team/admin"));
  }

  @Test
  void schemaViolationsAreRejectedWithTheirCodes() {
    collection(A, "llm");
    String c = "{\"collection\":\"llm\",";
    rejected(AinftCodes.INVALID_RECORD, A, "mint", "{\"collection\":\"llm\"}");
    rejected(AinftCodes.INVALID_RECORD, A, "mint", c + "\"data\":{\"name\":\"x\"}}");
    rejected(AinftCodes.INVALID_DIGEST, A, "mint", c + "\"data\":{\"digest\":\"md5:abc\"}}");
    rejected(AinftCodes.INVALID_DIGEST, A, "mint", c + "\"data\":{\"digest\":\"sha256:"
        + "A".repeat(64) + "\"}}");
    rejected(AinftCodes.INVALID_RECORD, A, "mint", c + "\"data\":{\"digest\":\"" + DIGEST_1
        + "\",\"owner\":\"me\"}}");
    rejected(AinftCodes.INVALID_RECORD, A, "mint", c + "\"model\":{\"name\":\"m\",\"epoch\":-1,"
        + "\"platform\":\"p\",\"digest\":\"" + DIGEST_1 + "\"}}");
    rejected(AinftCodes.INVALID_RECORD, A, "mint", c + "\"model\":{\"name\":\"m\",\"epoch\":1.5,"
        + "\"platform\":\"p\",\"digest\":\"" + DIGEST_1 + "\"}}");
    rejected(AinftCodes.INVALID_RECORD, A, "mint", c + "\"model\":{\"name\":\"m\",\"epoch\":1,"
        + "\"digest\":\"" + DIGEST_1 + "\"}}");
    rejected(AinftCodes.INVALID_RECORD, A, "mint", c + "\"service\":{\"api\":\"ftp://x\"}}");
    rejected(AinftCodes.INVALID_RECORD, A, "mint", c + "\"service\":{\"api\":\"https://x\","
        + "\"demo\":42}}");
    rejected(AinftCodes.INVALID_RECORD, A, "mint", c + data(DIGEST_1)
        + ",\"state\":\"apps/no/slash\"}");
    rejected(AinftCodes.INVALID_DIGEST, A, "mint", c + "\"data\":{\"digest\":\"" + DIGEST_1
        + "\",\"recipe\":{\"image_digest\":\"latest\"}}}");
    // Arrays and empty objects never reach the service: the state layer refuses them (10101).
    Json before = value("/ainft");
    for (String recipe : List.of("{\"steps\":[1,2]}", "{\"steps\":{}}")) {
      Json r = request(A, "mint", c + "\"data\":{\"digest\":\"" + DIGEST_1
          + "\",\"recipe\":" + recipe + "}}");
      assertEquals(10101, code(r), r::toString);
      assertEquals(before, value("/ainft"));
    }
    assertEquals(AinftCodes.INVALID_RECORD,
        AinftRecords.checkComponent("data", JsonCodec.parse("{\"digest\":\"" + DIGEST_1
            + "\",\"recipe\":{\"steps\":{}}}")).code());
    rejected(AinftCodes.INVALID_REQUEST, A, "mint", c + data(DIGEST_1) + ",\"extra\":1}");
    rejected(AinftCodes.INVALID_ADDRESS, A, "mint", c + data(DIGEST_1) + ",\"to\":\"bob\"}");
    rejected(AinftCodes.INVALID_REQUEST, A, "mint", "\"just a string\"");
  }

  // ---- lineage --------------------------------------------------------------------------------

  @Test
  void lineageIsCheckedAndIndexedBothWays() {
    collection(A, "llm");
    String ds = mintDataset(A);
    String c = "{\"collection\":\"llm\"," + model(1, DIGEST_2);
    String unknown = "0x" + "ab".repeat(32);
    rejected(AinftCodes.UNKNOWN_PARENT, A, "mint", c + ",\"parents\":{\"" + unknown
        + "\":100}}");
    rejected(AinftCodes.UNKNOWN_PARENT, A, "mint", c + ",\"parents\":{\"dataset\":100}}");
    rejected(AinftCodes.ROYALTY_OVER_100, A, "mint", c + ",\"parents\":{\"" + ds
        + "\":10001}}");
    rejected(AinftCodes.INVALID_ROYALTY, A, "mint", c + ",\"parents\":{\"" + ds + "\":\"10\"}}");
    rejected(AinftCodes.INVALID_ROYALTY, A, "mint", c + ",\"parents\":{\"" + ds + "\":10.5}}");
    rejected(AinftCodes.INVALID_ROYALTY, A, "mint", c + ",\"parents\":{\"" + ds + "\":-1}}");
    String ds2 = mintedId(A, "{\"collection\":\"llm\"," + data(DIGEST_2) + "}");
    rejected(AinftCodes.ROYALTY_OVER_100, A, "mint", c + ",\"parents\":{\"" + ds + "\":6000,\""
        + ds2 + "\":4001}}");
    String m = mintedId(A, c + ",\"parents\":{\"" + ds + "\":1000,\"" + ds2 + "\":0}}");
    String svc = mintedId(A, "{\"collection\":\"llm\",\"service\":{\"api\":\"https://x.ai/api\","
        + "\"demo\":\"https://x.ai\"},\"state\":\"/apps/chat/AIN\",\"parents\":{\"" + m
        + "\":3000}}");
    assertEquals(Json.of(1000), value("/ainft/children/" + ds + "/" + m));
    assertEquals(Json.of(3000), value("/ainft/children/" + m + "/" + svc));
    assertEquals(Json.of(2), value("/ainft/tokens/" + svc + "/depth"));

    AinftQueries q = AinftQueries.of(state.snapshot());
    Json up = q.lineage(svc, AinftQueries.Direction.ANCESTORS, 10, 100);
    JArray anc = (JArray) at(up, "ancestors");
    assertEquals(3, anc.items().size());
    assertEquals(Json.of(m), at(anc.items().get(0), "id"));
    assertEquals(Json.of(1), at(anc.items().get(0), "depth"));
    assertEquals(Json.of(2), at(anc.items().get(1), "depth"));
    assertEquals(Json.FALSE, at(up, "truncated"));
    Json oneLevel = q.lineage(svc, AinftQueries.Direction.ANCESTORS, 1, 100);
    assertEquals(1, ((JArray) at(oneLevel, "ancestors")).items().size());
    assertEquals(Json.TRUE, at(oneLevel, "truncated"));
    Json down = q.lineage(ds, AinftQueries.Direction.DESCENDANTS, 10, 100);
    JArray desc = (JArray) at(down, "descendants");
    assertEquals(List.of(Json.of(m), Json.of(svc)), desc.items().stream()
        .map(e -> at(e, "id")).toList());
    assertNull(at(down, "ancestors"));
    assertNull(q.lineage("0x" + "00".repeat(32), AinftQueries.Direction.BOTH, 3, 10));
  }

  @Test
  void aNewEpochIsANewVersionLinkedToThePreviousOne() {
    collection(A, "llm");
    String ds = mintDataset(A);
    String v1 = mintedId(A, "{\"collection\":\"llm\"," + model(1, DIGEST_2) + ",\"parents\":{\""
        + ds + "\":1000},\"state\":\"/apps/chat/v1\"}");
    String c = "{\"collection\":\"llm\"," + model(1, DIGEST_3);
    rejected(AinftCodes.INVALID_VERSION, A, "mint", c + ",\"prev\":\"" + v1 + "\"}");
    rejected(AinftCodes.UNKNOWN_PARENT, A, "mint", c + ",\"prev\":\"0x" + "cd".repeat(32)
        + "\"}");
    rejected(AinftCodes.INVALID_VERSION, A, "mint", "{\"collection\":\"llm\"," + data(DIGEST_3)
        + ",\"prev\":\"" + v1 + "\"}");
    ok(A, "set_admin", "{\"collection\":\"llm\",\"admins\":{\"" + B + "\":true}}");
    String c2 = "{\"collection\":\"llm\"," + model(2, DIGEST_3);
    rejected(AinftCodes.NOT_OWNER, B, "mint", c2 + ",\"prev\":\"" + v1 + "\"}");
    String v2 = mintedId(A, c2 + ",\"prev\":\"" + v1 + "\",\"parents\":{\"" + ds + "\":1000}}");
    assertEquals(Json.of(v2), value("/ainft/tokens/" + v1 + "/next"));
    assertEquals(JsonCodec.parse("{\"" + ds + "\":1000,\"" + v1 + "\":0}"),
        value("/ainft/tokens/" + v2 + "/record/parents"), "prev is always a parent");
    assertEquals(Json.of(v1), value("/ainft/tokens/" + v2 + "/record/prev"));
    rejected(AinftCodes.VERSION_EXISTS, A, "mint", "{\"collection\":\"llm\"," + model(3, DIGEST_1)
        + ",\"prev\":\"" + v1 + "\"}");
    // The state path may change; the identity may not.
    ok(A, "set_state", "{\"id\":\"" + v1 + "\",\"state\":\"/apps/chat/v2\"}");
    assertEquals(Json.of("/apps/chat/v2"), value("/ainft/tokens/" + v1 + "/state"));
    assertEquals(v1, AinftRecords.tokenId(value("/ainft/tokens/" + v1 + "/record")));
    rejected(AinftCodes.NOT_OWNER, B, "set_state", "{\"id\":\"" + v1
        + "\",\"state\":\"/apps/x\"}");
    rejected(AinftCodes.INVALID_RECORD, A, "set_state", "{\"id\":\"" + v1 + "\",\"state\":7}");
  }

  @Test
  void lineageCannotCycleBecauseParentsMustExistAndSelfReferenceIsRefused() {
    collection(A, "llm");
    String ds = mintDataset(A);
    // A token's id covers its parents, so naming a future token as parent is impossible; the
    // only candidate for a cycle is the id itself, which mint refuses explicitly.
    String body = "{\"collection\":\"llm\"," + model(1, DIGEST_2) + ",\"parents\":{\"" + ds
        + "\":10}}";
    String m = mintedId(A, body);
    rejected(AinftCodes.UNKNOWN_PARENT, A, "mint", "{\"collection\":\"llm\"," + data(DIGEST_3)
        + ",\"parents\":{\"" + "0x" + "ef".repeat(32) + "\":10}}");
    Json before = value("/ainft/tokens/" + ds);
    // Lineage is immutable: nothing but _ainft writes below /ainft.
    Json direct = tx(A, "{\"type\":\"SET_VALUE\",\"ref\":\"/ainft/tokens/" + ds
        + "/record/parents\",\"value\":{\"" + m + "\":10}}");
    assertEquals(AinftCodes.RESERVED_PATH, code(direct), direct::toString);
    assertEquals(before, value("/ainft/tokens/" + ds));
  }

  @Test
  void lineageQueryAtDepthHundred() {
    collection(A, "llm");
    String prev = mintDataset(A);
    String first = prev;
    for (int i = 0; i < 100; i++) {
      String digest = "sha256:" + String.format("%064x", i + 7);
      prev = mintedId(A, "{\"collection\":\"llm\",\"data\":{\"digest\":\"" + digest
          + "\"},\"parents\":{\"" + prev + "\":100}}");
    }
    assertEquals(Json.of(100), value("/ainft/tokens/" + prev + "/depth"));
    AinftQueries q = AinftQueries.of(state.snapshot());
    Json all = q.lineage(prev, AinftQueries.Direction.ANCESTORS, 100, 10_000);
    JArray anc = (JArray) at(all, "ancestors");
    assertEquals(100, anc.items().size());
    assertEquals(Json.of(first), at(anc.items().get(99), "id"));
    assertEquals(Json.FALSE, at(all, "truncated"));
    Json down = q.lineage(first, AinftQueries.Direction.DESCENDANTS, 1000, 50);
    assertEquals(50, ((JArray) at(down, "descendants")).items().size());
    assertEquals(Json.TRUE, at(down, "truncated"));
    // A payment deep in the chain settles through every level with a 1 % share.
    ok(C, "pay", "{\"id\":\"" + prev + "\",\"amount\":1000}");
    assertEquals(0, balance(C));
    assertEquals(2000, balance(A), "A owns every level");
    assertEquals(Json.of(990), value("/ainft/tokens/" + prev + "/earned"));
  }

  // ---- ownership --------------------------------------------------------------------------------

  @Test
  void transferApproveAndBurnCheckOwnership() {
    collection(A, "llm");
    String id = mintDataset(A);
    rejected(AinftCodes.NOT_OWNER_OR_APPROVED, B, "transfer", "{\"id\":\"" + id + "\",\"to\":\""
        + B + "\"}");
    rejected(AinftCodes.INVALID_ADDRESS, A, "transfer", "{\"id\":\"" + id + "\",\"to\":\"x\"}");
    rejected(AinftCodes.TOKEN_NOT_FOUND, A, "transfer", "{\"id\":\"0x" + "00".repeat(32)
        + "\",\"to\":\"" + B + "\"}");
    rejected(AinftCodes.INVALID_REQUEST, A, "transfer", "{\"id\":\"nope\",\"to\":\"" + B + "\"}");
    ok(A, "transfer", "{\"id\":\"" + id + "\",\"to\":\"" + B + "\"}");
    assertEquals(Json.of(B), value("/ainft/tokens/" + id + "/owner"));
    assertEquals(Json.NULL, value("/ainft/owners/" + A));
    assertEquals(Json.TRUE, value("/ainft/owners/" + B + "/" + id));

    rejected(AinftCodes.NOT_OWNER, A, "approve", "{\"id\":\"" + id + "\",\"operator\":\"" + C
        + "\"}");
    ok(B, "approve", "{\"id\":\"" + id + "\",\"operator\":\"" + C + "\"}");
    ok(C, "transfer", "{\"id\":\"" + id + "\",\"to\":\"" + D + "\"}");
    assertEquals(Json.of(D), value("/ainft/tokens/" + id + "/owner"));
    assertEquals(Json.NULL, value("/ainft/tokens/" + id + "/approved"), "a transfer clears it");
    rejected(AinftCodes.NOT_OWNER_OR_APPROVED, C, "transfer", "{\"id\":\"" + id + "\",\"to\":\""
        + C + "\"}");
    ok(D, "approve", "{\"id\":\"" + id + "\",\"operator\":\"" + C + "\"}");
    ok(D, "approve", "{\"id\":\"" + id + "\",\"operator\":false}");
    rejected(AinftCodes.NOT_OWNER_OR_APPROVED, C, "transfer", "{\"id\":\"" + id + "\",\"to\":\""
        + C + "\"}");

    String child = mintedId(A, "{\"collection\":\"llm\"," + model(1, DIGEST_2) + ",\"parents\":{\""
        + id + "\":500}}");
    rejected(AinftCodes.NOT_OWNER, A, "burn", "{\"id\":\"" + id + "\"}");
    ok(D, "burn", "{\"id\":\"" + id + "\"}");
    assertEquals(Json.TRUE, value("/ainft/tokens/" + id + "/burned"));
    assertEquals(Json.NULL, value("/ainft/tokens/" + id + "/owner"));
    assertEquals(Json.NULL, value("/ainft/owners/" + D));
    assertNotNull(value("/ainft/tokens/" + id + "/record"), "the record and lineage stay");
    assertEquals(Json.of(500), value("/ainft/children/" + id + "/" + child));
    rejected(AinftCodes.TOKEN_BURNED, D, "transfer", "{\"id\":\"" + id + "\",\"to\":\"" + C
        + "\"}");
    rejected(AinftCodes.TOKEN_BURNED, C, "pay", "{\"id\":\"" + id + "\",\"amount\":5}");
    rejected(AinftCodes.UNKNOWN_PARENT, A, "mint", "{\"collection\":\"llm\"," + model(1, DIGEST_3)
        + ",\"parents\":{\"" + id + "\":500}}");
    // A burned ancestor earns nothing; its share stays with the child's owner.
    ok(C, "pay", "{\"id\":\"" + child + "\",\"amount\":100}");
    assertEquals(900, balance(C));
    assertEquals(1100, balance(A));
  }

  // ---- payments -------------------------------------------------------------------------------

  @Test
  void paymentIsSplitAlongTheLineageAndRecorded() {
    collection(A, "llm");
    String ds = mintDataset(A);
    String m = mintedId(A, "{\"collection\":\"llm\",\"to\":\"" + B + "\"," + model(1, DIGEST_2)
        + ",\"parents\":{\"" + ds + "\":1000}}");
    String svc = mintedId(A, "{\"collection\":\"llm\",\"to\":\"" + C + "\",\"service\":{\"api\":"
        + "\"https://chat.example/api\"},\"parents\":{\"" + m + "\":3000}}");
    Json fr = ok(D, "pay", "{\"id\":\"" + svc + "\",\"amount\":100}");
    assertEquals(900, balance(D));
    assertEquals(1070, balance(C), "the service keeps 70");
    assertEquals(1027, balance(B), "the model keeps 27 of its 30");
    assertEquals(1003, balance(A), "the dataset gets 10 % of the model's income");
    assertNotNull(at(fr, "op_results"), "payouts go through /transfer");
    String pid = D + "_k" + counter;
    Json payment = value("/ainft/payments/" + svc + "/" + pid);
    assertEquals(Json.of(100), at(payment, "amount"));
    assertEquals(Json.of(D), at(payment, "payer"));
    assertEquals(Json.of(27), at(payment, "payouts", m, "amount"));
    assertEquals(Json.of(3), at(value("/ainft/payouts/" + ds + "/" + pid), "amount"));
    assertEquals(Json.of(svc), at(value("/ainft/payouts/" + ds + "/" + pid), "paid_token"));
    assertEquals(Json.of(3), value("/ainft/tokens/" + ds + "/earned"));
    Json q = AinftQueries.of(state.snapshot()).payouts(ds);
    assertEquals(1, ((JArray) at(q, "payouts")).items().size());
    assertEquals(Json.of(pid), at(((JArray) at(q, "payouts")).items().get(0), "payment_id"));
    assertEquals(1, ((JArray) at(AinftQueries.of(state.snapshot()).payouts(svc), "payments"))
        .items().size());

    rejected(AinftCodes.INVALID_AMOUNT, D, "pay", "{\"id\":\"" + svc + "\",\"amount\":0}");
    rejected(AinftCodes.INVALID_AMOUNT, D, "pay", "{\"id\":\"" + svc + "\",\"amount\":1.5}");
    rejected(AinftCodes.INVALID_AMOUNT, D, "pay", "{\"id\":\"" + svc + "\",\"amount\":\"10\"}");
    rejected(AinftCodes.INSUFFICIENT_BALANCE, D, "pay", "{\"id\":\"" + svc
        + "\",\"amount\":901}");
    // Paying for one's own token keeps one's own share.
    ok(A, "pay", "{\"id\":\"" + ds + "\",\"amount\":50}");
    assertEquals(1003, balance(A));
  }

  @Test
  void settlementHandlesDiamondsAndLargeAmountsExactly() {
    // d <- b (2000), d <- c (1000), b <- a (5000), c <- a (5000)
    java.util.Map<String, Json> t = new java.util.HashMap<>();
    t.put("a/record/parents", JsonCodec.parse("{\"b\":5000,\"c\":5000}"));
    t.put("b/record/parents", JsonCodec.parse("{\"d\":2000}"));
    t.put("c/record/parents", JsonCodec.parse("{\"d\":1000}"));
    t.put("a/depth", Json.of(2));
    t.put("b/depth", Json.of(1));
    t.put("c/depth", Json.of(1));
    t.put("d/depth", Json.of(0));
    var kept = AinftService.settle(k -> t.getOrDefault(k, Json.NULL), "a", 1000);
    assertEquals(List.of("a", "b", "c", "d"), List.copyOf(kept.keySet()));
    assertEquals(0, kept.get("a"));
    assertEquals(400, kept.get("b"));
    assertEquals(450, kept.get("c"));
    assertEquals(150, kept.get("d"));
    assertEquals(9007199254740991L / 10_000 * 3 + (9007199254740991L % 10_000) * 3 / 10_000,
        AinftService.share(9007199254740991L, 3));
    assertEquals(2702159776422297L, AinftService.share(9007199254740991L, 3000));
  }

  @Test
  void settlementStopsSplittingAfterTheCap() {
    java.util.Map<String, Json> t = new java.util.HashMap<>();
    for (int i = 0; i < 300; i++) {
      t.put("t" + i + "/depth", Json.of(300 - i));
      t.put("t" + i + "/record/parents", JsonCodec.parse("{\"t" + (i + 1) + "\":10000}"));
    }
    var kept = AinftService.settle(k -> t.getOrDefault(k, Json.NULL), "t0", 77);
    assertEquals(AinftService.MAX_SETTLED + 1, kept.size());
    assertEquals(77, kept.get("t" + AinftService.MAX_SETTLED), "the last settled token keeps all");
    assertEquals(77, kept.values().stream().mapToLong(Long::longValue).sum(), "nothing is lost");
  }

  @Test
  void tooManyParentsTooDeepAndFailedPayoutsAreRejected() {
    collection(A, "llm");
    StringBuilder parents = new StringBuilder();
    for (int i = 0; i < 17; i++) {
      String id = mintedId(A, "{\"collection\":\"llm\",\"data\":{\"digest\":\"sha256:"
          + String.format("%064x", 100 + i) + "\"}}");
      parents.append(i == 0 ? "" : ",").append("\"").append(id).append("\":1");
    }
    rejected(AinftCodes.INVALID_ROYALTY, A, "mint", "{\"collection\":\"llm\"," + data(DIGEST_1)
        + ",\"parents\":{" + parents + "}}");

    // A payout whose /transfer key is taken fails the whole payment.
    String ds = mintDataset(A);
    String nextKey = "k" + (counter + 2);
    Json blocker = tx(B, "{\"type\":\"SET_VALUE\",\"ref\":\"/transfer/" + B + "/" + A + "/ainft_"
        + nextKey + "/value\",\"value\":1}");
    assertEquals(0, code(blocker), blocker::toString);
    Json r = rejected(AinftCodes.TRANSFER_FAILED, B, "pay", "{\"id\":\"" + ds
        + "\",\"amount\":10}");
    assertNotNull(at(r, "func_results", "_ainft", "op_results"), "the failed transfer is shown");

    // Lineage depth is bounded.
    try (StateDb big = StateDb.inMemory()) {
      MutableState st = big.edit("DEEP");
      List<String> chain = AinftFixtures.seed(st, "deep", A, AinftService.MAX_DEPTH + 1, 0);
      Json res = AinftService.setValue(AinftFixtures.host(st, 1), List.of("ainft", "mint", A, "z",
          "value"), AinftRequests.mintData("deep", DIGEST_1, java.util.Map.of(chain.get(
              AinftService.MAX_DEPTH), 1)), JsonCodec.parse("{\"addr\":\"" + A + "\"}"));
      assertEquals(AinftCodes.LINEAGE_TOO_DEEP, fnCode(res), res::toString);
    }
  }

  // ---- the reserved root ------------------------------------------------------------------------

  @Test
  void theReservedRootHasABuiltInPolicy() {
    collection(A, "llm");
    Json direct = tx(A, "{\"type\":\"SET_VALUE\",\"ref\":\"/ainft/collections/llm/admin/" + B
        + "\",\"value\":true}");
    assertEquals(AinftCodes.RESERVED_PATH, code(direct), direct::toString);
    assertEquals(Json.NULL, value("/ainft/collections/llm/admin/" + B));
    Json unknownAction = tx(A, "{\"type\":\"SET_VALUE\",\"ref\":\"/ainft/steal/" + A
        + "/1/value\",\"value\":{\"id\":\"x\"}}");
    assertEquals(AinftCodes.RESERVED_PATH, code(unknownAction));
    Json rule = tx(OWNER, "{\"type\":\"SET_RULE\",\"ref\":\"/ainft\",\"value\":{\".rule\":"
        + "{\"write\":true}}}");
    assertEquals(AinftCodes.RESERVED_PATH, code(rule), rule::toString);
    Json fn = tx(OWNER, "{\"type\":\"SET_FUNCTION\",\"ref\":\"/ainft/mint\",\"value\":"
        + "{\".function\":{\"f\":{\"function_type\":\"NATIVE\",\"function_id\":\"_eraseValue\"}}}}");
    assertEquals(AinftCodes.RESERVED_PATH, code(fn), fn::toString);
    Json owner = tx(OWNER, "{\"type\":\"SET_OWNER\",\"ref\":\"/\",\"value\":{\"ainft\":{"
        + "\".owner\":{\"owners\":{\"*\":{\"branch_owner\":true,\"write_function\":true,"
        + "\"write_owner\":true,\"write_rule\":true}}}}}}");
    assertEquals(AinftCodes.RESERVED_PATH, code(owner), owner::toString);
    // Someone else's request path.
    Json other = tx(B, "{\"type\":\"SET_VALUE\",\"ref\":\"/ainft/mint/" + A + "/x/value\","
        + "\"value\":{\"collection\":\"llm\"," + data(DIGEST_1) + "}}");
    assertEquals(AinftCodes.REQUESTER_MISMATCH, fnCode(other), other::toString);
    // A used key.
    String ref = "/ainft/mint/" + A + "/same/value";
    Json first = tx(A, "{\"type\":\"SET_VALUE\",\"ref\":\"" + ref + "\",\"value\":{"
        + "\"collection\":\"llm\"," + data(DIGEST_1) + "}}");
    assertEquals(0, code(first), first::toString);
    assertEquals(0.0, ((JNumber) at(value("/ainft/mint/" + A + "/same/result"), "code")).value());
    Json again = tx(A, "{\"type\":\"SET_VALUE\",\"ref\":\"" + ref + "\",\"value\":{"
        + "\"collection\":\"llm\"," + data(DIGEST_2) + "}}");
    assertEquals(AinftCodes.REQUEST_EXISTS, fnCode(again), again::toString);
    // Deleting a request is not possible either.
    Json delete = tx(A, "{\"type\":\"SET_VALUE\",\"ref\":\"" + ref + "\",\"value\":null}");
    assertEquals(AinftCodes.RESERVED_PATH, code(delete));
    // A SET with a rejected AINFT op fails as a whole.
    Json set = tx(A, "{\"type\":\"SET\",\"op_list\":[{\"type\":\"SET_VALUE\",\"ref\":"
        + "\"/ainft/create_collection/" + A + "/s1/value\",\"value\":{\"collection\":\"two\","
        + "\"name\":\"t\"}},{\"type\":\"SET_VALUE\",\"ref\":\"/ainft/mint/" + A + "/s2/value\","
        + "\"value\":{\"collection\":\"two\"}}]}");
    assertEquals(Json.NULL, value("/ainft/collections/two"), set::toString);
  }

  @Test
  void mintingChargesServiceGas() {
    collection(A, "llm");
    Json r = request(A, "mint", "{\"collection\":\"llm\"," + data(DIGEST_1) + "}");
    assertEquals(0, code(r));
    assertTrue(at(r, "gas_amount_total", "bandwidth", "service") instanceof JNumber n
        && n.value() > 1, r::toString);
    assertTrue(at(r, "gas_amount_total", "state", "service") instanceof JNumber n
        && n.value() > 0, r::toString);
  }
}
