package io.ainj.ledger.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinHash;
import io.ainj.crypto.AinSignature;
import io.ainj.crypto.CryptoException;
import io.ainj.crypto.Hex;
import java.util.Arrays;

/**
 * The admission checks of a submitted transaction in AIN's order (protocol spec §1.8):
 * presence, size, format, then the signature. The signature check is one public-key recovery
 * (see {@link AinCrypto#verify}); callers run this off the consensus thread and keep the
 * resulting {@link Transaction}, so no node recovers a signature twice.
 */
public final class TxVerifier {
  private final AinCrypto crypto;
  private final int chainId;
  private final long txBytesLimit;

  public TxVerifier(AinCrypto crypto, int chainId, long txBytesLimit) {
    this.crypto = crypto;
    this.chainId = chainId;
    this.txBytesLimit = txBytesLimit;
  }

  /** Either a verified transaction or the rejection. */
  public sealed interface Outcome permits Verified, Rejected {}

  public record Verified(Transaction tx) implements Outcome {}

  public record Rejected(TxRejection rejection) implements Outcome {}

  private final java.util.concurrent.atomic.LongAdder checks = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder checkNanos = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder rejected = new java.util.concurrent.atomic.LongAdder();

  /** Counts for metrics: checks run, their total time, and how many were refused. */
  public record Stats(long checks, long totalNanos, long rejected) {}

  public Stats stats() {
    return new Stats(checks.sum(), checkNanos.sum(), rejected.sum());
  }

  public Outcome verify(JsonNode txBody, JsonNode signature) {
    long t0 = System.nanoTime();
    Outcome out = doVerify(txBody, signature);
    checks.increment();
    checkNanos.add(System.nanoTime() - t0);
    if (out instanceof Rejected) {
      rejected.increment();
    }
    return out;
  }

  private Outcome doVerify(JsonNode txBody, JsonNode signature) {
    if (txBody == null || txBody.isNull() || txBody.isMissingNode()
        || signature == null || signature.isNull() || signature.isMissingNode()) {
      return reject(TxRejection.TX_MISSING_PROPERTIES, "Missing properties: tx_body and signature are required.");
    }
    long size = ObjectSizeof.of(txBody);
    if (size > txBytesLimit) {
      return reject(TxRejection.TX_EXCEEDS_SIZE_LIMIT,
          "Transaction size exceeds its limit: " + size + " > " + txBytesLimit);
    }
    String why = TxBodyFormat.check(txBody);
    if (why != null) {
      return reject(TxRejection.TX_INVALID_FORMAT, "Invalid transaction format: " + why);
    }
    if (!signature.isTextual()) {
      return reject(TxRejection.TX_INVALID_SIGNATURE, "Invalid transaction signature: not a string");
    }
    AinSignature sig;
    try {
      sig = AinSignature.decode(signature.textValue());
    } catch (CryptoException e) {
      return reject(TxRejection.TX_INVALID_SIGNATURE, "Invalid transaction signature: " + e.getMessage());
    }
    byte[] hash = AinHash.txHash(txBody);
    if (!Arrays.equals(hash, sig.hash())) {
      return reject(TxRejection.TX_INVALID_SIGNATURE,
          "Invalid transaction signature: it signs a different hash than the body's");
    }
    String address;
    try {
      address = crypto.recoverSigner(hash, sig, chainId);
    } catch (CryptoException e) {
      return reject(TxRejection.TX_INVALID_SIGNATURE, "Invalid transaction signature: " + e.getMessage());
    }
    if (address == null) {
      return reject(TxRejection.TX_INVALID_SIGNATURE, "Invalid transaction signature: high s value.");
    }
    return new Verified(new Transaction(txBody, signature.textValue(), Hex.encodePrefixed(hash), address));
  }

  private static Outcome reject(int code, String message) {
    return new Rejected(new TxRejection(code, message));
  }
}
