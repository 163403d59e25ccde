package io.ainj.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeerScoresTest {
  @Test
  void penaltiesAddUpToABanThatExpiresAndScoresRecover() {
    AtomicLong now = new AtomicLong(1_000_000);
    PeerScores s = new PeerScores(now::get, 30_000);
    assertFalse(s.penalize("0xAb", PeerScores.MALFORMED));
    assertFalse(s.isBanned("0xab"));
    assertTrue(s.penalize("0xAB", PeerScores.MALFORMED), "the second malformed frame reaches the threshold");
    assertTrue(s.isBanned("0xab"));
    now.addAndGet(30_001);
    assertFalse(s.isBanned("0xab"));
    assertFalse(s.penalize("0xab", 60));
    now.addAndGet(20_000); // one point per second
    assertEquals(-40, s.score("0xab"), 1e-9);
    now.addAndGet(100_000);
    assertEquals(0, s.score("0xab"), 1e-9);
  }

  @Test
  void tokenBucketAllowsABurstThenTheRate() {
    TokenBucket b = new TokenBucket(100, 0);
    int taken = 0;
    while (b.tryTake(1, 0)) {
      taken++;
    }
    assertEquals(200, taken);
    assertFalse(b.tryTake(1, 5_000_000)); // 0.5 token after 5 ms
    assertTrue(b.tryTake(1, 10_000_000));
  }
}
