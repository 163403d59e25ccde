package io.ainj.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The project's Jackson mapper for JSON that reaches hashes: strict JSON (no comments, no NaN),
 * floats as doubles (JS numbers), duplicate keys refused, and bounded nesting and sizes so a
 * hostile document fails fast instead of exhausting the stack or the heap.
 */
public final class AinJson {
  /** Deep enough for AIN state (its own height limit is far lower), shallow enough for the stack. */
  public static final int MAX_NESTING_DEPTH = 512;

  private static final JsonMapper MAPPER = build();

  private AinJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses JSON text.
   *
   * @throws CryptoException INVALID_JSON with the parser's reason
   */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CryptoException(CryptoException.Reason.INVALID_JSON, e.getOriginalMessage(), e);
    }
  }

  private static JsonMapper build() {
    JsonMapper mapper =
        JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(16 * 1024 * 1024)
                .maxNumberLength(400)
                .build());
    return mapper;
  }
}
