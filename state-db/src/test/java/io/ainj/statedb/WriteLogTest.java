package io.ainj.statedb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A write log replayed elsewhere puts exactly what the logged work wrote: same values, same
 * proof hashes as doing the work on that state, deletions included; a restore to anywhere but
 * the log's start breaks it.
 */
class WriteLogTest {
  private static MutableState base() {
    MutableState s = MutableStateTest.fresh();
    s.writeRaw(StateRoot.VALUES, "/apps/a", JsonCodec.parse("{\"x\":1,\"y\":{\"z\":\"two\"},\"gone\":3}"));
    s.writeRaw(StateRoot.RULES, "/apps/a", JsonCodec.parse("{\".rule\":{\"write\":true}}"));
    return s;
  }

  /** The work: validated and raw writes in several trees, an overwrite and a deletion. */
  private static void work(MutableState s) {
    s.set(StateRoot.VALUES, "/apps/a/x", Json.of(2));
    s.writeRaw(StateRoot.VALUES, "/receipts/0xabc", JsonCodec.parse("{\"block_number\":7,\"ok\":true}"));
    s.set(StateRoot.VALUES, "/apps/a/gone", Json.NULL);
    s.set(StateRoot.RULES, "/apps/a/y", JsonCodec.parse("{\".rule\":{\"write\":false}}"));
    s.set(StateRoot.VALUES, "/apps/a/x", Json.of(3));
  }

  /** The state the work started from, the state after it, and its log. */
  private record Logged(StateVersion start, MutableState done, WriteLog log) {}

  private static Logged logged() {
    MutableState done = base();
    StateVersion start = done.snapshot();
    done.beginLog();
    work(done);
    return new Logged(start, done, done.endLog());
  }

  @Test
  void replayOnTheSameStateIsTheWork() {
    Logged w = logged();
    assertEquals(5, w.log().size());
    MutableState replayed = w.start().edit("NODE:1", StateDbConfig.defaults());
    replayed.replay(w.log());
    assertEquals(w.done().rootProofHash(), replayed.rootProofHash());
    assertEquals(Json.of(3), replayed.get(StateRoot.VALUES, "/apps/a/x"));
    assertEquals(Json.NULL, replayed.get(StateRoot.VALUES, "/apps/a/gone"));
  }

  @Test
  void replayOnAStateThatDiffersElsewhereKeepsTheDifference() {
    Logged w = logged();
    MutableState other = w.start().edit("NODE:1", StateDbConfig.defaults());
    other.writeRaw(StateRoot.VALUES, "/receipts/0xdef", JsonCodec.parse("{\"block_number\":9}"));
    StateVersion otherStart = other.snapshot();
    other.replay(w.log());
    MutableState expected = otherStart.edit("NODE:1", StateDbConfig.defaults());
    work(expected);
    assertEquals(expected.rootProofHash(), other.rootProofHash());
    assertEquals(JsonCodec.parse("{\"block_number\":9}"), other.get(StateRoot.VALUES, "/receipts/0xdef"));
  }

  @Test
  void aRewrittenValueIsWrittenInsteadAndTheRestIsShared() {
    Logged w = logged();
    StateVersion start = w.start();
    WriteLog log = w.log();
    List<String> receipt = List.of("values", "receipts", "0xabc");
    assertSame(log, log.rewriting(List.of("values", "receipts", "0xother"), v -> Json.NULL),
        "nothing written there, nothing to rewrite");

    WriteLog moved = log.rewriting(receipt, v -> JsonCodec.parse("{\"block_number\":8,\"ok\":true}"));
    MutableState replayed = start.edit("NODE:1", StateDbConfig.defaults());
    replayed.replay(moved);
    assertEquals(JsonCodec.parse("{\"block_number\":8,\"ok\":true}"),
        replayed.get(StateRoot.VALUES, "/receipts/0xabc"));
    assertNotEquals(w.done().rootProofHash(), replayed.rootProofHash());
    // The same as doing the work with the other value from the start.
    MutableState direct = start.edit("NODE:1", StateDbConfig.defaults());
    direct.set(StateRoot.VALUES, "/apps/a/x", Json.of(2));
    direct.writeRaw(StateRoot.VALUES, "/receipts/0xabc", JsonCodec.parse("{\"block_number\":8,\"ok\":true}"));
    direct.set(StateRoot.VALUES, "/apps/a/gone", Json.NULL);
    direct.set(StateRoot.RULES, "/apps/a/y", JsonCodec.parse("{\".rule\":{\"write\":false}}"));
    direct.set(StateRoot.VALUES, "/apps/a/x", Json.of(3));
    assertEquals(direct.rootProofHash(), replayed.rootProofHash());
  }

  @Test
  void aRestoreToTheStartEmptiesTheLogAndAnyOtherBreaksIt() {
    MutableState s = base();
    StateVersion start = s.snapshot();
    s.beginLog();
    s.set(StateRoot.VALUES, "/apps/a/x", Json.of(5));
    s.restore(start);
    s.set(StateRoot.VALUES, "/apps/a/y", Json.of(6));
    WriteLog log = s.endLog();
    assertEquals(1, log.size(), "only what was written after the restore");

    s.beginLog();
    s.set(StateRoot.VALUES, "/apps/a/x", Json.of(7));
    StateVersion middle = s.snapshot();
    s.set(StateRoot.VALUES, "/apps/a/x", Json.of(8));
    s.restore(middle);
    assertNull(s.endLog(), "a restore into the middle of the log breaks it");

    // Not logging: writes are not recorded and a new log starts empty.
    s.set(StateRoot.VALUES, "/apps/a/x", Json.of(9));
    s.beginLog();
    assertEquals(0, s.endLog().size());
  }
}
