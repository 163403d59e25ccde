package io.ainj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.bouncycastle.crypto.digests.KeccakDigest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast Keccak behind {@link Keccak256} must be byte-identical to Bouncy Castle's. */
class FastKeccakTest {
  @Test
  void knownDigests() {
    // keccak256("") and keccak256("abc"), Ethereum's well-known values.
    assertArrayEquals(
        HexFormat.of().parseHex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        FastKeccak.hash(new byte[0], 0, 0));
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(
        HexFormat.of().parseHex("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
        FastKeccak.hash(abc, 0, 3));
  }

  @Test
  void matchesTheReferenceForEveryLengthAroundTheBlockBoundaries() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int len = 0; len <= 3 * FastKeccak.RATE + 9; len++) {
      for (int off : new int[] {0, 1, 5}) {
        byte[] buf = new byte[off + len + 3];
        for (int i = 0; i < buf.length; i++) {
          buf[i] = (byte) rnd.nextInt(256);
        }
        byte[] once = reference(buf, off, len);
        assertArrayEquals(once, FastKeccak.hash(buf, off, len), "len " + len + " off " + off);
        assertArrayEquals(reference(once, 0, once.length), FastKeccak.doubleHash(buf, off, len),
            "double, len " + len + " off " + off);
      }
    }
  }

  @Test
  void matchesTheReferenceOnLargeInputs() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int len : new int[] {4_096, 10_000, 65_537}) {
      byte[] buf = new byte[len];
      for (int i = 0; i < len; i++) {
        buf[i] = (byte) rnd.nextInt(256);
      }
      byte[] once = reference(buf, 0, len);
      assertArrayEquals(reference(once, 0, once.length), FastKeccak.doubleHash(buf, 0, len));
    }
  }

  private static byte[] reference(byte[] in, int off, int len) {
    KeccakDigest d = new KeccakDigest(256);
    d.update(in, off, len);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
