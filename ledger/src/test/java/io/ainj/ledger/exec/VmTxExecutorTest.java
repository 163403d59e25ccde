package io.ainj.ledger.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.ledger.tx.Transaction;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import org.junit.jupiter.api.Test;

/** The adapter: Jackson in and out, the ledger's context mapped onto the vm's request. */
class VmTxExecutorTest {
  private static final String ADDR = "0x00ADEc28B6a845a085e03591bE7550dd68673C1C";

  private static Transaction tx(long nonce, String ref, int value) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("operation").put("type", "SET_VALUE").put("ref", ref).put("value", value);
    body.put("nonce", nonce).put("timestamp", 1000).put("gas_price", 0);
    return new Transaction(body, "0xsig", "0xhash" + nonce + ref.length(), ADDR);
  }

  @Test
  void runsTransactionsThroughTheVmAndMapsTheResult() {
    try (StateDb db = StateDb.inMemory()) {
      MutableState state = db.edit("T");
      // AIN's init state: every write allowed, no functions.
      state.writeRaw(StateRoot.RULES, "/", JsonCodec.parse("{\".rule\":{\"write\":true}}"));
      VmTxExecutor ex = VmTxExecutor.forGenesis(JsonNodeFactory.instance.objectNode(), null);

      ObjectNode ok = ex.execute(state, tx(0, "/apps/x/v", 7), new TxExecutor.Context(1, 5000, false));
      assertEquals(0, ok.path("code").asInt(), ok::toString);
      assertEquals(1, ok.path("gas_amount_total").path("bandwidth").path("app").path("x").asInt());
      // Free (gas price 0) but still charged in gas: registration of the new account (2000)
      // plus the service state its nonce adds; app gas is never charged.
      assertEquals(2000, ok.path("gas_amount_total").path("bandwidth").path("service").asInt());
      assertEquals(2000 + ok.path("gas_amount_total").path("state").path("service").asDouble(),
          ok.path("gas_amount_charged").asDouble());
      assertEquals(0, ok.path("gas_cost_total").asDouble());
      assertFalse(ExecResults.isFailed(ok));
      assertEquals(Json.of(7), state.get(StateRoot.VALUES, "/apps/x/v"));
      assertEquals(Json.of(1), state.get(StateRoot.VALUES, "/accounts/" + ADDR + "/nonce"));

      ObjectNode replay = ex.execute(state, tx(0, "/apps/x/w", 8), new TxExecutor.Context(1, 5000, false));
      assertEquals(10712, replay.path("code").asInt());
      assertTrue(ExecResults.isPrecheckFailure(replay));

      ObjectNode genesis = ex.execute(state, tx(1, "/apps/x/w", 8), new TxExecutor.Context(0, 5000, true));
      assertFalse(genesis.has("gas_amount_charged"), "fees skipped: no charge field, as in AIN's genesis");
      assertEquals(0, genesis.path("gas_cost_total").asInt());
    }
  }
}
