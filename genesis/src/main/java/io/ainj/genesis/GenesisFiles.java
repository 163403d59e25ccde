package io.ainj.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.CryptoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The files of an AIN {@code blockchain-configs} directory. A directory may hold only some of
 * them; each missing file falls back to AIN's {@code base} configuration, which is embedded in
 * this module, exactly as AIN resolves a config directory over {@code base}.
 */
public final class GenesisFiles {
  public static final String BLOCKCHAIN_PARAMS = "blockchain_params.json";
  public static final String GENESIS_ACCOUNTS = "genesis_accounts.json";
  public static final String GENESIS_RULES = "genesis_rules.json";
  public static final String GENESIS_OWNERS = "genesis_owners.json";
  public static final String GENESIS_FUNCTIONS = "genesis_functions.json";
  public static final String NODE_PARAMS = "node_params.json";
  public static final String TIMER_FLAGS = "timer_flags.json";
  public static final String GENESIS_BLOCK = "genesis_block.json.gz";
  static final List<String> JSON_FILES = List.of(
      BLOCKCHAIN_PARAMS, GENESIS_ACCOUNTS, GENESIS_RULES, GENESIS_OWNERS, GENESIS_FUNCTIONS,
      NODE_PARAMS, TIMER_FLAGS);
  private static final String EMBEDDED_BASE = "/io/ainj/genesis/base/";

  private final Map<String, ObjectNode> files;
  private final Map<String, String> sources;
  private final JsonNode prebuiltGenesisBlock;

  private GenesisFiles(Map<String, ObjectNode> files, Map<String, String> sources, JsonNode prebuilt) {
    this.files = files;
    this.sources = sources;
    this.prebuiltGenesisBlock = prebuilt;
  }

  /** AIN's base configuration as embedded in ainj: the default devnet. */
  public static GenesisFiles embedded() {
    return load(null);
  }

  /**
   * Reads {@code dir} (may be null for the embedded base alone); a file absent from it comes
   * from the embedded base.
   *
   * @throws GenesisException naming the file when one is unreadable or not a JSON object
   */
  public static GenesisFiles load(Path dir) {
    if (dir != null && !Files.isDirectory(dir)) {
      throw new GenesisException("genesis directory " + dir + " does not exist or is not a directory");
    }
    Map<String, ObjectNode> files = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (String name : JSON_FILES) {
      Path local = dir == null ? null : dir.resolve(name);
      String source;
      String text;
      try {
        if (local != null && Files.exists(local)) {
          source = local.toString();
          text = Files.readString(local, StandardCharsets.UTF_8);
        } else {
          source = "embedded base/" + name;
          text = new String(embeddedBytes(name), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new GenesisException("cannot read " + name + ": " + e.getMessage(), e);
      }
      JsonNode parsed;
      try {
        parsed = AinJson.parse(text);
      } catch (CryptoException e) {
        throw new GenesisException(source + " is not valid JSON: " + e.getMessage(), e);
      }
      if (!parsed.isObject()) {
        throw new GenesisException(source + " must hold a JSON object");
      }
      files.put(name, (ObjectNode) parsed);
      sources.put(name, source);
    }
    JsonNode prebuilt = null;
    try {
      Path local = dir == null ? null : dir.resolve(GENESIS_BLOCK);
      if (local != null && Files.exists(local)) {
        prebuilt = readGzipJson(Files.newInputStream(local));
      } else if (dir == null) {
        prebuilt = readGzipJson(GenesisFiles.class.getResourceAsStream(EMBEDDED_BASE + GENESIS_BLOCK));
      }
    } catch (IOException | CryptoException e) {
      throw new GenesisException("cannot read " + GENESIS_BLOCK + ": " + e.getMessage(), e);
    }
    return new GenesisFiles(files, sources, prebuilt);
  }

  private static byte[] embeddedBytes(String name) throws IOException {
    try (InputStream in = GenesisFiles.class.getResourceAsStream(EMBEDDED_BASE + name)) {
      if (in == null) {
        throw new IOException("embedded base file " + name + " is missing from the build");
      }
      return in.readAllBytes();
    }
  }

  private static JsonNode readGzipJson(InputStream raw) throws IOException {
    if (raw == null) {
      return null;
    }
    try (InputStream in = new GZIPInputStream(raw)) {
      return AinJson.mapper().readTree(in);
    }
  }

  /** A defensive copy of one file's JSON. */
  public ObjectNode file(String name) {
    ObjectNode node = files.get(name);
    if (node == null) {
      throw new IllegalArgumentException("unknown genesis file " + name);
    }
    return node.deepCopy();
  }

  /** Where a file came from: a path, or "embedded base/NAME". */
  public String source(String name) {
    return sources.get(name);
  }

  /** AIN's prebuilt genesis block of this directory (or of the embedded base), if it ships one. */
  public JsonNode prebuiltGenesisBlock() {
    return prebuiltGenesisBlock == null ? null : prebuiltGenesisBlock.deepCopy();
  }
}
