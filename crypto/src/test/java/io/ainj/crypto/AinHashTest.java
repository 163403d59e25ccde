package io.ainj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AinHashTest {

  @Test
  void varintUsesBitcoinCompactSize() {
    assertArrayEquals(new byte[] {(byte) 0xfc}, varint(0xfc));
    assertArrayEquals(new byte[] {(byte) 0xfd, (byte) 0xfd, 0}, varint(0xfd));
    assertArrayEquals(new byte[] {(byte) 0xfd, (byte) 0xff, (byte) 0xff}, varint(0xffff));
    assertArrayEquals(new byte[] {(byte) 0xfe, 0, 0, 1, 0}, varint(0x10000));
    assertArrayEquals(new byte[] {(byte) 0xff, 0, 0, 0, 0, 1, 0, 0, 0}, varint(0x100000000L));
  }

  @Test
  void longMessagesUseTheMultiByteLengthPrefix() {
    String msg = "a".repeat(300);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(26);
    expected.writeBytes("AINetwork Signed Message:\n".getBytes(StandardCharsets.US_ASCII));
    expected.writeBytes(new byte[] {(byte) 0xfd, 0x2c, 0x01});
    expected.writeBytes(msg.getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(Keccak256.doubleHash(expected.toByteArray()), AinHash.hashMessage(msg));
  }

  @Test
  void oddLengthHexIsLeftPadded() {
    // "0xabc" hashes the bytes 0x0abc with the JS length 5.
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(26);
    expected.writeBytes("AINetwork Signed Message:\n".getBytes(StandardCharsets.US_ASCII));
    expected.write(5);
    expected.writeBytes(new byte[] {0x0a, (byte) 0xbc});
    assertArrayEquals(Keccak256.doubleHash(expected.toByteArray()), AinHash.hashMessage("0xabc"));
    // Upper-case X is not the hex form, so it hashes as text.
    assertEquals(AinHash.hashString("0Xab"), Hex.encodePrefixed(AinHash.hashMessage(
        "0Xab".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void unpairedSurrogatesAreRefused() {
    CryptoException e = assertThrows(CryptoException.class, () -> AinHash.hashMessage("a\uD800b"));
    assertEquals(CryptoException.Reason.INVALID_STRING, e.reason());
    assertThrows(CryptoException.class, () -> AinHash.hashString("\uDC00"));
    // A proper pair is fine and counts two UTF-16 units.
    assertEquals(66, AinHash.hashString("\ud83d\ude80").length());
  }

  @Test
  void canonicalJsonHashIsHashStringOfItsCanonicalForm() throws Exception {
    for (String json : new String[] {"[]", "{\"b\":1,\"a\":[true,null,\"x\"]}", "\"0xab\"", "0",
        "[\"caf\u00e9 \ud83d\ude80\", \"\\ud800 lone\"]", "{\"k\":\"" + "y".repeat(70_000) + "\"}"}) {
      com.fasterxml.jackson.databind.JsonNode node = AinJson.mapper().readTree(json);
      assertEquals(AinHash.hashString(CanonicalJson.stringify(node)), AinHash.hashCanonicalJson(node), json);
    }
  }

  private static byte[] varint(long n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AinHash.writeVarint(out, n);
    return out.toByteArray();
  }
}
