package io.ainj.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameTest {
  @Test
  void roundTripsEveryKind() {
    Frame hello = Frame.hello(7, new byte[] {1, 2, 3}, "0xAbc", new byte[32]);
    Frame back = Frame.decode(hello.encode()).orElseThrow();
    assertEquals(Frame.HELLO, back.kind());
    assertEquals(7, back.chainId());
    assertEquals("0xAbc", back.address());
    assertArrayEquals(new byte[] {1, 2, 3}, back.genesisHash());
    Frame data = Frame.decode(Frame.data(3, true, new byte[] {9, 8}).encode()).orElseThrow();
    assertEquals(3, data.channel());
    assertTrue(data.gossip());
    assertArrayEquals(new byte[] {9, 8}, data.payload());
    assertEquals(Frame.PING, Frame.decode(Frame.ping().encode()).orElseThrow().kind());
    assertEquals(Frame.AUTH, Frame.decode(Frame.auth(new byte[97]).encode()).orElseThrow().kind());
  }

  @Test
  void garbageNeverThrows() {
    Random r = new Random(1);
    for (int i = 0; i < 5_000; i++) {
      byte[] b = new byte[r.nextInt(64)];
      r.nextBytes(b);
      Frame.decode(b); // empty or some frame, never an exception
    }
    assertTrue(Frame.decode(new byte[] {(byte) 0xff}).isEmpty());
    assertTrue(Frame.decode(new byte[] {8, 99}).isEmpty()); // unknown kind
  }
}
