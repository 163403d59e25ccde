package io.ainj.consensus.types;

/**
 * Checks that {@code signature} over {@code digest32} was produced by {@code signer}'s key.
 *
 * <p>Signature recovery dominates CPU cost, so {@code node} should verify incoming messages in a
 * worker pool before they reach the consensus thread (decode with {@code MessageCodec.decode},
 * check with {@code MessageCodec.verify}) and hand the state machine a verifier that first
 * consults a cache of the (digest, signature, signer) triples the pool already accepted. The state machine then only pays for cache misses
 * (nested signatures the pool did not see, its own replays). Implementations must be pure and
 * must not throw for malformed signatures: they answer {@code false}.
 */
@FunctionalInterface
public interface SignatureVerifier {
  boolean verify(byte[] digest32, Signature signature, ValidatorId signer);
}
