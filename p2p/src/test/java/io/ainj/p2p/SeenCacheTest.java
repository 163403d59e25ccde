package io.ainj.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The de-duplication cache: what it says is new, and which ids it forgets first. */
class SeenCacheTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aMessageIsNewOncePerChannel() {
    SeenCache c = new SeenCache(16);
    assertTrue(c.add(1, bytes("hello")));
    assertFalse(c.add(1, bytes("hello")));
    assertTrue(c.add(2, bytes("hello")), "the same payload on another channel");
    assertTrue(c.add(1, new byte[0]));
    assertFalse(c.add(1, new byte[0]));
    assertEquals(3, c.size());
  }

  @Test
  void theOldestIdIsForgottenFirst() {
    SeenCache c = new SeenCache(3);
    for (String s : new String[] {"a", "b", "c"}) {
      assertTrue(c.add(1, bytes(s)));
    }
    assertTrue(c.add(1, bytes("d")), "a goes");
    assertFalse(c.add(1, bytes("b")));
    assertFalse(c.add(1, bytes("d")));
    assertTrue(c.add(1, bytes("a")), "a was forgotten; b goes");
    assertTrue(c.add(1, bytes("b")));
    assertEquals(3, c.size());
  }

  /**
   * Against a bounded insertion-ordered map, over many adds from a small set of messages, so
   * that probing chains, evictions from the middle of them and wrap-around all happen.
   */
  @Test
  void agreesWithABoundedInsertionOrderedSet() {
    int capacity = 1000;
    SeenCache c = new SeenCache(capacity);
    Map<String, Boolean> model = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
    Random rnd = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      int channel = rnd.nextInt(3);
      String msg = "m" + rnd.nextInt(2500);
      boolean expected = model.put(channel + "/" + msg, Boolean.TRUE) == null;
      assertEquals(expected, c.add(channel, bytes(msg)), "add " + i);
    }
    assertEquals(model.size(), c.size());
  }
}
