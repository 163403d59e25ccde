package io.ainj.node.net;

import io.ainj.consensus.types.Signature;
import io.ainj.consensus.types.SignatureVerifier;
import io.ainj.consensus.types.ValidatorId;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signature verifier that remembers what it verified. The verification pool checks each
 * packet's signature as it arrives; when the consensus thread checks the same signature again
 * (the state machine always verifies), it is a lookup, so signature recovery never runs on the
 * consensus thread for packets that came through the pool.
 */
public final class CachingVerifier implements SignatureVerifier {
  private static final int CAPACITY = 65_536;
  private final SignatureVerifier delegate;
  private final Map<ByteBuffer, Boolean> verified = new LinkedHashMap<>(4096, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
      return size() > CAPACITY;
    }
  };

  public CachingVerifier(SignatureVerifier delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean verify(byte[] digest32, Signature signature, ValidatorId signer) {
    byte[] sig = signature.toBytes();
    byte[] who = signer.toBytes();
    ByteBuffer key = ByteBuffer.allocate(digest32.length + sig.length + who.length).put(digest32).put(sig).put(who).flip();
    synchronized (verified) {
      if (verified.containsKey(key)) {
        return true;
      }
    }
    boolean ok = delegate.verify(digest32, signature, signer);
    if (ok) {
      synchronized (verified) {
        verified.put(key, Boolean.TRUE);
      }
    }
    return ok;
  }
}
