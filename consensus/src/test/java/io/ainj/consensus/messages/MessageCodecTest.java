package io.ainj.consensus.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.consensus.sim.SimBlocks;
import io.ainj.consensus.sim.SimKeys;
import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  final SimKeys keys = SimKeys.fast(4);
  final MessageCodec codec = new MessageCodec(0, 1 << 20);
  final Block block = SimBlocks.build(3, SimBlocks.genesisHash(), 1, 42, true);
  final Hash h = block.hash();

  <M extends Message> Signed<M> sign(int i, M m) {
    return new Signed<>(m, keys.id(i), keys.signer(i).sign(codec.digest(m)));
  }

  List<Packet> samples() {
    PreparedCertificate pc = new PreparedCertificate(sign(0, new PrePrepare(3, 0, h)),
        List.of(sign(1, new Prepare(3, 0, h)), sign(2, new Prepare(3, 0, h))));
    Signed<ViewChange> vc1 = sign(1, new ViewChange(3, 1, Optional.of(pc)));
    Signed<ViewChange> vc2 = sign(2, new ViewChange(3, 1, Optional.empty()));
    Signed<ViewChange> vc3 = sign(3, new ViewChange(3, 1, Optional.empty()));
    CommitCertificate cert = new CommitCertificate(3, 1, h, List.of(
        new Seal(keys.id(0), keys.signer(0).sign(codec.digest(new Commit(3, 1, h))))));
    return List.of(
        Packet.of(sign(0, new PrePrepare(3, 0, h)), block),
        Packet.of(sign(1, new Prepare(3, 0, h))),
        Packet.of(sign(2, new Commit(3, 7, h))),
        Packet.of(vc1, block),
        Packet.of(vc2),
        Packet.of(sign(1, new NewView(3, 1, List.of(vc1, vc2, vc3),
            sign(1, new PrePrepare(3, 1, h)))), block),
        Packet.of(sign(3, new Checkpoint(100, h))),
        Packet.of(sign(0, new Decision(cert))));
  }

  @Test
  void everyMessageKindRoundTripsAndReEncodesToTheSameBytes() {
    for (Packet p : samples()) {
      byte[] bytes = codec.encode(p);
      DecodeResult<Packet> r = codec.decode(bytes);
      assertTrue(r.isOk(), () -> "decode failed for " + p);
      assertEquals(p, r.value());
      assertArrayEquals(bytes, codec.encode(r.value()));
      assertTrue(codec.verify(r.value().message(), keys.verifier()));
    }
  }

  @Test
  void digestsBindTheChainAndTheContent() {
    Prepare p = new Prepare(3, 0, h);
    assertArrayEquals(codec.digest(p), new MessageCodec(0, 10).digest(p));
    assertFalse(Arrays.equals(codec.digest(p), new MessageCodec(2, 10).digest(p)));
    assertFalse(Arrays.equals(codec.digest(p), codec.digest(new Commit(3, 0, h))));
    assertFalse(Arrays.equals(codec.digest(p), codec.digest(new Prepare(3, 1, h))));
    assertEquals(32, codec.digest(p).length);
  }

  @Test
  void garbageTruncationAndBitFlipsDecodeToErrorsNeverExceptions() {
    SplittableRandom rnd = new SplittableRandom(7);
    int errors = 0;
    for (Packet p : samples()) {
      byte[] bytes = codec.encode(p);
      for (int cut = 0; cut < bytes.length; cut++) {
        assertFalse(codec.decode(Arrays.copyOf(bytes, cut)).isOk());
        errors++;
      }
      for (int i = 0; i < 300; i++) {
        byte[] flipped = bytes.clone();
        flipped[rnd.nextInt(flipped.length)] ^= (byte) (1 + rnd.nextInt(255));
        DecodeResult<Packet> r = codec.decode(flipped);
        if (r.isOk() && !r.value().equals(p)) {
          // What still parses is another message: its signature no longer verifies, or the
          // flip hit the unsigned block payload, which the block hash check catches later.
          assertTrue(!codec.verify(r.value().message(), keys.verifier())
              || !r.value().block().equals(p.block()));
        }
      }
    }
    for (int i = 0; i < 2_000; i++) {
      byte[] junk = new byte[rnd.nextInt(200)];
      for (int k = 0; k < junk.length; k++) {
        junk[k] = (byte) rnd.nextInt(256);
      }
      codec.decode(junk);
    }
    assertTrue(errors > 0);
    assertFalse(codec.decode(new byte[] {9}).isOk(), "unknown wire version");
  }

  @Test
  void oversizedBlocksAndListsAreRefused() {
    MessageCodec tiny = new MessageCodec(0, 8);
    assertFalse(tiny.decode(codec.encode(samples().get(0))).isOk());
  }

  @Test
  void certificatesRoundTripAndVerify() {
    List<Seal> seals = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      seals.add(new Seal(keys.id(i), keys.signer(i).sign(codec.digest(new Commit(3, 0, h)))));
    }
    CommitCertificate cert = new CommitCertificate(3, 0, h, seals);
    CommitCertificate back = codec.decodeCommitCertificate(codec.encode(cert)).value();
    assertEquals(cert, back);
    io.ainj.consensus.types.ValidatorSet vs = io.ainj.consensus.types.ValidatorSet.of(
        List.of(keys.id(0), keys.id(1), keys.id(2), keys.id(3)));
    assertTrue(back.verify(vs, keys.verifier(), codec));
    // Duplicated seals do not make a quorum.
    CommitCertificate dup = new CommitCertificate(3, 0, h, List.of(seals.get(0), seals.get(0),
        seals.get(1)));
    assertFalse(dup.verify(vs, keys.verifier(), codec));
    // A seal for another view does not count.
    assertFalse(new CommitCertificate(3, 1, h, seals).verify(vs, keys.verifier(), codec));

    CheckpointCertificate cp = new CheckpointCertificate(10, h, List.of());
    assertEquals(cp, codec.decodeCheckpointCertificate(codec.encode(cp)).value());
    assertFalse(codec.decodeCommitCertificate(codec.encode(cp)).isOk());
  }
}
