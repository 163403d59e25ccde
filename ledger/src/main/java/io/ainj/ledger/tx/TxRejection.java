package io.ainj.ledger.tx;

/**
 * Why the JSON-RPC layer refused a transaction before it reached the pool, with AIN's wrapper
 * code (§1.8 of the protocol spec). Batch items use the 3040x codes instead.
 */
public record TxRejection(int code, String message) {
  public static final int TX_EXCEEDS_SIZE_LIMIT = 30301;
  public static final int TX_MISSING_PROPERTIES = 30302;
  public static final int TX_INVALID_FORMAT = 30303;
  public static final int TX_INVALID_SIGNATURE = 30304;

  public static final int BATCH_INVALID_FORMAT = 30401;
  public static final int BATCH_TX_LIST_EXCEEDS_SIZE_LIMIT = 30402;
  public static final int BATCH_TX_EXCEEDS_SIZE_LIMIT = 30403;
  public static final int BATCH_TX_MISSING_PROPERTIES = 30404;
  public static final int BATCH_TX_INVALID_FORMAT = 30405;
  public static final int BATCH_TX_INVALID_SIGNATURE = 30406;

  /** The batch form of a single-transaction rejection, naming the item's index. */
  public TxRejection forBatchItem(int index) {
    int batchCode =
        switch (code) {
          case TX_EXCEEDS_SIZE_LIMIT -> BATCH_TX_EXCEEDS_SIZE_LIMIT;
          case TX_MISSING_PROPERTIES -> BATCH_TX_MISSING_PROPERTIES;
          case TX_INVALID_FORMAT -> BATCH_TX_INVALID_FORMAT;
          default -> BATCH_TX_INVALID_SIGNATURE;
        };
    return new TxRejection(batchCode, message + " (tx_list[" + index + "])");
  }
}
