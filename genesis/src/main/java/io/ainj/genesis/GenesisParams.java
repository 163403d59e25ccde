package io.ainj.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinSignature;
import io.ainj.crypto.Address;
import io.ainj.crypto.CryptoException;
import io.ainj.crypto.Keys;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated content of a genesis: who owns the chain, its ids and timestamp, the genesis
 * validators and accounts, and the blockchain params tree that the genesis writes into state
 * at {@code /blockchain_params}. Every check names the file and field it refused.
 */
public record GenesisParams(
    ObjectNode blockchainParams,
    String ownerAddress,
    byte[] ownerPrivateKey,
    long genesisTimestamp,
    int chainId,
    long networkId,
    long epochMs,
    double totalSupply,
    int numGenesisAccounts,
    List<Account> accounts,
    Map<String, Validator> validators,
    ObjectNode rules,
    ObjectNode owners,
    ObjectNode functions,
    ObjectNode timerFlags) {

  /** A genesis account of {@code genesis_accounts.json} {@code others}. */
  public record Account(String address, byte[] privateKey, double balance) {}

  /** A genesis validator of {@code consensus.genesis_validators}. */
  public record Validator(String address, double stake, boolean proposalRight) {}

  public static GenesisParams from(GenesisFiles files, AinCrypto crypto) {
    String paramsFile = files.source(GenesisFiles.BLOCKCHAIN_PARAMS);
    ObjectNode params = files.file(GenesisFiles.BLOCKCHAIN_PARAMS);
    // Descriptions are comments for humans; AIN drops them before writing params to state.
    params.remove("_description");
    Reader p = new Reader(paramsFile, params);
    JsonNode genesis = p.object("genesis");
    Reader g = new Reader(paramsFile + " genesis", genesis);
    String owner = g.checksumAddress("genesis_addr");
    long timestamp = g.integer("genesis_timestamp", 0, Long.MAX_VALUE);
    int chainId = (int) g.integer("chain_id", 0, AinSignature.MAX_CHAIN_ID);
    long networkId = g.integer("network_id", 0, Long.MAX_VALUE);
    long epochMs = g.integer("epoch_ms", 1, Long.MAX_VALUE);
    int numAccounts = (int) g.integer("num_genesis_accounts", 0, 100_000);
    double totalSupply = new Reader(paramsFile + " token", p.object("token")).positive("total_supply");
    p.object("resource");

    Reader c = new Reader(paramsFile + " consensus", p.object("consensus"));
    Map<String, Validator> validators = new LinkedHashMap<>();
    JsonNode vs = c.object("genesis_validators");
    if (vs.isEmpty()) {
      throw new GenesisException(paramsFile + ": consensus.genesis_validators must name at least one validator");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = vs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = paramsFile + " consensus.genesis_validators." + e.getKey();
      if (!Address.isChecksum(e.getKey())) {
        throw new GenesisException(where + ": not a checksum address");
      }
      Reader v = new Reader(where, e.getValue());
      validators.put(e.getKey(), new Validator(e.getKey(), v.positive("stake"), v.bool("proposal_right")));
    }
    for (String list : new String[] {"genesis_proposer_whitelist", "genesis_validator_whitelist"}) {
      JsonNode wl = c.object(list);
      for (Iterator<Map.Entry<String, JsonNode>> it = wl.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!Address.isChecksum(e.getKey()) || !e.getValue().isBoolean()) {
          throw new GenesisException(paramsFile + " consensus." + list + "." + e.getKey()
              + ": entries must map checksum addresses to booleans");
        }
      }
    }

    String accountsFile = files.source(GenesisFiles.GENESIS_ACCOUNTS);
    ObjectNode accountsJson = files.file(GenesisFiles.GENESIS_ACCOUNTS);
    Reader a = new Reader(accountsFile, accountsJson);
    Reader ownerEntry = new Reader(accountsFile + " owner", a.object("owner"));
    byte[] ownerKey = ownerEntry.privateKeyOf(crypto);
    if (!ownerEntry.checksumAddress("address").equals(owner)) {
      throw new GenesisException(accountsFile + ": owner.address must equal genesis.genesis_addr " + owner);
    }
    List<Account> accounts = new ArrayList<>();
    JsonNode others = accountsJson.path("others");
    if (!others.isMissingNode() && !others.isArray()) {
      throw new GenesisException(accountsFile + ": others must be an array");
    }
    for (int i = 0; i < others.size(); i++) {
      Reader o = new Reader(accountsFile + " others[" + i + "]", others.get(i));
      byte[] key = o.privateKeyOf(crypto);
      double balance = others.get(i).has("balance") ? o.nonNegative("balance") : 0;
      accounts.add(new Account(o.checksumAddress("address"), key, balance));
    }
    if (numAccounts > accounts.size()) {
      throw new GenesisException(paramsFile + ": genesis.num_genesis_accounts is " + numAccounts
          + " but " + accountsFile + " lists only " + accounts.size() + " accounts");
    }
    for (String v : validators.keySet()) {
      if (accounts.stream().noneMatch(acc -> acc.address().equals(v))) {
        throw new GenesisException("genesis validator " + v + " has no key in " + accountsFile
            + " (its staking transaction must be signed by it)");
      }
    }
    return new GenesisParams(params, owner, ownerKey, timestamp, chainId, networkId, epochMs,
        totalSupply, numAccounts, List.copyOf(accounts), validators,
        files.file(GenesisFiles.GENESIS_RULES), files.file(GenesisFiles.GENESIS_OWNERS),
        files.file(GenesisFiles.GENESIS_FUNCTIONS), files.file(GenesisFiles.TIMER_FLAGS));
  }

  /** The {@code resource} section, which the vm and the pool read their limits from. */
  public JsonNode resource() {
    return blockchainParams.path("resource");
  }

  /** {@code consensus.genesis_validators} as the block {@code validators} field shows it. */
  public com.fasterxml.jackson.databind.node.ObjectNode validatorsJson() {
    return (com.fasterxml.jackson.databind.node.ObjectNode) blockchainParams.path("consensus").path("genesis_validators").deepCopy();
  }

  public Account account(String address) {
    for (Account a : accounts) {
      if (a.address().equals(address)) {
        return a;
      }
    }
    return null;
  }

  /** Field access that turns every missing or mistyped field into a named GenesisException. */
  private record Reader(String where, JsonNode node) {
    Reader {
      if (node == null || !node.isObject()) {
        throw new GenesisException(where + " must be a JSON object");
      }
    }

    JsonNode object(String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.isObject()) {
        throw new GenesisException(where + ": " + field + " must be an object");
      }
      return v;
    }

    long integer(String field, long min, long max) {
      JsonNode v = node.get(field);
      if (v == null || !v.isNumber() || v.doubleValue() != Math.rint(v.doubleValue())
          || v.doubleValue() < min || v.doubleValue() > max) {
        throw new GenesisException(where + ": " + field + " must be an integer in [" + min + ", " + max + "]");
      }
      return v.longValue();
    }

    double positive(String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.isNumber() || !(v.doubleValue() > 0)) {
        throw new GenesisException(where + ": " + field + " must be a positive number");
      }
      return v.doubleValue();
    }

    double nonNegative(String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.isNumber() || !(v.doubleValue() >= 0)) {
        throw new GenesisException(where + ": " + field + " must be a number >= 0");
      }
      return v.doubleValue();
    }

    boolean bool(String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.isBoolean()) {
        throw new GenesisException(where + ": " + field + " must be true or false");
      }
      return v.booleanValue();
    }

    String checksumAddress(String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.isTextual() || !Address.isChecksum(v.textValue())) {
        throw new GenesisException(where + ": " + field + " must be a checksum address");
      }
      return v.textValue();
    }

    byte[] privateKeyOf(AinCrypto crypto) {
      JsonNode v = node.get("private_key");
      if (v == null || !v.isTextual()) {
        throw new GenesisException(where + ": private_key must be a hex string");
      }
      byte[] key;
      try {
        key = Keys.parsePrivateKey(v.textValue());
      } catch (CryptoException e) {
        throw new GenesisException(where + ": private_key is invalid: " + e.getMessage(), e);
      }
      String address = checksumAddress("address");
      if (!crypto.address(key).equals(address)) {
        throw new GenesisException(where + ": private_key does not belong to " + address);
      }
      return key;
    }
  }
}
