/**
 * AIN-compatible cryptography and canonical encoding: Keccak-256, secp256k1 keys, signatures and
 * recovery (native libsecp256k1 with a Bouncy Castle fallback), AIN's 97-byte signature layout,
 * transaction and message hashing, EIP-55 addresses, canonical JSON and JavaScript number
 * formatting.
 *
 * <p>Everything here is a pure function of its inputs: no I/O, no clock, no logging, no other
 * ainj module. Bad input raises {@link io.ainj.crypto.CryptoException} with a reason, never a
 * wrong answer.
 */
package io.ainj.crypto;
