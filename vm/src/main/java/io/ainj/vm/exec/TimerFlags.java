package io.ainj.vm.exec;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AIN's timer flags ({@code timer_flags.json}): behaviour switches keyed on the block number.
 * A flag is on from its {@code enabled_block} up to (excluding) its optional
 * {@code disabled_block}. Outside block execution (a JSON-null block number) every flag is off,
 * as in AIN's {@code isEnabledTimerFlag}.
 *
 * <p>Flags are node configuration, not state: every node of a network must run with the same
 * file, exactly like AIN.
 */
public final class TimerFlags {
  private record Window(double enabledBlock, double disabledBlock) {}

  private final Map<String, Window> flags;

  private TimerFlags(Map<String, Window> flags) {
    this.flags = flags;
  }

  /** No flag is ever on. */
  public static TimerFlags none() {
    return new TimerFlags(Map.of());
  }

  /**
   * Parses a {@code timer_flags.json} object. Entries without a numeric {@code enabled_block}
   * can never be on (AIN treats them so), and are kept out.
   */
  public static TimerFlags parse(Json json) {
    Map<String, Window> out = new LinkedHashMap<>();
    if (json instanceof JObject o) {
      for (int i = 0; i < o.size(); i++) {
        Json enabled = J.get(o.value(i), "enabled_block");
        Json disabled = J.get(o.value(i), "disabled_block");
        if (enabled instanceof JNumber e && e.isFinite()) {
          double d = disabled instanceof JNumber n && n.isFinite() ? n.value() : Double.NaN;
          out.put(o.key(i), new Window(e.value(), d));
        }
      }
    }
    return new TimerFlags(Map.copyOf(out));
  }

  /**
   * The switches of AIN's base config (blockchain-configs/base/timer_flags.json): every flag
   * there is enabled from block 2. Used only when no flags file is supplied.
   */
  public static TimerFlags base() {
    Map<String, Window> m = new LinkedHashMap<>();
    for (String name : new String[] {"allow_lower_case_app_names_only",
        "create_app_config_sanitization", "native_service_path_length_check",
        "update_max_state_tree_size_per_byte", "staking_balance_total_sum",
        "update_max_state_tree_size_per_byte2", "update_bandwidth_budget_params",
        "disable_tx_receipt_recording", "extend_account_registration_gas_amount",
        "add_app_creation_gas_amount", "allow_non_negative_transfer_value_only",
        "update_min_gc_num_siblings_deleted", "update_min_gc_num_siblings_deleted2",
        "tweak_transfer_gc_rule", "allow_up_to_6_decimal_transfer_value_only",
        "update_tx_bytes_limit"}) {
      m.put(name, new Window(2, Double.NaN));
    }
    return new TimerFlags(Map.copyOf(m));
  }

  /** Whether {@code name} is on at {@code blockNumber} (JSON null: never). */
  public boolean isEnabled(String name, Json blockNumber) {
    return blockNumber instanceof JNumber n && n.isFinite() && isEnabled(name, n.value());
  }

  public boolean isEnabled(String name, double blockNumber) {
    Window w = flags.get(name);
    if (w == null || blockNumber < w.enabledBlock()) {
      return false;
    }
    return Double.isNaN(w.disabledBlock()) || blockNumber < w.disabledBlock();
  }

  /** Whether every flag is on at block {@code a} exactly when it is on at block {@code b}. */
  public boolean sameAt(double a, double b) {
    for (String name : flags.keySet()) {
      if (isEnabled(name, a) != isEnabled(name, b)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "TimerFlags" + flags.keySet();
  }
}
