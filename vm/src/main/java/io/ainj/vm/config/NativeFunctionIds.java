package io.ainj.vm.config;

import java.util.Set;

/** AIN's native function ids ({@code NativeFunctionIds}) and which of them are owner-only. */
public final class NativeFunctionIds {
  private NativeFunctionIds() {}

  public static final Set<String> ALL = Set.of("_cancelCheckin", "_claim", "_claimReward",
      "_closeCheckin", "_closeCheckout", "_collectFee", "_createApp", "_distributeFee",
      "_eraseValue", "_handleOffenses", "_hold", "_openCheckin", "_openCheckout", "_pay",
      "_release", "_saveLastTx", "_setOwnerConfig", "_stake", "_transfer", "_unstake",
      "_updateLatestShardReport");

  /** Functions only a consensus-app admin may install with SET_FUNCTION (spec 5.3). */
  public static final Set<String> OWNER_ONLY = Set.of("_transfer", "_createApp", "_stake",
      "_unstake", "_collectFee", "_distributeFee", "_claimReward", "_handleOffenses", "_pay",
      "_claim", "_hold", "_release", "_openCheckin", "_cancelCheckin", "_closeCheckin",
      "_openCheckout", "_closeCheckout");

  public static boolean isNative(String fid) {
    return ALL.contains(fid);
  }
}
