package io.ainj.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.CryptoException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * AIN's hashes: the transaction hash (double Keccak over canonical JSON) and the message hash
 * ({@code hashMessage}, used for blocks, state proofs, P2P and user messages).
 */
public final class AinHash {
  private static final byte[] PREFIX =
      "AINetwork Signed Message:\n".getBytes(StandardCharsets.US_ASCII);

  private AinHash() {}

  /** keccak256(keccak256(utf8(stable_stringify(txBody)))). */
  public static byte[] txHash(JsonNode txBody) {
    return Keccak256.doubleHash(CanonicalJson.encode(txBody));
  }

  /**
   * ain-util {@code hashMessage}. Two quirks are part of the protocol: the length prefix is the JS
   * string length (UTF-16 code units), and a string matching {@code ^0x[0-9a-fA-F]*$} is
   * hex-decoded (left-padded to even length) instead of UTF-8 encoded.
   *
   * @throws CryptoException INVALID_STRING for a string with an unpaired surrogate, which JS would
   *     silently turn into U+FFFD: refusing it is safer than hashing something else.
   */
  public static byte[] hashMessage(String message) {
    byte[] body;
    if (Hex.isPrefixedHex(message)) {
      String digits = message.substring(2);
      body = Hex.decode((digits.length() & 1) == 1 ? "0" + digits : digits);
    } else {
      requireWellFormed(message);
      body = message.getBytes(StandardCharsets.UTF_8);
    }
    return hashMessage(body, message.length());
  }

  /** hashMessage over raw bytes whose JS length is their byte count (no string quirks apply). */
  public static byte[] hashMessage(byte[] message) {
    return hashMessage(message, message.length);
  }

  private static byte[] hashMessage(byte[] body, long declaredLength) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(PREFIX.length + body.length + 10);
    writeVarint(out, PREFIX.length);
    out.writeBytes(PREFIX);
    writeVarint(out, declaredLength);
    out.writeBytes(body);
    return Keccak256.doubleHash(out.toByteArray());
  }

  /**
   * {@code hashString(CanonicalJson.stringify(node))}, the node's hash of a JSON value (block and
   * body hashes). The canonical form never reads as {@code 0x} hex (strings are quoted, numbers
   * print in decimal) and escapes every unpaired surrogate, so neither quirk check applies.
   */
  public static String hashCanonicalJson(JsonNode node) {
    String json = CanonicalJson.stringify(node);
    return Hex.encodePrefixed(hashMessage(json.getBytes(StandardCharsets.UTF_8), json.length()));
  }

  /** {@code "0x" + hex(hashMessage(s))}: the node's {@code hashString}. */
  public static String hashString(String s) {
    return Hex.encodePrefixed(hashMessage(s));
  }

  /** Bitcoin CompactSize, as ain-util's varuint-bitcoin writes it. */
  static void writeVarint(ByteArrayOutputStream out, long n) {
    if (n < 0xfd) {
      out.write((int) n);
    } else if (n <= 0xffff) {
      out.write(0xfd);
      out.write((int) (n & 0xff));
      out.write((int) ((n >>> 8) & 0xff));
    } else if (n <= 0xffffffffL) {
      out.write(0xfe);
      for (int i = 0; i < 4; i++) {
        out.write((int) ((n >>> (8 * i)) & 0xff));
      }
    } else {
      out.write(0xff);
      for (int i = 0; i < 8; i++) {
        out.write((int) ((n >>> (8 * i)) & 0xff));
      }
    }
  }

  static void requireWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new CryptoException(Reason.INVALID_STRING, "string has an unpaired surrogate at " + i);
      }
      if (Character.isLowSurrogate(c)) {
        throw new CryptoException(Reason.INVALID_STRING, "string has an unpaired surrogate at " + i);
      }
    }
  }
}
