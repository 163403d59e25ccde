package io.ainj.rpc;

/**
 * Codes of the AIN JSON-RPC result wrapper ({@code result.code}, spec section 2.4). They travel
 * inside a successful JSON-RPC response, so ain-js turns them into a {@code BlockchainError};
 * the JSON-RPC level codes (-32xxx) live in {@link io.ainj.rpc.jsonrpc.JsonRpcErrors}.
 *
 * <p>0 appears on the wire only for the two methods whose success wrapper carries a code
 * ({@code ain_checkProtocolVersion}, {@code ain_validateAppName}); see {@link RpcResult.Raw}.
 */
public final class AinRpcCodes {
  public static final int SUCCESS = 0;

  // ain_get
  public static final int GET_INVALID_OPERATION = 30001;
  public static final int GET_EXCEEDS_MAX_BYTES = 30002;
  public static final int GET_EXCEEDS_MAX_SIBLINGS = 30003;
  public static final int GET_OP_LIST_EXCEEDS_SIZE_LIMIT = 30004;
  public static final int GET_INVALID_OP_LIST = 30006;

  // protocol-version gate (also ain_checkProtocolVersion)
  public static final int PROTO_VERSION_NOT_SPECIFIED = 30101;
  public static final int PROTO_VERSION_INVALID = 30102;
  public static final int PROTO_VERSION_INCOMPATIBLE = 30103;

  // ain_sendSignedTransaction(Dryrun)
  public static final int TX_EXCEEDS_SIZE_LIMIT = 30301;
  public static final int TX_MISSING_PROPERTIES = 30302;
  public static final int TX_INVALID_FORMAT = 30303;
  public static final int TX_INVALID_SIGNATURE = 30304;

  // ain_sendSignedTransactionBatch
  public static final int BATCH_INVALID_FORMAT = 30401;
  public static final int BATCH_TX_LIST_EXCEEDS_SIZE_LIMIT = 30402;
  public static final int BATCH_TX_EXCEEDS_SIZE_LIMIT = 30403;
  public static final int BATCH_TX_MISSING_PROPERTIES = 30404;
  public static final int BATCH_TX_INVALID_FORMAT = 30405;
  public static final int BATCH_TX_INVALID_SIGNATURE = 30406;

  // admin API
  public static final int ADMIN_FORBIDDEN_REQUEST = 30501;
  public static final int ADMIN_PARAM_INVALID = 30502;
  public static final int ADMIN_VALUE_NOT_A_STRING_TYPE = 30503;
  public static final int ADMIN_ALREADY_IN_WHITELIST = 30504;
  public static final int ADMIN_NOT_IN_WHITELIST = 30505;

  // ain_validateAppName
  public static final int INVALID_APP_NAME_FOR_STATE_LABEL = 30601;
  public static final int INVALID_APP_NAME_FOR_SERVICE_NAME = 30602;
  public static final int APP_NAME_ALREADY_IN_USE = 30603;

  private AinRpcCodes() {}
}
