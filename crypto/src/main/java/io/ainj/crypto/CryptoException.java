package io.ainj.crypto;

/**
 * The one error type of the crypto module. Every malformed input (bad hex, wrong length, a point
 * off the curve, a signature whose v does not fit the chain id...) becomes one of these with a
 * {@link Reason}, so callers can map it to a protocol error code instead of guessing from text.
 */
public final class CryptoException extends RuntimeException {

  /** Why an input was refused. */
  public enum Reason {
    INVALID_HEX,
    INVALID_LENGTH,
    INVALID_PRIVATE_KEY,
    INVALID_PUBLIC_KEY,
    INVALID_SIGNATURE,
    INVALID_RECOVERY_ID,
    INVALID_CHAIN_ID,
    INVALID_ADDRESS,
    INVALID_STRING,
    INVALID_JSON,
    BACKEND_UNAVAILABLE
  }

  private final Reason reason;

  public CryptoException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public CryptoException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
