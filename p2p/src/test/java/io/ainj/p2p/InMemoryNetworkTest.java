package io.ainj.p2p;

import static io.ainj.p2p.P2pTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryNetworkTest {
  @Test
  void fullMeshBroadcastsOnceAndSendsDirectly() throws Exception {
    List<NodeIdentity> ids = P2pTestSupport.identities(4);
    InMemoryNetwork net = new InMemoryNetwork();
    P2pConfig cfg = P2pTestSupport.config(ids);
    List<Transport> ts = new ArrayList<>();
    List<P2pTestSupport.Inbox> inboxes = new ArrayList<>();
    for (NodeIdentity id : ids) {
      Transport t = net.create(id, cfg, ids.stream().map(NodeIdentity::address).toList());
      P2pTestSupport.Inbox in = new P2pTestSupport.Inbox();
      t.start(in);
      ts.add(t);
      inboxes.add(in);
    }
    await(() -> ts.stream().allMatch(t -> t.peers().size() == 3), "a full mesh");
    ts.get(0).broadcast(1, "hello".getBytes(StandardCharsets.UTF_8));
    ts.get(0).broadcast(1, "hello".getBytes(StandardCharsets.UTF_8)); // de-duplicated at the sender
    await(() -> inboxes.subList(1, 4).stream().allMatch(i -> i.messages.size() == 1), "gossip");
    assertTrue(inboxes.get(0).messages.isEmpty());
    assertTrue(ts.get(1).send(ids.get(2).address(), 5, "direct".getBytes(StandardCharsets.UTF_8)));
    assertTrue(ts.get(1).send(ids.get(2).address(), 5, "direct".getBytes(StandardCharsets.UTF_8)));
    await(() -> inboxes.get(2).messages.size() == 3, "two direct messages, not de-duplicated");
    ts.forEach(Transport::close);
  }

  @Test
  void relayReachesPeersThatAreNotNeighboursExactlyOnce() throws Exception {
    List<NodeIdentity> ids = P2pTestSupport.identities(3);
    InMemoryNetwork net = new InMemoryNetwork();
    P2pConfig cfg = P2pTestSupport.config(ids).withRelayChannels(Set.of(2));
    // a line: 0 - 1 - 2
    Transport a = net.create(ids.get(0), cfg, List.of());
    Transport b = net.create(ids.get(1), cfg, List.of(ids.get(0).address()));
    Transport c = net.create(ids.get(2), cfg, List.of(ids.get(1).address()));
    P2pTestSupport.Inbox ic = new P2pTestSupport.Inbox();
    P2pTestSupport.Inbox ia = new P2pTestSupport.Inbox();
    a.start(ia);
    b.start(new P2pTestSupport.Inbox());
    c.start(ic);
    await(() -> b.peers().size() == 2, "the line");
    a.broadcast(2, "tx".getBytes(StandardCharsets.UTF_8));
    a.broadcast(3, "not relayed".getBytes(StandardCharsets.UTF_8));
    await(() -> ic.messages.size() == 1, "relay");
    Thread.sleep(100);
    assertEquals(List.of("2:tx"), ic.messages);
    assertTrue(ia.messages.isEmpty(), "the echo comes back de-duplicated");
    for (Transport t : List.of(a, b, c)) {
      t.close();
    }
  }

  @Test
  void aKeyOutsideTheAllowListIsRefused() throws Exception {
    List<NodeIdentity> ids = P2pTestSupport.identities(3);
    InMemoryNetwork net = new InMemoryNetwork();
    P2pConfig cfg = P2pTestSupport.config(ids.subList(0, 2));
    Transport a = net.create(ids.get(0), cfg, List.of());
    a.start(new P2pTestSupport.Inbox());
    // the stranger even allows a, but a does not allow it
    Transport stranger = net.create(ids.get(2), P2pTestSupport.config(ids), List.of(ids.get(0).address()));
    stranger.start(new P2pTestSupport.Inbox());
    await(() -> a.stats().refused() == 1, "refusal");
    assertFalse(a.peers().contains(ids.get(2).address()));
    assertTrue(stranger.peers().isEmpty());
    a.close();
    stranger.close();
  }

  @Test
  void malformedFramesAndForgedHandshakesCostTheConnectionNotTheNode() throws Exception {
    List<NodeIdentity> ids = P2pTestSupport.identities(2);
    InMemoryNetwork net = new InMemoryNetwork();
    P2pConfig cfg = P2pTestSupport.config(ids);
    Transport a = net.create(ids.get(0), cfg, List.of());
    a.start(new P2pTestSupport.Inbox());

    InMemoryNetwork.RawLink garbage = net.connectRaw(ids.get(0).address());
    garbage.send(new byte[] {(byte) 0xff, 1, 2});
    await(() -> garbage.closed, "the malformed connection closed");

    // claims an allowed address but cannot sign for it
    InMemoryNetwork.RawLink forger = net.connectRaw(ids.get(0).address());
    forger.send(Frame.hello(0, P2pTestSupport.GENESIS, ids.get(1).address(), new byte[32]).encode());
    forger.send(Frame.auth(new byte[97]).encode());
    await(() -> forger.closed, "the forged handshake closed");
    assertEquals(1, a.stats().handshakeFailures());
    assertEquals(1, a.stats().malformed());

    // wrong chain
    InMemoryNetwork.RawLink other = net.connectRaw(ids.get(0).address());
    other.send(Frame.hello(5, P2pTestSupport.GENESIS, ids.get(1).address(), new byte[32]).encode());
    await(() -> other.closed, "another chain refused");
    a.close();
  }
}
