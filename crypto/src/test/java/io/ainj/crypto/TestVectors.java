package io.ainj.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the signing vectors copied into this module's test resources. */
public final class TestVectors {
  private TestVectors() {}

  public static JsonNode signingVectors() {
    try (InputStream in = TestVectors.class.getResourceAsStream("/vectors/signing_vectors.json")) {
      if (in == null) {
        throw new IllegalStateException("signing_vectors.json is missing from test resources");
      }
      return AinJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
