package io.ainj.node.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
  private static LoadGenerator.Options paced(double rate, double rampS) {
    return new LoadGenerator.Options("http://127.0.0.1:1/json-rpc", 1000, 10, 4, 0, 0, "app", 500,
        null, 10, 60, 1, rate, 0, rampS);
  }

  @Test
  void withoutARampTransactionsAreDueAtTheRate() {
    LoadGenerator.Options o = paced(1000, 0);
    assertEquals(0, o.dueNanos(0));
    assertEquals(1_000_000_000L, o.dueNanos(1000));
    assertEquals(2_500_000L, o.dueNanos(2500) / 1000);
  }

  @Test
  void aRampOffersHalfTheTransactionsOverItsLengthThenTheFullRate() {
    LoadGenerator.Options o = paced(1000, 10);
    // 10 s at a rate rising to 1,000/s offer 5,000 transactions: the 5,000th is due at 10 s.
    assertEquals(10_000_000_000L, o.dueNanos(5000), 1_000);
    // A quarter of the ramp's transactions by half its time (i = rate t² / 2 ramp).
    assertEquals(5_000_000_000L, o.dueNanos(1250), 1_000);
    // After it, one per millisecond.
    assertEquals(11_000_000_000L, o.dueNanos(6000), 1_000);
    long previous = -1;
    for (int i = 0; i < 8000; i++) {
      long due = o.dueNanos(i);
      assertTrue(due >= previous, "due times never go back");
      previous = due;
    }
  }

  @Test
  void aNegativeRampIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> paced(1000, -1));
  }
}
