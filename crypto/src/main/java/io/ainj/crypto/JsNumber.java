package io.ainj.crypto;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

/**
 * ECMAScript {@code Number.prototype.toString()} for doubles. AIN hashes JSON produced by
 * JavaScript, so every number that reaches a hash must print exactly as V8 prints it: shortest
 * round-trip digits (Schubfach gives them), integers without ".0", plain notation for
 * 1e-6 <= |x| < 1e21 and {@code 1e+21}/{@code 1.5e-7} exponent notation outside it.
 */
public final class JsNumber {
  private static final double EXACT_LONG_LIMIT = 9.007199254740992E15; // 2^53

  private JsNumber() {}

  public static String toString(double x) {
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "Infinity" : "-Infinity";
    }
    if (x == 0) {
      return "0"; // also -0, as in JS
    }
    if (x == Math.rint(x) && Math.abs(x) < EXACT_LONG_LIMIT) {
      return Long.toString((long) x);
    }
    return layout(x);
  }

  /** JSON.stringify of a number: like toString, but NaN and the infinities become null. */
  public static String toJson(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return "null";
    }
    return toString(x);
  }

  /** Replaces two digits by one when a one-digit decimal round-trips; returns the new n. */
  private static int shortenToOneDigit(double abs, StringBuilder digits, int n) {
    int first = digits.charAt(0) - '0';
    java.math.BigDecimal exact = new java.math.BigDecimal(abs);
    String best = null;
    int bestN = n;
    java.math.BigDecimal bestDistance = null;
    for (int candidate = first; candidate <= first + 1; candidate++) {
      String d = candidate == 10 ? "1" : Integer.toString(candidate);
      int cn = candidate == 10 ? n + 1 : n;
      java.math.BigDecimal value = new java.math.BigDecimal("0." + d + "E" + cn);
      if (value.doubleValue() != abs) {
        continue;
      }
      java.math.BigDecimal distance = value.subtract(exact).abs();
      if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
        best = d;
        bestN = cn;
        bestDistance = distance;
      }
    }
    if (best != null) {
      digits.setLength(0);
      digits.append(best);
      return bestN;
    }
    return n;
  }

  private static String layout(double x) {
    // Java layout of the shortest decimal, e.g. "1.0E21", "1.5E-7", "0.001", "123.456".
    String java = DoubleToDecimal.toString(Math.abs(x));
    int ePos = java.indexOf('E');
    String mantissa = ePos < 0 ? java : java.substring(0, ePos);
    int exp = ePos < 0 ? 0 : Integer.parseInt(java.substring(ePos + 1));
    int dot = mantissa.indexOf('.');
    String intPart = dot < 0 ? mantissa : mantissa.substring(0, dot);
    String fracPart = dot < 0 ? "" : mantissa.substring(dot + 1);
    // value = 0.<digits> x 10^n in the notation of ECMA-262 Number::toString.
    StringBuilder digits = new StringBuilder(intPart).append(fracPart);
    int n = intPart.length() + exp;
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    digits.delete(0, lead);
    n -= lead;
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits.setLength(end);
    if (digits.length() == 2) {
      // Java's layout keeps two digits where JS allows one (4.9E-324 vs 5e-324); only tiny
      // subnormals have intervals wide enough for that to change the digits.
      n = shortenToOneDigit(Math.abs(x), digits, n);
    }
    int k = digits.length();

    StringBuilder out = new StringBuilder(k + 8);
    if (x < 0) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(digits);
      for (int i = 0; i < n - k; i++) {
        out.append('0');
      }
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.");
      for (int i = 0; i < -n; i++) {
        out.append('0');
      }
      out.append(digits);
    } else {
      int e = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(e >= 0 ? '+' : '-').append(Math.abs(e));
    }
    return out.toString();
  }
}
