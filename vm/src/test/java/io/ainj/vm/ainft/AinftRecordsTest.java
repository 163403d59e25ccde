package io.ainj.vm.ainft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JArray;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.JsonCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ids, digests and digest lookup, plus the fixture the benchmarks use. */
class AinftRecordsTest {
  static final String A = "0x00ADEc28B6a845a085e03591bE7550dd68673C1C";

  @Test
  void theIdIsTheHashOfTheCanonicalRecordWhateverTheKeyOrder() {
    Json r1 = JsonCodec.parse("{\"ainft\":\"v1\",\"collection\":\"c\",\"creator\":\"" + A
        + "\",\"data\":{\"digest\":\"sha256:" + "a".repeat(64) + "\",\"name\":\"x\"}}");
    Json r2 = JsonCodec.parse("{\"data\":{\"name\":\"x\",\"digest\":\"sha256:" + "a".repeat(64)
        + "\"},\"creator\":\"" + A + "\",\"collection\":\"c\",\"ainft\":\"v1\"}");
    String id = AinftRecords.tokenId(r1);
    assertEquals(id, AinftRecords.tokenId(r2));
    assertTrue(AinftRecords.isTokenId(id));
    Json other = JsonCodec.parse("{\"ainft\":\"v1\",\"collection\":\"c\",\"creator\":\"" + A
        + "\",\"data\":{\"digest\":\"sha256:" + "b".repeat(64) + "\",\"name\":\"x\"}}");
    assertFalse(id.equals(AinftRecords.tokenId(other)), "other content, other id");
  }

  @Test
  void digestsAndTargets() {
    assertTrue(AinftRecords.isDigest("sha256:" + "0".repeat(64)));
    assertFalse(AinftRecords.isDigest("sha256:" + "0".repeat(63)));
    assertFalse(AinftRecords.isDigest("SHA256:" + "0".repeat(64)));
    Json rec = JsonCodec.parse("{\"model\":{\"digest\":\"sha256:" + "1".repeat(64) + "\","
        + "\"recipe\":{\"image_digest\":\"sha256:" + "2".repeat(64) + "\",\"lr\":1}}}");
    assertEquals("sha256:" + "1".repeat(64), AinftRecords.digestAt(rec, "model"));
    assertEquals("sha256:" + "2".repeat(64), AinftRecords.digestAt(rec, "model.recipe.image_digest"));
    assertNull(AinftRecords.digestAt(rec, "data"));
    assertNull(AinftRecords.digestAt(rec, "model.recipe.lr"));
    assertTrue(AinftRecords.isStatePath(Json.of("/apps/chat/AIN")));
    assertFalse(AinftRecords.isStatePath(Json.of("/apps/$x")));
    assertFalse(AinftRecords.isStatePath(Json.of("/")));
  }

  @Test
  void fixtureSeedsTheMintLayout() {
    try (StateDb db = StateDb.inMemory()) {
      MutableState st = db.edit("F");
      List<String> chain = AinftFixtures.seed(st, "bench", A, 120, 50);
      AinftQueries q = AinftQueries.of(st.snapshot());
      Json lineage = q.lineage(chain.get(119), AinftQueries.Direction.ANCESTORS, 100, 10_000);
      assertEquals(100, ((JArray) ((JObject) lineage).get("ancestors")).items().size());
      assertEquals(Json.TRUE, ((JObject) lineage).get("truncated"));
      assertEquals(170, q.tokensByOwner(A).size());
      assertEquals(Json.of(119), ((JObject) q.token(chain.get(119))).get("depth"));
    }
  }
}
