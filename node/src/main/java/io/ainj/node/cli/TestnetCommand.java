package io.ainj.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.Hex;
import io.ainj.crypto.Keys;
import io.ainj.genesis.GenesisFiles;
import io.ainj.node.net.HomeConfig;
import io.ainj.node.net.NetworkSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ainj testnet}: local multi-validator networks. */
@Command(
    name = "testnet",
    description = "Create local multi-validator networks.",
    subcommands = {TestnetCommand.Init.class})
public final class TestnetCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "init",
      description = {
        "Write a network of N validators: DIR/genesis (AIN's base config with fresh validator keys as "
            + "genesis validators), one home per validator DIR/nodeI (config.json, node.key) and "
            + "DIR/nodes.json listing {home, rpc_port, p2p_port, address}. Validator i (from 0) listens "
            + "for P2P on BASE+2i and JSON-RPC on BASE+2i+1. Start each with: ainj start --home DIR/nodeI",
        "The genesis keeps AIN's public test accounts (funded), so never use it beyond a local test."
      })
  static final class Init implements Callable<Integer> {
    static final double VALIDATOR_BALANCE = 11_000_000;
    static final double VALIDATOR_STAKE = 10_000_000;
    /** The base accounts funded by AIN's base genesis (num_genesis_accounts). */
    static final int BASE_FUNDED = 10;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin CryptoOption crypto;

    @Option(names = "--validators", required = true, paramLabel = "N", description = "Number of validators (1..50).")
    int validators;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write (must not hold a network yet).")
    Path out;

    @Option(names = "--base-port", paramLabel = "P", defaultValue = "9000",
        description = "First port; validator i uses P+2i (P2P) and P+2i+1 (JSON-RPC). Default: ${DEFAULT-VALUE}.")
    int basePort;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Host of every validator. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--empty-block-interval-ms", defaultValue = "1000",
        description = "How long an idle chain waits before an empty block. Default: ${DEFAULT-VALUE}.")
    long emptyBlockIntervalMs;

    @Option(names = "--round-timeout-ms", defaultValue = "3000",
        description = "PBFT round timeout of view 0 (at least twice the empty block interval is used). Default: ${DEFAULT-VALUE}.")
    long roundTimeoutMs;

    @Option(names = "--max-txs-per-block", defaultValue = "1000",
        description = "Most transactions in one block; smaller blocks keep a round well inside its timeout. Default: ${DEFAULT-VALUE}.")
    int maxTxsPerBlock;

    @Option(names = "--block-interval-ms", defaultValue = "20",
        description = "Shortest time between blocks while transactions wait. Default: ${DEFAULT-VALUE}.")
    long blockIntervalMs;

    @Option(names = "--snapshot-interval-blocks", defaultValue = "" + NetworkSettings.DEFAULT_SNAPSHOT_INTERVAL_BLOCKS,
        description = "Every this many blocks a validator keeps the state as a snapshot for peers far behind. Default: ${DEFAULT-VALUE}.")
    long snapshotIntervalBlocks;

    @Option(names = "--snapshot-threshold-blocks", defaultValue = "" + NetworkSettings.DEFAULT_SNAPSHOT_THRESHOLD_BLOCKS,
        description = "A validator more than this many blocks behind fetches a state snapshot instead of every block. Default: ${DEFAULT-VALUE}.")
    long snapshotThresholdBlocks;

    @Override
    public Integer call() throws IOException {
      if (snapshotIntervalBlocks < 1 || snapshotThresholdBlocks < snapshotIntervalBlocks) {
        spec.commandLine().getErr().println("error: need 1 <= --snapshot-interval-blocks <= --snapshot-threshold-blocks");
        return 2;
      }
      if (validators < 1 || validators > 50) {
        spec.commandLine().getErr().println("error: --validators must be 1..50");
        return 2;
      }
      if (basePort < 1 || basePort + 2 * validators > 65535) {
        spec.commandLine().getErr().println("error: ports out of range");
        return 2;
      }
      if (Files.exists(out.resolve("nodes.json"))) {
        spec.commandLine().getErr().println("error: " + out + " already holds a network (nodes.json)");
        return 1;
      }
      AinCrypto c = crypto.crypto();
      SecureRandom random = new SecureRandom();
      List<byte[]> keys = new ArrayList<>();
      List<String> addresses = new ArrayList<>();
      for (int i = 0; i < validators; i++) {
        byte[] k = Keys.generatePrivateKey(random);
        keys.add(k);
        addresses.add(c.address(k));
      }
      writeGenesis(c, keys, addresses);
      ArrayNode nodes = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < validators; i++) {
        Path home = out.resolve("node" + i);
        Files.createDirectories(home);
        Path keyFile = home.resolve("node.key");
        Files.writeString(keyFile, Hex.encode(keys.get(i)) + "\n", StandardCharsets.US_ASCII);
        try {
          Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system
        }
        ObjectNode cfg = JsonNodeFactory.instance.objectNode();
        cfg.put("genesis_dir", "../genesis");
        cfg.put("data_dir", "data");
        cfg.put("key_file", "node.key");
        cfg.put("rpc_host", host);
        cfg.put("rpc_port", basePort + 2 * i + 1);
        cfg.put("p2p_host", host);
        cfg.put("p2p_port", basePort + 2 * i);
        ArrayNode peers = cfg.putArray("peers");
        for (int j = 0; j < validators; j++) {
          if (j != i) {
            peers.add(host + ":" + (basePort + 2 * j));
          }
        }
        cfg.putArray("observers");
        cfg.put("block_interval_ms", blockIntervalMs);
        cfg.put("empty_block_interval_ms", emptyBlockIntervalMs);
        cfg.put("round_timeout_ms", roundTimeoutMs);
        cfg.put("max_txs_per_block", maxTxsPerBlock);
        cfg.put("snapshot_interval_blocks", snapshotIntervalBlocks);
        cfg.put("snapshot_threshold_blocks", snapshotThresholdBlocks);
        cfg.put("max_round_timeout_ms", Math.max(roundTimeoutMs * 8, 4 * emptyBlockIntervalMs));
        write(home.resolve(HomeConfig.FILE_NAME), cfg);
        nodes.addObject()
            .put("home", home.toAbsolutePath().normalize().toString())
            .put("rpc_port", basePort + 2 * i + 1)
            .put("p2p_port", basePort + 2 * i)
            .put("address", addresses.get(i));
      }
      write(out.resolve("nodes.json"), nodes);
      spec.commandLine().getOut().println("wrote a network of " + validators + " validators to " + out
          + "; start each with: ainj start --home " + out.resolve("node<I>"));
      spec.commandLine().getOut().flush();
      return 0;
    }

    private void writeGenesis(AinCrypto c, List<byte[]> keys, List<String> addresses) throws IOException {
      GenesisFiles base = GenesisFiles.embedded();
      ObjectNode params = base.file(GenesisFiles.BLOCKCHAIN_PARAMS).deepCopy();
      params.put("_description", "A local ainj testnet of " + validators + " validators (ainj testnet init).");
      ObjectNode consensus = (ObjectNode) params.path("consensus");
      ObjectNode vs = consensus.putObject("genesis_validators");
      ObjectNode proposers = consensus.putObject("genesis_proposer_whitelist");
      ObjectNode validatorWl = consensus.putObject("genesis_validator_whitelist");
      for (String a : addresses) {
        vs.putObject(a).put("stake", VALIDATOR_STAKE).put("proposal_right", true);
        proposers.put(a, true);
        validatorWl.put(a, true);
      }
      consensus.put("min_num_validators", 1);
      consensus.put("max_num_validators", Math.max(validators, consensus.path("max_num_validators").asInt(9)));
      ObjectNode g = (ObjectNode) params.path("genesis");
      g.put("num_genesis_accounts", BASE_FUNDED + validators);

      ObjectNode accounts = base.file(GenesisFiles.GENESIS_ACCOUNTS).deepCopy();
      ArrayNode others = (ArrayNode) accounts.path("others");
      ArrayNode merged = JsonNodeFactory.instance.arrayNode();
      // The validators are funded (their genesis staking transactions spend the stake), and AIN's
      // public test accounts keep their indexes, so tools that use others[i] still work.
      for (int i = 0; i < Math.min(BASE_FUNDED, others.size()); i++) {
        merged.add(others.get(i));
      }
      for (int i = 0; i < keys.size(); i++) {
        merged.addObject()
            .put("address", addresses.get(i))
            .put("balance", VALIDATOR_BALANCE)
            .put("private_key", Hex.encode(keys.get(i)))
            .put("public_key", Hex.encode(c.publicKey(keys.get(i))));
      }
      for (int i = BASE_FUNDED; i < others.size(); i++) {
        merged.add(others.get(i));
      }
      accounts.set("others", merged);
      Path dir = out.resolve("genesis");
      Files.createDirectories(dir);
      write(dir.resolve(GenesisFiles.BLOCKCHAIN_PARAMS), params);
      write(dir.resolve(GenesisFiles.GENESIS_ACCOUNTS), accounts);
    }

    private static void write(Path file, JsonNode json) throws IOException {
      Files.writeString(file, AinJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n",
          StandardCharsets.UTF_8);
    }
  }
}
