package io.ainj.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.ledger.block.Block;
import io.ainj.ledger.chain.Chain;
import io.ainj.ledger.exec.VmTxExecutor;
import io.ainj.ledger.pool.TxPool;
import io.ainj.ledger.pool.TxPoolConfig;
import io.ainj.ledger.pool.TxTracker;
import io.ainj.ledger.tx.Transaction;
import io.ainj.statedb.StateDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The acceptance target of the transaction executor: AIN's genesis block rebuilt by executing
 * the genesis transactions through {@link Chain#initGenesis} and the vm must equal AIN's prebuilt
 * {@code genesis_block.json.gz} in every hash: receipts, the state proof of the whole genesis
 * state (every write of every native function), the gas totals and the block hash.
 */
class GenesisBlockExecutionTest {
  private static final AinCrypto CRYPTO = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.AUTO));

  @Test
  void embeddedBaseGenesisExecutesToAinsGenesisBlock() {
    assertRebuildsPrebuiltBlock(GenesisFiles.embedded());
  }

  @Test
  void oneNodeGenesisExecutesToAinsGenesisBlock() {
    Path shared = GenesisTransactionsTest.sharedConfigs();
    if (shared == null) {
      return; // ainj.shared.dir not set; the embedded base test still runs
    }
    assertRebuildsPrebuiltBlock(GenesisFiles.load(shared.resolve("1-node")));
  }

  static Block execute(GenesisFiles files) {
    GenesisParams params = GenesisParams.from(files, CRYPTO);
    List<Transaction> txs = GenesisTransactions.build(params, CRYPTO);
    VmTxExecutor executor = VmTxExecutor.forGenesis(params.blockchainParams(), params.timerFlags());
    try (StateDb db = StateDb.inMemory()) {
      Chain chain = new Chain(db, new TxPool(TxPoolConfig.ainDefaults()), new TxTracker(86_400_000L),
          executor, () -> params.genesisTimestamp(),
          new Chain.Config(1000, 86_400_000L, params.genesisTimestamp(), params.epochMs()));
      JsonNode validators = params.blockchainParams().path("consensus").path("genesis_validators");
      return chain.initGenesis(txs, params.ownerAddress(), validators);
    }
  }

  private static void assertRebuildsPrebuiltBlock(GenesisFiles files) {
    JsonNode prebuilt = files.prebuiltGenesisBlock();
    assertNotNull(prebuilt);
    Block block = execute(files);
    JsonNode ours = block.toJson();
    assertEquals(prebuilt.path("transactions_hash").asText(), ours.path("transactions_hash").asText());
    // Hashes are over canonical JSON, so key order and 0 vs 0.0 do not matter; the message
    // shows both receipt lists when they differ.
    assertEquals(prebuilt.path("receipts_hash").asText(), ours.path("receipts_hash").asText(),
        () -> "receipts differ: AIN " + prebuilt.path("receipts") + ", ours " + ours.path("receipts"));
    assertEquals(prebuilt.path("gas_amount_total").asDouble(), ours.path("gas_amount_total").asDouble());
    assertEquals(prebuilt.path("gas_cost_total").asDouble(), ours.path("gas_cost_total").asDouble());
    assertEquals(prebuilt.path("state_proof_hash").asText(), ours.path("state_proof_hash").asText(),
        "state proof hash of the genesis state");
    assertEquals(prebuilt.path("hash").asText(), block.hash());
  }
}
