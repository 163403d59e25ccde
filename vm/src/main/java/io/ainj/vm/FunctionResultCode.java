package io.ainj.vm;

/** AIN's native-function result codes ({@code FunctionResultCode}); SUCCESS and SKIP do not fail. */
public final class FunctionResultCode {
  private FunctionResultCode() {}

  public static final int SUCCESS = 0;
  public static final int SKIP = 20000;
  public static final int FAILURE = 20001;
  public static final int INTERNAL_ERROR = 20002;
  public static final int INSUFFICIENT_BALANCE = 20101;
  public static final int IN_LOCKUP_PERIOD = 20201;
  public static final int INVALID_LOCKUP_DURATION = 20202;
  public static final int INVALID_SERVICE_NAME = 20301;
  public static final int INVALID_ACCOUNT_NAME = 20401;
  public static final int INVALID_CHECKOUT_AMOUNT = 20402;
  public static final int INVALID_RECIPIENT = 20403;
  public static final int INVALID_TOKEN_BRIDGE_CONFIG = 20404;
  public static final int INVALID_SENDER = 20405;
  public static final int UNPROCESSED_REQUEST_EXISTS = 20406;
  public static final int INVALID_CHECKIN_AMOUNT = 20407;
  public static final int INVALID_SENDER_PROOF = 20408;
  public static final int INVALID_AMOUNT = 20501;

  /** AIN {@code isFailedFuncResultCode}: anything but SUCCESS and SKIP fails. */
  public static boolean isFailed(int code) {
    return code != SUCCESS && code != SKIP;
  }
}
