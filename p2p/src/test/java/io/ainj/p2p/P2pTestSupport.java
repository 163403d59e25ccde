package io.ainj.p2p;

import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.Keys;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

final class P2pTestSupport {
  static final AinCrypto CRYPTO = AinCrypto.defaultInstance();
  static final byte[] GENESIS = new byte[] {1, 2, 3, 4};
  private static final SecureRandom RANDOM = new SecureRandom();

  private P2pTestSupport() {}

  static List<NodeIdentity> identities(int n) {
    List<NodeIdentity> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new NodeIdentity(CRYPTO, Keys.generatePrivateKey(RANDOM)));
    }
    return out;
  }

  static P2pConfig config(Collection<NodeIdentity> allowed) {
    return P2pConfig.defaults(0, GENESIS, Set.copyOf(allowed.stream().map(NodeIdentity::address).toList()))
        .withTimeouts(2_000, 3_000, 100, 5_000);
  }

  static void await(BooleanSupplier cond, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!cond.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  /** Records every delivered message. */
  static final class Inbox implements MessageHandler {
    final List<String> messages = new CopyOnWriteArrayList<>();
    final Map<String, Boolean> connected = new ConcurrentHashMap<>();

    @Override
    public void onMessage(String peer, int channel, byte[] payload) {
      messages.add(channel + ":" + new String(payload));
    }

    @Override
    public void onPeerConnected(String peer) {
      connected.put(peer, true);
    }

    @Override
    public void onPeerDisconnected(String peer) {
      connected.remove(peer);
    }
  }
}
