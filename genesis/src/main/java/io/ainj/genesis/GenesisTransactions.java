package io.ainj.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.ledger.tx.Transaction;
import io.ainj.ledger.tx.TxVerifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The transactions of the genesis block, built as AIN builds them (protocol spec §4.6) so that
 * the same config directory yields byte-identical, identically signed transactions:
 * <ol>
 *   <li>the owner's database setup: initial values, functions, rules and owners at {@code /};
 *   <li>transfers from the owner to the first {@code num_genesis_accounts} accounts;
 *   <li>creation of the {@code consensus} app;
 *   <li>one staking transaction per genesis validator, signed by the validator.
 * </ol>
 */
public final class GenesisTransactions {
  /** The consensus app's staking lockup in AIN's genesis: seven days. */
  static final long CONSENSUS_STAKING_LOCKUP_MS = 7L * 24 * 60 * 60 * 1000;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private GenesisTransactions() {}

  public static List<Transaction> build(GenesisParams p, AinCrypto crypto) {
    List<Transaction> txs = new ArrayList<>();
    txs.add(sign(p, crypto, p.ownerPrivateKey(), setOf(
        op("SET_VALUE", "/", initialValues(p)),
        op("SET_FUNCTION", "/", p.functions()),
        op("SET_RULE", "/", p.rules()),
        op("SET_OWNER", "/", initialOwners(p)))));

    List<ObjectNode> transfers = new ArrayList<>();
    for (int i = 0; i < p.numGenesisAccounts(); i++) {
      GenesisParams.Account a = p.accounts().get(i);
      transfers.add(op("SET_VALUE",
          "/transfer/" + p.ownerAddress() + "/" + a.address() + "/" + i + "/value",
          JSON.numberNode(a.balance())));
    }
    if (!transfers.isEmpty()) {
      txs.add(sign(p, crypto, p.ownerPrivateKey(), setOf(transfers.toArray(ObjectNode[]::new))));
    }

    ObjectNode app = JSON.objectNode();
    app.putObject("admin").put(p.ownerAddress(), true);
    app.putObject("service").putObject("staking").put("lockup_duration", CONSENSUS_STAKING_LOCKUP_MS);
    txs.add(sign(p, crypto, p.ownerPrivateKey(),
        op("SET_VALUE", "/manage_app/consensus/create/" + p.genesisTimestamp(), app)));

    for (GenesisParams.Validator v : p.validators().values()) {
      txs.add(sign(p, crypto, p.account(v.address()).privateKey(),
          op("SET_VALUE", "/staking/consensus/" + v.address() + "/0/stake/" + p.genesisTimestamp() + "/value",
              JSON.numberNode(v.stake()))));
    }
    return txs;
  }

  static ObjectNode initialValues(GenesisParams p) {
    ObjectNode values = JSON.objectNode();
    values.putObject("accounts").putObject(p.ownerAddress()).put("balance", p.totalSupply());
    JsonNode consensus = p.blockchainParams().path("consensus");
    ObjectNode c = values.putObject("consensus");
    c.set("proposer_whitelist", consensus.path("genesis_proposer_whitelist").deepCopy());
    c.set("validator_whitelist", consensus.path("genesis_validator_whitelist").deepCopy());
    ObjectNode rest = values.putObject("developers").putObject("rest_functions");
    rest.putObject("user_whitelist").put(p.ownerAddress(), true);
    JsonNode urls = p.resource().path("default_developers_url_whitelist");
    rest.putObject("url_whitelist").set(p.ownerAddress(),
        urls.isMissingNode() ? JSON.objectNode() : urls.deepCopy());
    values.set("blockchain_params", p.blockchainParams().deepCopy());
    return values;
  }

  /**
   * {@code genesis_owners.json} plus the owner entries AIN adds: the owner holds the root, the
   * whitelists, the developer registry and the params; token bridge configs stay open for new
   * branches but are owned by the owner.
   */
  static ObjectNode initialOwners(GenesisParams p) {
    ObjectNode owners = p.owners().deepCopy();
    String owner = p.ownerAddress();
    ObjectNode all = permissions(true, true, true, true);
    ObjectNode none = permissions(false, false, false, false);
    setOwner(owners, new String[] {}, owner, all, none);
    ObjectNode noBranch = permissions(false, true, true, true);
    setOwner(owners, new String[] {"consensus", "proposer_whitelist"}, owner, noBranch, none);
    setOwner(owners, new String[] {"consensus", "validator_whitelist"}, owner, noBranch, none);
    setOwner(owners, new String[] {"developers", "rest_functions"}, owner, all, null);
    setOwner(owners, new String[] {"blockchain_params"}, owner, all, null);
    JsonNode bridge = p.blockchainParams().path("token").path("bridge");
    if (bridge.isObject()) {
      setOwner(owners, new String[] {"blockchain_params", "token", "bridge"}, owner, all,
          permissions(true, false, false, false));
      for (Iterator<Map.Entry<String, JsonNode>> nets = bridge.fields(); nets.hasNext(); ) {
        Map.Entry<String, JsonNode> net = nets.next();
        for (Iterator<Map.Entry<String, JsonNode>> chains = net.getValue().fields(); chains.hasNext(); ) {
          Map.Entry<String, JsonNode> chain = chains.next();
          for (Iterator<String> tokens = chain.getValue().fieldNames(); tokens.hasNext(); ) {
            setOwner(owners, new String[] {"blockchain_params", "token", "bridge", net.getKey(),
                chain.getKey(), tokens.next()}, owner, all, null);
          }
        }
      }
    }
    return owners;
  }

  private static void setOwner(ObjectNode root, String[] path, String owner, ObjectNode ownerPerms,
      ObjectNode anyonePerms) {
    ObjectNode node = root;
    for (String label : path) {
      node = node.has(label) && node.get(label).isObject() ? (ObjectNode) node.get(label) : node.putObject(label);
    }
    ObjectNode owners = node.putObject(".owner").putObject("owners");
    owners.set(owner, ownerPerms.deepCopy());
    if (anyonePerms != null) {
      owners.set("*", anyonePerms.deepCopy());
    }
  }

  private static ObjectNode permissions(boolean branch, boolean function, boolean ownerPerm, boolean rule) {
    ObjectNode p = JSON.objectNode();
    p.put("branch_owner", branch);
    p.put("write_function", function);
    p.put("write_owner", ownerPerm);
    p.put("write_rule", rule);
    return p;
  }

  private static ObjectNode op(String type, String ref, JsonNode value) {
    ObjectNode op = JSON.objectNode();
    op.put("type", type);
    op.put("ref", ref);
    op.set("value", value);
    return op;
  }

  private static ObjectNode setOf(ObjectNode... ops) {
    ObjectNode set = JSON.objectNode();
    set.put("type", "SET");
    ArrayNode list = set.putArray("op_list");
    for (ObjectNode o : ops) {
      list.add(o);
    }
    return set;
  }

  private static Transaction sign(GenesisParams p, AinCrypto crypto, byte[] key, ObjectNode operation) {
    ObjectNode body = JSON.objectNode();
    body.put("nonce", -1);
    body.put("timestamp", p.genesisTimestamp());
    body.put("gas_price", 0);
    body.set("operation", operation);
    String signature = crypto.signTransaction(body, key, p.chainId()).encode();
    // Genesis transactions pass the same checks as any other: a bad config fails here, loudly.
    TxVerifier.Outcome out = new TxVerifier(crypto, p.chainId(), Long.MAX_VALUE)
        .verify(body, TextNode.valueOf(signature));
    if (out instanceof TxVerifier.Verified v) {
      return v.tx();
    }
    throw new GenesisException("genesis transaction is invalid: " + ((TxVerifier.Rejected) out).rejection().message());
  }
}
