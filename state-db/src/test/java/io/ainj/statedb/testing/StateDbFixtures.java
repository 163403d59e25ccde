package io.ainj.statedb.testing;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.store.InMemoryKeyValueStore;

/**
 * Test fixtures other modules reuse through the state-db test-jar: an in-memory store and the
 * state AIN's {@code DB.initDb()} builds (root owner giving everyone every permission, root rule
 * allowing every write), as the state vectors' {@code "base": "init"} describes.
 */
public final class StateDbFixtures {
  private StateDbFixtures() {}

  /** A state db over a fresh in-memory store with default limits. */
  public static StateDb inMemoryDb() {
    return StateDb.open(new InMemoryKeyValueStore(), StateDbConfig.defaults());
  }

  /** A state db over the given in-memory store (reopen it with {@code store.reopen()}). */
  public static StateDb inMemoryDb(InMemoryKeyValueStore store, StateDbConfig config) {
    return StateDb.open(store, config);
  }

  /** Writes the "init" base state into {@code state}. */
  public static void writeInitBase(MutableState state) {
    state.writeRaw(StateRoot.OWNERS, "/", JsonCodec.parse(
        "{\".owner\":{\"owners\":{\"*\":{\"branch_owner\":true,\"write_function\":true,"
            + "\"write_owner\":true,\"write_rule\":true}}}}"));
    state.writeRaw(StateRoot.RULES, "/", JsonCodec.parse("{\".rule\":{\"write\":true}}"));
  }

  /** A fresh in-memory db whose working copy holds the init base. */
  public static MutableState initState(StateDb db, String versionName) {
    MutableState s = db.edit(versionName);
    writeInitBase(s);
    return s;
  }
}
