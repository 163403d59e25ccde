package io.ainj.vm.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import org.junit.jupiter.api.Test;

class TimerFlagsTest {
  @Test
  void flagIsOnFromEnabledUpToDisabledBlockAndNeverWithoutABlock() {
    TimerFlags f = TimerFlags.parse(JsonCodec.parse("{\"a\":{\"enabled_block\":2,\"has_bandage\":true},"
        + "\"b\":{\"enabled_block\":0,\"disabled_block\":5},\"c\":{\"has_bandage\":true}}"));
    assertFalse(f.isEnabled("a", Json.of(1)));
    assertTrue(f.isEnabled("a", Json.of(2)));
    assertTrue(f.isEnabled("b", Json.of(0)));
    assertTrue(f.isEnabled("b", Json.of(4)));
    assertFalse(f.isEnabled("b", Json.of(5)), "disabled_block is exclusive");
    assertFalse(f.isEnabled("c", Json.of(100)), "no enabled_block, never on");
    assertFalse(f.isEnabled("missing", Json.of(100)));
    assertFalse(f.isEnabled("b", Json.NULL), "outside block execution every flag is off");
    assertFalse(TimerFlags.none().isEnabled("a", Json.of(100)));
    assertTrue(TimerFlags.base().isEnabled("disable_tx_receipt_recording", Json.of(2)));
    assertFalse(TimerFlags.base().isEnabled("disable_tx_receipt_recording", Json.of(1)));
  }
}
