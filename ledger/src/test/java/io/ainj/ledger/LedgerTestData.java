package io.ainj.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.AinJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** Reference data copied into test resources: signing vectors and AIN's prebuilt genesis blocks. */
public final class LedgerTestData {
  private LedgerTestData() {}

  public static JsonNode signingVectors() {
    return read("/vectors/signing_vectors.json", false);
  }

  public static JsonNode genesisBlock1Node() {
    return read("/vectors/genesis_block_1node.json.gz", true);
  }

  public static JsonNode genesisBlockBase() {
    return read("/vectors/genesis_block_base.json.gz", true);
  }

  private static JsonNode read(String resource, boolean gzip) {
    try (InputStream raw = LedgerTestData.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException(resource + " is missing from test resources");
      }
      InputStream in = gzip ? new GZIPInputStream(raw) : raw;
      return AinJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
