package io.ainj.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinHash;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.AinSignature;
import io.ainj.crypto.CanonicalJson;
import io.ainj.crypto.EcdsaBackend;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.crypto.Keccak256;
import io.ainj.crypto.Keys;
import io.ainj.crypto.RecoverableSignature;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-transaction crypto costs: signing, recovery on each backend (recovery is about 90 % of
 * a transaction's CPU cost, so it sets every throughput ceiling), Keccak over a typical body and
 * canonical JSON of a typical transaction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CryptoBenchmark {
  /** A transaction body shaped like what ain-js sends for {@code ref(path).setValue(...)}. */
  static final String TYPICAL_TX_BODY =
      "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/apps/chat/messages/1700000000000\","
          + "\"value\":{\"user\":\"0xA9F5a0e669BaA3DC97709f76AC5DAe3275c8eDa4\","
          + "\"text\":\"hello from the benchmark\",\"n\":12.5},\"is_global\":false},"
          + "\"nonce\":-1,\"timestamp\":1700000000000,\"gas_price\":500}";

  @Param({"native", "bc"})
  public String backend;

  private EcdsaBackend ecdsa;
  private AinCrypto crypto;
  private byte[] privateKey;
  private byte[] hash;
  private RecoverableSignature signature;
  private AinSignature ainSignature;
  private String address;
  private JsonNode txBody;
  private byte[] body300;

  @Setup
  public void setup() {
    ecdsa = EcdsaBackends.select(EcdsaBackends.Choice.parse(backend));
    crypto = new AinCrypto(ecdsa);
    privateKey = Keys.parsePrivateKey("6aae62c75d0a3b013aecfb28ca653e1e21b558e2e6dd0a95639a9291cc90c2c8");
    txBody = AinJson.parse(TYPICAL_TX_BODY);
    hash = AinHash.txHash(txBody);
    signature = ecdsa.sign(hash, privateKey);
    ainSignature = crypto.sign(hash, privateKey, 0);
    address = crypto.address(privateKey);
    body300 = new byte[300];
    new Random(1).nextBytes(body300);
  }

  @Benchmark
  public RecoverableSignature sign() {
    return ecdsa.sign(hash, privateKey);
  }

  @Benchmark
  public byte[] recover() {
    return ecdsa.recover(hash, signature.r(), signature.s(), signature.recoveryId());
  }

  /** What admission pays per transaction: hash check, low-s check, one recovery, address compare. */
  @Benchmark
  public boolean verifyTransaction() {
    return crypto.verify(hash, ainSignature, address, 0);
  }

  /** Backend-independent; measured under both params only because the class is parameterised. */
  @Benchmark
  public byte[] keccak300Bytes() {
    return Keccak256.hash(body300);
  }

  @Benchmark
  public String canonicalJsonOfTypicalTx() {
    return CanonicalJson.stringify(txBody);
  }

  @Benchmark
  public byte[] txHashOfTypicalTx() {
    return AinHash.txHash(txBody);
  }
}
