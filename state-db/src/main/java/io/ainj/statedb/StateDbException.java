package io.ainj.statedb;

/**
 * The one error type of state-db. {@link #reason()} says what went wrong; {@link #ainCode()} is
 * AIN's result code where AIN has one (0 otherwise), so the vm and rpc can answer exactly as the
 * reference does.
 */
public final class StateDbException extends RuntimeException {

  /** Why an operation was refused or failed. */
  public enum Reason {
    /** A label in the path is not a valid state label (10102/10502/10602/10402). */
    INVALID_PATH,
    /** The value/config object is not valid for states (10101/10501/10601/10401). */
    INVALID_VALUE,
    /** The write would put the tree above the height limit (11101). */
    TREE_HEIGHT_LIMIT,
    /** The written subtree is larger than the bytes limit (11103). */
    TREE_BYTES_LIMIT,
    /** A store file or record is missing, truncated or garbled; never repaired silently. */
    CORRUPTED_STORE,
    /** The storage engine failed (I/O error, closed store). */
    STORAGE_FAILURE,
    /** A commit or version operation that contradicts the store's history. */
    INVALID_VERSION
  }

  private final Reason reason;
  private final int ainCode;

  public StateDbException(Reason reason, int ainCode, String message) {
    super(message);
    this.reason = reason;
    this.ainCode = ainCode;
  }

  public StateDbException(Reason reason, String message) {
    this(reason, 0, message);
  }

  public StateDbException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.ainCode = 0;
  }

  public Reason reason() {
    return reason;
  }

  public int ainCode() {
    return ainCode;
  }

  static StateDbException corrupted(String message) {
    return new StateDbException(Reason.CORRUPTED_STORE, message);
  }
}
