package io.ainj.consensus.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.consensus.sim.SimKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorSetTest {
  static ValidatorSet of(int n) {
    SimKeys keys = SimKeys.fast(n);
    List<ValidatorId> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(keys.id(i));
    }
    return ValidatorSet.of(ids);
  }

  @Test
  void quorumsIntersectInAnHonestValidatorAndHonestValidatorsCanFormOne() {
    for (int n = 1; n <= 40; n++) {
      ValidatorSet vs = of(n);
      int f = vs.maxFaulty();
      int q = vs.quorum();
      assertEquals((n - 1) / 3, f);
      assertTrue(2 * q - n > f, "safety: two quorums share more than f validators, n=" + n);
      assertTrue(q <= n - f, "liveness: the honest validators alone form a quorum, n=" + n);
      if (n == 3 * f + 1) {
        assertEquals(2 * f + 1, q);
      }
    }
  }

  @Test
  void orderIsIndependentOfInputOrderAndDuplicatesCollapse() {
    ValidatorSet a = of(7);
    List<ValidatorId> shuffled = new ArrayList<>(a.validators());
    Collections.reverse(shuffled);
    shuffled.add(shuffled.get(0));
    assertEquals(a, ValidatorSet.of(shuffled));
    assertThrows(IllegalArgumentException.class, () -> ValidatorSet.of(List.of()));
  }

  @Test
  void roundRobinIsAPureRotationByHeightAndView() {
    ValidatorSet vs = of(4);
    ProposerSelector sel = ProposerSelector.ROUND_ROBIN;
    assertEquals(sel.proposer(vs, 10, 3), sel.proposer(of(4), 10, 3));
    assertEquals(vs.get(1), sel.proposer(vs, 1, 0));
    assertEquals(vs.get(2), sel.proposer(vs, 1, 1));
    assertEquals(vs.get(2), sel.proposer(vs, 2, 0));
    assertEquals(vs.get(3), sel.proposer(vs, Long.MAX_VALUE, 0));
  }

  @Test
  void roundTimeoutBacksOffExponentiallyUpToTheCap() {
    ConsensusConfig c = ConsensusConfig.DEFAULTS.withRoundTimeouts(500, 10_000);
    assertEquals(500, c.roundTimeoutMillis(0));
    assertEquals(1_000, c.roundTimeoutMillis(1));
    assertEquals(8_000, c.roundTimeoutMillis(4));
    assertEquals(10_000, c.roundTimeoutMillis(5));
    assertEquals(10_000, c.roundTimeoutMillis(Integer.MAX_VALUE));
    assertThrows(IllegalArgumentException.class,
        () -> ConsensusConfig.DEFAULTS.withRoundTimeouts(10, 5));
  }

  @Test
  void hexFormsRoundTrip() {
    Hash h = Hash.fromHex("0x" + "ab".repeat(32));
    assertEquals(h, Hash.fromHex(h.toHex()));
    ValidatorId v = ValidatorId.fromHex("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    assertEquals("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf", v.toHex());
    assertThrows(IllegalArgumentException.class, () -> Hash.fromHex("0x12"));
    assertThrows(IllegalArgumentException.class, () -> ValidatorId.fromHex("0x" + "zz".repeat(20)));
  }
}
