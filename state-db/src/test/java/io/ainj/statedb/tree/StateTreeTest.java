package io.ainj.statedb.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.crypto.AinHash;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.TreeInfo;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateTreeTest {
  static MutableState fresh() {
    return StateVersion.empty("NODE:0").edit("NODE:1", StateDbConfig.defaults());
  }

  static Json j(String s) {
    return JsonCodec.parse(s);
  }

  static String get(MutableState s, String path) {
    return JsonCodec.stringify(s.get(StateRoot.VALUES, path));
  }

  @Test
  void writeReplacesWithoutMerging() {
    MutableState s = fresh();
    s.writeRaw(StateRoot.VALUES, "/a", j("{\"x\":1,\"y\":{\"z\":2}}"));
    s.writeRaw(StateRoot.VALUES, "/a", j("{\"y\":{\"w\":3}}"));
    assertEquals("{\"y\":{\"w\":3}}", get(s, "/a"));
  }

  @Test
  void nullDeletesAndPrunesEmptyAncestorsButKeepsNullLeaves() {
    MutableState s = fresh();
    s.writeRaw(StateRoot.VALUES, "/e/node_0", j("{\"terminal_1a\":null,\"terminal_1c\":\"\","
        + "\"node_1a\":{\"node_2\":{\"node_3\":\"a value\"}},\"node_1b\":{\"terminal_2\":null}}"));
    s.writeRaw(StateRoot.VALUES, "/e/node_0/node_1a/node_2/node_3", Json.NULL);
    assertEquals("{\"terminal_1a\":null,\"terminal_1c\":\"\",\"node_1b\":{\"terminal_2\":null}}",
        get(s, "/e/node_0"));
  }

  @Test
  void nullBelowALeafDeletesTheLeaf() {
    MutableState s = fresh();
    s.writeRaw(StateRoot.VALUES, "/a", j("{\"b\":5,\"k\":1}"));
    s.writeRaw(StateRoot.VALUES, "/a/b/c", Json.NULL);
    assertEquals("{\"k\":1}", get(s, "/a"));
  }

  @Test
  void deletingTheLastValueRemovesTheValuesRoot() {
    MutableState s = fresh();
    s.writeRaw(StateRoot.RULES, "/", j("{\".rule\":{\"write\":true}}"));
    String before = s.rootProofHash();
    s.writeRaw(StateRoot.VALUES, "/a/b", Json.of(1));
    s.writeRaw(StateRoot.VALUES, "/a/b", Json.NULL);
    assertNull(s.node(List.of("values")));
    assertEquals(before, s.rootProofHash());
  }

  @Test
  void writingBelowALeafTurnsItIntoAnInternalNode() {
    MutableState s = fresh();
    s.writeRaw(StateRoot.VALUES, "/a/b", Json.of(5));
    s.writeRaw(StateRoot.VALUES, "/a/b/c", Json.of("x"));
    assertEquals("{\"b\":{\"c\":\"x\"}}", get(s, "/a"));
  }

  @Test
  void hexLabelsCollideOnTheirRadixKey() {
    MutableState s = fresh();
    s.writeRaw(StateRoot.VALUES, "/h/0xAB", Json.of(1));
    s.writeRaw(StateRoot.VALUES, "/h/k", Json.of(0));
    s.writeRaw(StateRoot.VALUES, "/h/0xab", Json.of(2));
    assertEquals("{\"0xab\":2,\"k\":0}", get(s, "/h"));
    assertEquals("2", get(s, "/h/0xAB"));
  }

  @Test
  void aNodeWithAChildIndexStillFindsChildrenByTheirRadixKey() {
    MutableState s = fresh();
    for (int i = 0; i < 40; i++) {
      s.writeRaw(StateRoot.VALUES, "/accounts/0xAbCd" + i + "Ef/balance", Json.of(i));
    }
    s.writeRaw(StateRoot.VALUES, "/accounts/a", Json.of("a"));
    StateNode accounts = s.node(List.of("values", "accounts"));
    // Read often enough that the node builds its label index.
    for (int n = 0; n < 4 * StateNode.INDEX_AFTER_LOOKUPS; n++) {
      assertEquals(Json.of(n % 40),
          StateTree.getChild(StateTree.getChild(accounts, "0xAbCd" + (n % 40) + "Ef"), "balance").value());
    }
    // Other spellings of the same radix key find the same child, as in the trie (AIN's lookup):
    // another case of the hex digits, and a hex label whose digits are another label's bytes.
    assertEquals("7", get(s, "/accounts/0xabcd7ef/balance"));
    assertEquals("7", get(s, "/accounts/0xABCD7EF/balance"));
    assertEquals("\"a\"", get(s, "/accounts/0x61"));
    assertNull(StateTree.getChild(accounts, "0xabcd41ef"));
  }

  @Test
  void outputFollowsInsertionOrderWithIntegerKeysFirstLikeJs() {
    MutableState s = fresh();
    s.writeRaw(StateRoot.VALUES, "/o", j("{\"b\":1,\"10\":2,\"a\":3,\"2\":4}"));
    assertEquals("{\"2\":4,\"10\":2,\"b\":1,\"a\":3}", get(s, "/o"));
  }

  @Test
  void treeInfoCountsBytesLikeAin() {
    MutableState s = fresh();
    s.writeRaw(StateRoot.VALUES, "/ai", j("{\"comcom\":123,\"foo\":\"bar\",\"baz\":\"qux\"}"));
    TreeInfo info = s.snapshot().treeInfo(List.of("values", "ai"));
    // 160 + (6+166) + (12+168) + (6+166), spec §7.3.
    assertEquals(684, info.bytes());
    assertEquals(1, info.height());
    assertEquals(4, info.size());
    assertEquals(3, info.maxSiblings());
    assertEquals(3, info.numChildren());
  }

  @Test
  void leafHashMatchesTheCryptoModule() {
    for (String v : List.of("qux", "0xabcd", "0xABC", "", "\ud55c\uae00", "a#b")) {
      assertEquals(AinHash.hashString(v), ProofHash.toHex(ProofHash.hashString(v)), v);
    }
  }

  /**
   * The trie is canonical: whatever sequence of inserts and deletes led to a set of children,
   * the proof hash equals that of building the same children afresh.
   */
  @Test
  void randomWritesAndDeletesKeepTheTrieCanonical() {
    Random rnd = new Random(42);
    List<String> pool = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + rnd.nextInt(4);
      for (int k = 0; k < len; k++) {
        sb.append((char) ('a' + rnd.nextInt(3)));
      }
      pool.add(sb.toString());
    }
    pool.add("0x");
    MutableState s = fresh();
    java.util.Map<String, Integer> model = new java.util.TreeMap<>();
    for (int step = 0; step < 2000; step++) {
      String label = pool.get(rnd.nextInt(pool.size()));
      if (rnd.nextInt(3) == 0) {
        s.writeRaw(StateRoot.VALUES, "/t/" + label, Json.NULL);
        if (!label.equals("0x")) {
          model.remove(label);
        } else if (model.containsKey(label)) {
          // AIN never deletes the radix root's child ("0x"): it stays as a null leaf.
          model.put(label, null);
        }
      } else {
        int v = rnd.nextInt(5);
        s.writeRaw(StateRoot.VALUES, "/t/" + label, Json.of(v));
        model.put(label, v);
      }
      if (step % 50 == 0) {
        MutableState rebuilt = fresh();
        if (!model.isEmpty()) {
          Json.JObject.Builder b = Json.JObject.builder();
          model.forEach((k, val) -> b.put(k, val == null ? Json.NULL : Json.of(val)));
          rebuilt.writeRaw(StateRoot.VALUES, "/t", b.build());
        }
        String got = s.snapshot().proofHash("/values/t");
        String want = rebuilt.snapshot().proofHash("/values/t");
        assertEquals(want, got, "step " + step + " " + model);
      }
    }
  }

  @Test
  void snapshotsAreUnaffectedByLaterWrites() {
    MutableState s = fresh();
    s.writeRaw(StateRoot.VALUES, "/a", j("{\"x\":1}"));
    StateVersion v1 = s.snapshot();
    String h1 = v1.rootProofHash();
    s.writeRaw(StateRoot.VALUES, "/a/x", Json.of(2));
    assertEquals("1", JsonCodec.stringify(v1.getValue("/a/x")));
    assertEquals(h1, v1.rootProofHash());
    s.restore(v1);
    assertEquals(h1, s.rootProofHash());
    assertTrue(v1.node(List.of("values", "a")).treeBytes() > 0);
  }
}
