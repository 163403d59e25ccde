package io.ainj.vm.ainft;

/**
 * Result codes of the AINFT service (docs/ainft.md §4), in the 206xx range that AIN's
 * {@code FunctionResultCode} leaves unused. All but {@link #RESERVED_PATH} are function result
 * codes of {@code _ainft}; that one is the op-level code of a write the policy refuses outright.
 */
public final class AinftCodes {
  private AinftCodes() {}

  public static final int SUCCESS = 0;
  public static final int RESERVED_PATH = 20601;
  public static final int INVALID_REQUEST = 20602;
  public static final int REQUESTER_MISMATCH = 20603;
  public static final int REQUEST_EXISTS = 20604;
  public static final int INVALID_COLLECTION_ID = 20605;
  public static final int COLLECTION_EXISTS = 20606;
  public static final int COLLECTION_NOT_FOUND = 20607;
  public static final int NOT_COLLECTION_ADMIN = 20608;
  public static final int INVALID_RECORD = 20609;
  public static final int INVALID_DIGEST = 20610;
  public static final int TOKEN_EXISTS = 20611;
  public static final int TOKEN_NOT_FOUND = 20612;
  public static final int TOKEN_BURNED = 20613;
  public static final int UNKNOWN_PARENT = 20614;
  public static final int LINEAGE_CYCLE = 20615;
  public static final int INVALID_ROYALTY = 20616;
  public static final int ROYALTY_OVER_100 = 20617;
  public static final int INVALID_VERSION = 20618;
  public static final int VERSION_EXISTS = 20619;
  public static final int NOT_OWNER = 20620;
  public static final int NOT_OWNER_OR_APPROVED = 20621;
  public static final int INVALID_ADDRESS = 20622;
  public static final int INVALID_AMOUNT = 20623;
  public static final int INSUFFICIENT_BALANCE = 20624;
  public static final int LAST_ADMIN = 20625;
  public static final int LINEAGE_TOO_DEEP = 20626;
  public static final int TRANSFER_FAILED = 20627;
}
