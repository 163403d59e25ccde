package io.ainj.vm;

/**
 * AIN's transaction and operation result codes (common/result-code.js {@code TxResultCode}),
 * number for number. They are consensus data: they decide whether a transaction failed and they
 * appear in receipts.
 */
public final class ResultCode {
  private ResultCode() {}

  public static final int SUCCESS = 0;

  public static final int SET_VALUE_INVALID_VALUE_STATES = 10101;
  public static final int SET_VALUE_INVALID_VALUE_PATH = 10102;
  public static final int SET_VALUE_NO_WRITABLE_PATH_WITH_SHARD_CONFIG = 10103;
  public static final int SET_VALUE_TRIGGERED_FUNCTION_CALL_FAILED = 10104;
  public static final int SET_VALUE_TRIGGERED_SUBTREE_FUNCTION_CALL_FAILED = 10105;
  public static final int INC_VALUE_NOT_A_NUMBER_TYPE = 10201;
  public static final int DEC_VALUE_NOT_A_NUMBER_TYPE = 10301;
  public static final int SET_FUNCTION_INVALID_FUNCTION_STATES = 10401;
  public static final int SET_FUNCTION_INVALID_FUNCTION_PATH = 10402;
  public static final int SET_FUNCTION_INVALID_FUNCTION_TREE = 10403;
  public static final int SET_FUNCTION_OWNER_ONLY_FUNCTION = 10404;
  public static final int SET_RULE_INVALID_RULE_STATES = 10501;
  public static final int SET_RULE_INVALID_RULE_PATH = 10502;
  public static final int SET_RULE_INVALID_RULE_TREE = 10503;
  public static final int SET_OWNER_INVALID_OWNER_STATES = 10601;
  public static final int SET_OWNER_INVALID_OWNER_PATH = 10602;
  public static final int SET_OWNER_INVALID_OWNER_TREE = 10603;

  public static final int TX_ALREADY_RECEIVED = 10701;
  public static final int TX_INVALID = 10702;
  public static final int TX_INVALID_SIGNATURE = 10703;
  public static final int TX_POOL_NOT_ENOUGH_ROOM = 10704;
  public static final int TX_POOL_NOT_ENOUGH_ROOM_FOR_ACCOUNT = 10705;
  public static final int TX_NO_TX_BODY = 10706;
  public static final int TX_NOT_EXECUTABLE = 10707;
  public static final int TX_INVALID_OPERATION = 10708;
  public static final int TX_INVALID_OPERATION_TYPE = 10709;
  public static final int TX_NON_NUMERIC_NONCE = 10710;
  public static final int TX_NON_NUMERIC_TIMESTAMP = 10711;
  public static final int TX_INVALID_NONCE_FOR_ACCOUNT = 10712;
  public static final int TX_INVALID_TIMESTAMP_FOR_ACCOUNT = 10713;
  public static final int TX_INVALID_GAS_PRICE = 10714;
  public static final int TX_POOL_NOT_ENOUGH_FREE_ROOM = 10715;
  public static final int TX_POOL_NOT_ENOUGH_FREE_ROOM_FOR_ACCOUNT = 10716;
  public static final int TX_SET_EXCEEDS_OP_LIST_SIZE_LIMIT = 30005;

  public static final int BILLING_INVALID_PARAM = 10801;
  public static final int BILLING_NO_ACCOUNT_PERMISSION = 10802;
  public static final int BILLING_MULTI_APP_DEPENDENCY = 10803;
  public static final int BILLING_INVALID_BILLING_ACCOUNT = 10804;
  public static final int BILLING_BALANCE_TOO_LOW = 10805;
  public static final int BILLING_APP_STAKE_TOO_LOW = 10806;

  public static final int GAS_EXCEED_STATE_BUDGET_LIMIT_FOR_ALL_SERVICES = 10901;
  public static final int GAS_EXCEED_STATE_BUDGET_LIMIT_FOR_ALL_APPS = 10902;
  public static final int GAS_EXCEED_STATE_BUDGET_LIMIT_FOR_FREE_TIER = 10905;
  public static final int GAS_EXCEED_STATE_BUDGET_LIMIT_FOR_APP = 10907;
  public static final int FEE_BALANCE_TOO_LOW = 11001;
  public static final int FEE_FAILED_TO_COLLECT_GAS_FEE = 11002;
  public static final int TREE_OUT_OF_TREE_HEIGHT_LIMIT = 11101;
  public static final int TREE_OUT_OF_TREE_BYTES_LIMIT = 11103;

  public static final int EVAL_RULE_NON_EMPTY_SUBTREE_RULES = 12101;
  public static final int EVAL_RULE_INTERNAL_ERROR = 12102;
  public static final int EVAL_RULE_FALSE_WRITE_RULE_EVAL = 12103;
  public static final int EVAL_RULE_FALSE_STATE_RULE_EVAL = 12104;
  public static final int EVAL_RULE_SYNTAX_ERROR = 12105;
  public static final int EVAL_OWNER_INVALID_PERMISSION = 12201;
  public static final int EVAL_OWNER_NON_EMPTY_SUBTREE_OWNERS_FOR_RULE = 12301;
  public static final int EVAL_OWNER_FALSE_PERMISSION_CHECK_FOR_RULE = 12302;
  public static final int EVAL_OWNER_NON_EMPTY_SUBTREE_OWNERS_FOR_FUNCTION = 12401;
  public static final int EVAL_OWNER_FALSE_PERMISSION_CHECK_FOR_FUNCTION = 12402;
  public static final int EVAL_OWNER_NON_EMPTY_SUBTREE_OWNERS_FOR_OWNER = 12501;
  public static final int EVAL_OWNER_FALSE_PERMISSION_CHECK_FOR_OWNER = 12502;

  public static final int DB_FAILED_TO_BACKUP_DB = 16001;
  public static final int BLOCKCHAIN_NODE_NOT_SERVING = 18001;
}
