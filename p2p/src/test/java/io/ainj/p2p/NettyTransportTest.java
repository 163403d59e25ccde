package io.ainj.p2p;

import static io.ainj.p2p.P2pTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NettyTransportTest {
  @Test
  void validatorsConnectOverTcpAndSurviveMisbehavingPeers() throws Exception {
    List<NodeIdentity> ids = P2pTestSupport.identities(3);
    P2pConfig cfg = P2pTestSupport.config(ids).withRateLimits(200, 1_000_000);
    List<NettyTransport> ts = new ArrayList<>();
    List<P2pTestSupport.Inbox> inboxes = new ArrayList<>();
    List<InetSocketAddress> endpoints = new ArrayList<>();
    try {
      for (NodeIdentity id : ids) {
        // everyone dials everyone started before it, and the first one dials the later ones too
        NettyTransport t = new NettyTransport(id, cfg, "127.0.0.1", 0, List.copyOf(endpoints));
        P2pTestSupport.Inbox in = new P2pTestSupport.Inbox();
        t.start(in);
        endpoints.add(t.boundAddress());
        ts.add(t);
        inboxes.add(in);
      }
      await(() -> ts.stream().allMatch(t -> t.peers().size() == 2), "a full mesh over TCP");

      ts.get(2).broadcast(1, "block".getBytes(StandardCharsets.UTF_8));
      await(() -> inboxes.get(0).messages.contains("1:block") && inboxes.get(1).messages.contains("1:block"), "gossip");

      int port = ts.get(0).boundAddress().getPort();
      // 1. garbage that is not a frame of a known kind: connection closed
      try (Socket s = new Socket("127.0.0.1", port)) {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(3);
        out.write(new byte[] {(byte) 0xff, 0, 0});
        out.flush();
        assertClosed(s);
      }
      // 2. a frame longer than the limit: connection closed
      try (Socket s = new Socket("127.0.0.1", port)) {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(Integer.MAX_VALUE);
        out.flush();
        assertClosed(s);
      }
      // 3. a forged handshake for an allowed address
      try (Socket s = new Socket("127.0.0.1", port)) {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        writeFrame(out, Frame.hello(0, P2pTestSupport.GENESIS, ids.get(1).address(), new byte[32]).encode());
        writeFrame(out, Frame.auth(new byte[97]).encode());
        assertClosed(s);
      }
      assertTrue(ts.get(0).stats().malformed() >= 2, ts.get(0).stats().toString());
      assertTrue(ts.get(0).stats().handshakeFailures() >= 1, ts.get(0).stats().toString());

      // 4. a flood from a real peer: rate-limited, penalized, disconnected and banned
      for (int i = 0; i < 2_000; i++) {
        ts.get(1).send(ids.get(0).address(), 9, ("flood" + i).getBytes(StandardCharsets.UTF_8));
      }
      await(() -> ts.get(0).stats().rateLimited() > 0, "rate limiting");
      await(() -> !ts.get(0).peers().contains(ids.get(1).address()), "the flooder disconnected");

      // the node still serves its other peer
      ts.get(2).broadcast(1, "after".getBytes(StandardCharsets.UTF_8));
      await(() -> inboxes.get(0).messages.contains("1:after"), "delivery after the attacks");
    } finally {
      ts.forEach(NettyTransport::close);
    }
  }

  private static void writeFrame(DataOutputStream out, byte[] frame) throws Exception {
    out.writeInt(frame.length);
    out.write(frame);
    out.flush();
  }

  private static void assertClosed(Socket s) throws Exception {
    s.setSoTimeout(5_000);
    DataInputStream in = new DataInputStream(s.getInputStream());
    try {
      while (true) {
        int len = in.readInt(); // the server's HELLO (and AUTH) may come first
        in.readNBytes(len);
      }
    } catch (EOFException | java.net.SocketException expected) {
      assertEquals(true, true);
    }
  }
}
