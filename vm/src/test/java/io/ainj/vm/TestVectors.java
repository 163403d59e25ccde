package io.ainj.vm;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the copy of shared/vectors/state_vectors.json kept in test resources. */
public final class TestVectors {
  private TestVectors() {}

  public static Json.JArray stateVectors() {
    try (InputStream in = TestVectors.class.getResourceAsStream("/vectors/state_vectors.json")) {
      if (in == null) {
        throw new IllegalStateException("missing test resource vectors/state_vectors.json");
      }
      return (Json.JArray) JsonCodec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
