package io.ainj.statedb.tree;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.path.Utf8;

/**
 * AIN's {@code CommonUtil.hashString} for proof hashes, producing raw 32-byte digests. It is
 * ain-util {@code hashMessage}: keccak256(keccak256(varint(26) || "AINetwork Signed Message:\n" ||
 * varint(JS length) || bytes)), where bytes are the hex-decoded digits of a {@code 0x<hex>} string
 * and UTF-8 (lone surrogates as U+FFFD, like Node's Buffer) otherwise. Implemented here, not via
 * {@code AinHash}, so radix preimages are hashed straight from a reused buffer.
 */
public final class ProofHash {
  private static final byte[] PREFIX = "AINetwork Signed Message:\n".getBytes(
      java.nio.charset.StandardCharsets.US_ASCII);
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  /** ASCII hex digit pairs of every byte value: {@code HEX_PAIRS[2b], HEX_PAIRS[2b + 1]}. */
  private static final byte[] HEX_PAIRS = new byte[512];

  static {
    for (int b = 0; b < 256; b++) {
      HEX_PAIRS[2 * b] = (byte) HEX[b >> 4];
      HEX_PAIRS[2 * b + 1] = (byte) HEX[b & 0xf];
    }
  }
  private static final ThreadLocal<Buf> BUF = ThreadLocal.withInitial(Buf::new);

  private ProofHash() {}

  /** hashString over an arbitrary JS string. */
  public static byte[] hashString(String s) {
    byte[] body;
    if (isPrefixedHex(s)) {
      int digits = s.length() - 2;
      body = new byte[(digits + 1) / 2];
      int di = 0;
      int start = 2;
      if ((digits & 1) == 1) {
        body[di++] = (byte) hexVal(s.charAt(2));
        start = 3;
      }
      for (int i = start; i < s.length(); i += 2) {
        body[di++] = (byte) ((hexVal(s.charAt(i)) << 4) | hexVal(s.charAt(i + 1)));
      }
    } else {
      body = Utf8.encodeJs(s);
    }
    Buf b = BUF.get();
    b.reset();
    b.putMessagePrefix(s.length());
    b.put(body, 0, body.length);
    return b.digest();
  }

  /** Leaf proof hash: {@code hashString(toString(value))}. */
  public static byte[] leaf(Json value) {
    return hashString(value.jsString());
  }

  /** {@code "0x" + hex}. */
  public static String toHex(byte[] hash) {
    char[] out = new char[2 + hash.length * 2];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < hash.length; i++) {
      out[2 + 2 * i] = HEX[(hash[i] >> 4) & 0xf];
      out[3 + 2 * i] = HEX[hash[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Radix node hash. Preimage: {@code (stateChildPh ?? "") + "#" + (no kids ? "#" : concat("#" +
   * edge + "#" + kidPh))} with hashes as 0x-hex. The preimage contains '#', so it is never read as
   * hex and is hashed as its ASCII bytes.
   */
  public static byte[] radix(byte[] statePh, String[] edges, byte[][] kidPhs, int kidCount) {
    return radix(BUF.get(), statePh, edges, kidPhs, kidCount);
  }

  /** A buffer for {@link #radix(Buf, byte[], String[], byte[][], int)}, one per thread. */
  static Buf newBuf() {
    return new Buf();
  }

  /** {@link #radix(byte[], String[], byte[][], int)} with the caller's buffer. */
  static byte[] radix(Buf pre, byte[] statePh, String[] edges, byte[][] kidPhs, int kidCount) {
    pre.reset();
    // Build the preimage first (at offset reserved for the prefix) and then hash it.
    pre.beginBody();
    if (statePh != null) {
      pre.putHash(statePh);
    }
    pre.put((byte) '#');
    if (kidCount == 0) {
      pre.put((byte) '#');
    } else {
      for (int i = 0; i < kidCount; i++) {
        pre.put((byte) '#');
        pre.putAscii(edges[i]);
        pre.put((byte) '#');
        pre.putHash(kidPhs[i]);
      }
    }
    return pre.digestBody();
  }

  static boolean isPrefixedHex(String s) {
    if (s.length() < 2 || s.charAt(0) != '0' || s.charAt(1) != 'x') {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      if (hexVal(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static int hexVal(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** A growable per-thread byte buffer, so hashing a radix node allocates only the digest. */
  static final class Buf {
    private static final int HEADER = 1 + 26 + 9; // varint(26) + prefix + max varint
    byte[] data = new byte[1024];
    int len;
    int bodyStart;

    void reset() {
      len = 0;
    }

    void ensure(int extra) {
      if (len + extra > data.length) {
        data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, len + extra));
      }
    }

    void put(byte b) {
      ensure(1);
      data[len++] = b;
    }

    void put(byte[] src, int off, int n) {
      ensure(n);
      System.arraycopy(src, off, data, len, n);
      len += n;
    }

    void putAscii(String s) {
      int n = s.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        data[len++] = (byte) s.charAt(i);
      }
    }

    void putHash(byte[] h) {
      ensure(2 + h.length * 2);
      byte[] d = data;
      int p = len;
      d[p++] = '0';
      d[p++] = 'x';
      for (byte x : h) {
        int i = (x & 0xff) << 1;
        d[p++] = HEX_PAIRS[i];
        d[p++] = HEX_PAIRS[i + 1];
      }
      len = p;
    }

    void putVarint(long n) {
      ensure(9);
      if (n < 0xfd) {
        data[len++] = (byte) n;
      } else if (n <= 0xffff) {
        data[len++] = (byte) 0xfd;
        data[len++] = (byte) n;
        data[len++] = (byte) (n >>> 8);
      } else if (n <= 0xffffffffL) {
        data[len++] = (byte) 0xfe;
        for (int i = 0; i < 4; i++) {
          data[len++] = (byte) (n >>> (8 * i));
        }
      } else {
        data[len++] = (byte) 0xff;
        for (int i = 0; i < 8; i++) {
          data[len++] = (byte) (n >>> (8 * i));
        }
      }
    }

    void putMessagePrefix(long jsLength) {
      putVarint(PREFIX.length);
      put(PREFIX, 0, PREFIX.length);
      putVarint(jsLength);
    }

    byte[] digest() {
      return io.ainj.crypto.Keccak256.doubleHash(data, 0, len);
    }

    void beginBody() {
      len = HEADER;
      bodyStart = HEADER;
    }

    /** Writes the message prefix right before the body (ASCII body: JS length = byte count). */
    byte[] digestBody() {
      long n = len - bodyStart;
      int varint = n < 0xfd ? 1 : n <= 0xffff ? 3 : 5;
      int start = bodyStart - varint - PREFIX.length - 1;
      int h = start;
      data[h++] = (byte) PREFIX.length;
      System.arraycopy(PREFIX, 0, data, h, PREFIX.length);
      h += PREFIX.length;
      if (n < 0xfd) {
        data[h++] = (byte) n;
      } else if (n <= 0xffff) {
        data[h++] = (byte) 0xfd;
        data[h++] = (byte) n;
        data[h++] = (byte) (n >>> 8);
      } else {
        data[h++] = (byte) 0xfe;
        for (int i = 0; i < 4; i++) {
          data[h++] = (byte) (n >>> (8 * i));
        }
      }
      return io.ainj.crypto.Keccak256.doubleHash(data, start, len - start);
    }
  }
}
