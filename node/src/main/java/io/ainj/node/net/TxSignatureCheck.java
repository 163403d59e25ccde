package io.ainj.node.net;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.ledger.block.Block;
import io.ainj.ledger.chain.Chain;
import io.ainj.ledger.tx.TxVerifier;
import io.ainj.node.consensus.ConsensusDriver;

/**
 * A peer's block may carry transactions this node never admitted; their signatures are checked
 * here before re-execution (pooled transactions were verified on admission and are not checked
 * twice). Hash, signer address and signature must all agree with the block's record.
 */
public final class TxSignatureCheck implements ConsensusDriver.BlockCheck {
  private final Chain chain;
  private final TxVerifier verifier;

  public TxSignatureCheck(Chain chain, TxVerifier verifier) {
    this.chain = chain;
    this.verifier = verifier;
  }

  @Override
  public String check(Block block) {
    for (int i = 0; i < block.transactions().size(); i++) {
      JsonNode tx = block.transactions().get(i);
      String hash = tx.path("hash").asText();
      io.ainj.ledger.pool.PooledTx pooled = chain.pool().get(hash);
      if (pooled != null && pooled.tx().toJson().equals(tx)) {
        continue; // the very transaction verified on admission
      }
      TxVerifier.Outcome o = verifier.verify(tx.get("tx_body"), tx.get("signature"));
      if (!(o instanceof TxVerifier.Verified v)) {
        return "transaction " + i + " (" + hash + ") is invalid: " + ((TxVerifier.Rejected) o).rejection().message();
      }
      if (!v.tx().hash().equals(hash) || !v.tx().address().equals(tx.path("address").asText())) {
        return "transaction " + i + " (" + hash + ") does not match its hash or signer";
      }
    }
    return null;
  }
}
