package io.ainj.node.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.CryptoException;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.crypto.Keys;
import io.ainj.node.NodeConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A validator's home directory as {@code ainj testnet init} writes it: {@code config.json}
 * (ports, peers, paths relative to the home, intervals), the node key file and a data directory.
 *
 * <pre>
 * {"genesis_dir": "../genesis", "data_dir": "data", "key_file": "node.key",
 *  "rpc_host": "127.0.0.1", "rpc_port": 8081, "p2p_host": "127.0.0.1", "p2p_port": 5001,
 *  "peers": ["127.0.0.1:5002"], "observers": [],
 *  "block_interval_ms": 20, "empty_block_interval_ms": 1000,
 *  "round_timeout_ms": 2000, "max_round_timeout_ms": 30000}
 * </pre>
 */
public record HomeConfig(NodeConfig node, NetworkSettings network) {
  public static final String FILE_NAME = "config.json";

  /**
   * @param rpcPortOverride a port from the command line, or -1 to use the file's
   */
  public static HomeConfig load(Path home, EcdsaBackends.Choice crypto, int rpcPortOverride) throws IOException {
    Path file = home.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      throw new IOException("no " + FILE_NAME + " in " + home + " (create homes with: ainj testnet init)");
    }
    JsonNode c;
    try {
      c = AinJson.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(c instanceof ObjectNode)) {
      throw new IOException(file + " must hold a JSON object");
    }
    Path keyFile = home.resolve(c.path("key_file").asText("node.key"));
    byte[] key;
    try {
      key = Keys.parsePrivateKey(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
    } catch (CryptoException e) {
      throw new IOException("the node key at " + keyFile + " is invalid: " + e.getMessage(), e);
    }
    List<InetSocketAddress> peers = new ArrayList<>();
    for (JsonNode p : c.path("peers")) {
      String s = p.asText();
      int colon = s.lastIndexOf(':');
      if (colon < 1) {
        throw new IOException(file + ": peer " + s + " is not host:port");
      }
      try {
        peers.add(new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1))));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": peer " + s + " is not host:port", e);
      }
    }
    Set<String> observers = new HashSet<>();
    c.path("observers").forEach(o -> observers.add(o.asText()));
    String genesis = c.path("genesis_dir").asText("");
    NodeConfig node = new NodeConfig(
        home.resolve(c.path("data_dir").asText("data")),
        genesis.isEmpty() ? null : home.resolve(genesis).normalize(),
        c.path("rpc_host").asText("127.0.0.1"),
        rpcPortOverride >= 0 ? rpcPortOverride : c.path("rpc_port").asInt(8080),
        c.path("block_interval_ms").asLong(NodeConfig.DEFAULT_BLOCK_INTERVAL_MS),
        c.path("empty_block_interval_ms").asLong(1_000),
        c.path("max_txs_per_block").asInt(NodeConfig.DEFAULT_MAX_TXS_PER_BLOCK),
        c.path("tx_pool_size").asInt(NodeConfig.DEFAULT_TX_POOL_SIZE),
        c.path("tx_pool_size_per_account").asInt(NodeConfig.DEFAULT_TX_POOL_SIZE_PER_ACCOUNT),
        c.path("tx_tracker_size").asInt(NodeConfig.DEFAULT_TX_TRACKER_SIZE),
        crypto);
    NetworkSettings net = new NetworkSettings(key, c.path("p2p_host").asText("127.0.0.1"),
        c.path("p2p_port").asInt(5000), peers, observers,
        c.path("round_timeout_ms").asLong(NetworkSettings.DEFAULT_ROUND_TIMEOUT_MS),
        c.path("max_round_timeout_ms").asLong(NetworkSettings.DEFAULT_MAX_ROUND_TIMEOUT_MS),
        c.path("snapshot_interval_blocks").asLong(NetworkSettings.DEFAULT_SNAPSHOT_INTERVAL_BLOCKS),
        c.path("snapshot_threshold_blocks").asLong(NetworkSettings.DEFAULT_SNAPSHOT_THRESHOLD_BLOCKS));
    return new HomeConfig(node, net);
  }
}
