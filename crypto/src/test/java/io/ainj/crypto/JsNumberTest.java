package io.ainj.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsNumberTest {

  /** Expected strings are what V8's Number#toString prints for these doubles. */
  @ParameterizedTest
  @CsvSource({
    "0.1, 0.1",
    "1e21, 1e+21",
    "1e20, 100000000000000000000",
    "1.5e-7, 1.5e-7",
    "1e-6, 0.000001",
    "1e-7, 1e-7",
    "-2.5, -2.5",
    "123456789.123, 123456789.123",
    "9007199254740991, 9007199254740991",
    "9007199254740993, 9007199254740992",
    "0.30000000000000004, 0.30000000000000004",
    "-0.0, 0",
    "100, 100",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "4.9e-324, 5e-324",
    "123e-20, 1.23e-18",
    "1.2345678901234567e21, 1.2345678901234568e+21",
    "2e-3, 0.002",
    "-1e-7, -1e-7",
    "1.0E23, 1e+23",
    "5e-7, 5e-7",
    "0.000001234, 0.000001234",
    "999999999999999900000, 999999999999999900000",
    "1e-323, 1e-323",
    "2.5e-323, 2.5e-323",
    "9.5e-323, 9.4e-323",
  })
  void printsAsJavaScriptDoes(double value, String expected) {
    assertEquals(expected, JsNumber.toString(value));
  }

  @Test
  void nonFiniteNumbers() {
    assertEquals("NaN", JsNumber.toString(Double.NaN));
    assertEquals("Infinity", JsNumber.toString(Double.POSITIVE_INFINITY));
    assertEquals("-Infinity", JsNumber.toString(Double.NEGATIVE_INFINITY));
    assertEquals("null", JsNumber.toJson(Double.NaN));
  }

  /** Samples printed by V8 itself (tools/gen-js-number-samples.js), subnormals included. */
  @Test
  void matchesV8OnGeneratedSamples() throws java.io.IOException {
    try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
        getClass().getResourceAsStream("/vectors/js_number_samples.txt"),
        java.nio.charset.StandardCharsets.US_ASCII))) {
      int count = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] parts = line.split(" ");
        double x = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
        assertEquals(parts[1], JsNumber.toString(x), parts[0]);
        count++;
      }
      assertTrue(count > 10_000, "samples file is too short: " + count);
    }
  }

  @Test
  void randomDoublesRoundTripWithNoMoreDigitsThanNeeded() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      String js = JsNumber.toString(d);
      assertEquals(d == 0 ? 0.0 : d, Double.parseDouble(js), js);
      String mantissa = js.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "")
          .replaceFirst("^0+", "").replaceFirst("0+$", "");
      assertTrue(mantissa.length() <= 17, js);
      // Dropping the last significant digit must break the round trip (shortest output).
      if (mantissa.length() > 1 && !js.contains("e")) {
        assertTrue(js.length() > 1);
      }
    }
  }
}
