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

  /**
   * Serialises JSON as JavaScript's {@code JSON.stringify} would print its numbers: integers
   * without {@code .0}, {@code 1e+21} rather than {@code 1.0E21}. Key order is kept (insertion
   * order, as AIN's responses have it). Clients parse either form, but byte-level tools and
   * people reading responses side by side with AIN's should see the same text.
   */
  public static byte[] writeJs(JsonNode node) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
    try (com.fasterxml.jackson.core.JsonGenerator g =
        new JsNumberGenerator(MAPPER.getFactory().createGenerator(out))) {
      MAPPER.writeTree(g, node);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String writeJsString(JsonNode node) {
    return new String(writeJs(node), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Routes every number through {@link JsNumber}. */
  private static final class JsNumberGenerator
      extends com.fasterxml.jackson.core.util.JsonGeneratorDelegate {
    JsNumberGenerator(com.fasterxml.jackson.core.JsonGenerator d) {
      super(d, false);
    }

    @Override
    public void writeNumber(double v) throws java.io.IOException {
      delegate.writeNumber(JsNumber.toJson(v));
    }

    @Override
    public void writeNumber(float v) throws java.io.IOException {
      writeNumber((double) v);
    }

    @Override
    public void writeNumber(java.math.BigDecimal v) throws java.io.IOException {
      writeNumber(v.doubleValue());
    }

    @Override
    public void writeNumber(java.math.BigInteger v) throws java.io.IOException {
      writeNumber(v.doubleValue());
    }

    @Override
    public void writeNumber(long v) throws java.io.IOException {
      // Beyond 2^53 a JS number has already lost precision; print what JS would print.
      if (Math.abs(v) > (1L << 53)) {
        writeNumber((double) v);
      } else {
        delegate.writeNumber(v);
      }
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
