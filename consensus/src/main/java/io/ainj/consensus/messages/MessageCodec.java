package io.ainj.consensus.messages;

import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.ConsensusConfig;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.Signature;
import io.ainj.consensus.types.SignatureVerifier;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.crypto.AinHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The canonical byte encoding of consensus messages and their digests.
 *
 * <p>Encoding: big-endian fixed-width integers, a one-byte tag per message kind, u16 counts for
 * lists, u32 lengths for byte strings. A given message has exactly one encoding, so the digest is
 * a function of the content and two honest nodes always sign and verify the same bytes.
 *
 * <p>Digest = AIN {@code hashMessage} (spec section 1.9, raw-bytes form, i.e. double keccak-256 of
 * the "AINetwork Signed Message" prefix and the bytes) over {@code "ainj-pbft/1" || u32 chainId ||
 * body}. The domain string keeps consensus votes from ever being valid signatures of an AIN
 * transaction or user message, and the chain id keeps them from being replayed on another chain.
 */
public final class MessageCodec {
  /** Domain separation of consensus digests; bump the suffix when the encoding changes. */
  public static final byte[] DOMAIN = "ainj-pbft/1".getBytes(StandardCharsets.US_ASCII);

  public static final int WIRE_VERSION = 1;
  /** Far above any validator set; refuses absurd counts before allocating. */
  public static final int MAX_LIST = 4096;

  private static final int CERT_TAG = 0x40;
  private static final int CHECKPOINT_CERT_TAG = 0x41;

  private final int chainId;
  private final int maxBlockBytes;

  public MessageCodec(int chainId, int maxBlockBytes) {
    this.chainId = chainId;
    this.maxBlockBytes = maxBlockBytes;
  }

  public static MessageCodec of(ConsensusConfig config) {
    return new MessageCodec(config.chainId(), config.maxBlockBytes());
  }

  public int chainId() {
    return chainId;
  }

  // ---------------------------------------------------------------- digests

  /** The 32 bytes that the author signs for {@code message}. */
  public byte[] digest(Message message) {
    ByteWriter w = new ByteWriter(128);
    w.raw(DOMAIN).u32(chainId);
    writeMessage(w, message);
    return AinHash.hashMessage(w.toByteArray());
  }

  /** Whether {@code signed} carries a valid signature of its author (outer signature only). */
  public boolean verify(Signed<? extends Message> signed, SignatureVerifier verifier) {
    return verifier.verify(digest(signed.message()), signed.signature(), signed.author());
  }

  // ---------------------------------------------------------------- packets

  public byte[] encode(Packet packet) {
    ByteWriter w = new ByteWriter(256 + packet.block().map(Block::size).orElse(0));
    w.u8(WIRE_VERSION);
    writeSigned(w, packet.message());
    if (packet.block().isPresent()) {
      Block b = packet.block().get();
      w.u8(1).u64(b.height()).raw(b.hash().toBytes()).bytes(b.payload());
    } else {
      w.u8(0);
    }
    return w.toByteArray();
  }

  public DecodeResult<Packet> decode(byte[] bytes) {
    try {
      ByteReader r = new ByteReader(bytes);
      int version = r.u8();
      if (version != WIRE_VERSION) {
        return new DecodeResult.Err<>("unknown wire version " + version);
      }
      Signed<? extends Message> signed = readSigned(r);
      Optional<Block> block = Optional.empty();
      int flag = r.u8();
      if (flag == 1) {
        long height = r.u63();
        Hash hash = Hash.of(r.raw(Hash.LENGTH));
        block = Optional.of(new Block(height, hash, r.bytes(maxBlockBytes)));
      } else if (flag != 0) {
        return new DecodeResult.Err<>("bad block flag " + flag);
      }
      r.expectEnd();
      return new DecodeResult.Ok<>(new Packet(signed, block));
    } catch (ByteReader.Malformed | IllegalArgumentException e) {
      return new DecodeResult.Err<>(e.getMessage());
    }
  }

  // ---------------------------------------------------------------- certificates

  public byte[] encode(CommitCertificate cert) {
    ByteWriter w = new ByteWriter(64 + cert.seals().size() * 100);
    w.u8(CERT_TAG).u64(cert.height()).u32(cert.view()).raw(cert.blockHash().toBytes());
    writeSeals(w, cert.seals());
    return w.toByteArray();
  }

  public DecodeResult<CommitCertificate> decodeCommitCertificate(byte[] bytes) {
    try {
      ByteReader r = new ByteReader(bytes);
      if (r.u8() != CERT_TAG) {
        return new DecodeResult.Err<>("not a commit certificate");
      }
      long height = r.u63();
      int view = r.u31();
      Hash hash = Hash.of(r.raw(Hash.LENGTH));
      List<Seal> seals = readSeals(r);
      r.expectEnd();
      return new DecodeResult.Ok<>(new CommitCertificate(height, view, hash, seals));
    } catch (ByteReader.Malformed | IllegalArgumentException e) {
      return new DecodeResult.Err<>(e.getMessage());
    }
  }

  public byte[] encode(CheckpointCertificate cert) {
    ByteWriter w = new ByteWriter(64 + cert.seals().size() * 100);
    w.u8(CHECKPOINT_CERT_TAG).u64(cert.height()).raw(cert.blockHash().toBytes());
    writeSeals(w, cert.seals());
    return w.toByteArray();
  }

  public DecodeResult<CheckpointCertificate> decodeCheckpointCertificate(byte[] bytes) {
    try {
      ByteReader r = new ByteReader(bytes);
      if (r.u8() != CHECKPOINT_CERT_TAG) {
        return new DecodeResult.Err<>("not a checkpoint certificate");
      }
      long height = r.u63();
      Hash hash = Hash.of(r.raw(Hash.LENGTH));
      List<Seal> seals = readSeals(r);
      r.expectEnd();
      return new DecodeResult.Ok<>(new CheckpointCertificate(height, hash, seals));
    } catch (ByteReader.Malformed | IllegalArgumentException e) {
      return new DecodeResult.Err<>(e.getMessage());
    }
  }

  // ---------------------------------------------------------------- building blocks (public so
  // that persistence codecs in other packages encode signed messages the same way)

  public void writeSigned(ByteWriter w, Signed<? extends Message> s) {
    writeMessage(w, s.message());
    w.raw(s.author().toBytes());
    byte[] sig = s.signature().toBytes();
    w.u16(sig.length).raw(sig);
  }

  public Signed<? extends Message> readSigned(ByteReader r) {
    Message m = readMessage(r);
    return finishSigned(r, m);
  }

  public void writeMessage(ByteWriter w, Message m) {
    w.u8(m.tag());
    if (m instanceof PrePrepare p) {
      w.u64(p.height()).u32(p.view()).raw(p.blockHash().toBytes());
    } else if (m instanceof Prepare p) {
      w.u64(p.height()).u32(p.view()).raw(p.blockHash().toBytes());
    } else if (m instanceof Commit c) {
      w.u64(c.height()).u32(c.view()).raw(c.blockHash().toBytes());
    } else if (m instanceof ViewChange vc) {
      w.u64(vc.height()).u32(vc.newView());
      if (vc.prepared().isPresent()) {
        w.u8(1);
        writePrepared(w, vc.prepared().get());
      } else {
        w.u8(0);
      }
    } else if (m instanceof NewView nv) {
      w.u64(nv.height()).u32(nv.view()).u16(nv.viewChanges().size());
      for (Signed<ViewChange> vc : nv.viewChanges()) {
        writeSigned(w, vc);
      }
      writeSigned(w, nv.prePrepare());
    } else if (m instanceof Checkpoint c) {
      w.u64(c.height()).raw(c.blockHash().toBytes());
    } else if (m instanceof Decision d) {
      CommitCertificate cert = d.certificate();
      w.u64(cert.height()).u32(cert.view()).raw(cert.blockHash().toBytes());
      writeSeals(w, cert.seals());
    } else {
      throw new IllegalStateException("unknown message " + m);
    }
  }

  public void writePrepared(ByteWriter w, PreparedCertificate pc) {
    writeSigned(w, pc.prePrepare());
    w.u16(pc.prepares().size());
    for (Signed<Prepare> p : pc.prepares()) {
      writeSigned(w, p);
    }
  }

  public PreparedCertificate readPrepared(ByteReader r) {
    Signed<PrePrepare> pp = readTyped(r, PrePrepare.class);
    int n = count(r);
    List<Signed<Prepare>> prepares = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      prepares.add(readTyped(r, Prepare.class));
    }
    return new PreparedCertificate(pp, prepares);
  }

  private Message readMessage(ByteReader r) {
    int tag = r.u8();
    switch (tag) {
      case PrePrepare.TAG:
        return new PrePrepare(r.u63(), r.u31(), Hash.of(r.raw(Hash.LENGTH)));
      case Prepare.TAG:
        return new Prepare(r.u63(), r.u31(), Hash.of(r.raw(Hash.LENGTH)));
      case Commit.TAG:
        return new Commit(r.u63(), r.u31(), Hash.of(r.raw(Hash.LENGTH)));
      case ViewChange.TAG: {
        long height = r.u63();
        int view = r.u31();
        int flag = r.u8();
        Optional<PreparedCertificate> pc;
        if (flag == 1) {
          pc = Optional.of(readPrepared(r));
        } else if (flag == 0) {
          pc = Optional.empty();
        } else {
          throw new ByteReader.Malformed("bad prepared flag " + flag);
        }
        return new ViewChange(height, view, pc);
      }
      case NewView.TAG: {
        long height = r.u63();
        int view = r.u31();
        int n = count(r);
        List<Signed<ViewChange>> vcs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          vcs.add(readTyped(r, ViewChange.class));
        }
        return new NewView(height, view, vcs, readTyped(r, PrePrepare.class));
      }
      case Checkpoint.TAG:
        return new Checkpoint(r.u63(), Hash.of(r.raw(Hash.LENGTH)));
      case Decision.TAG: {
        long height = r.u63();
        int view = r.u31();
        Hash hash = Hash.of(r.raw(Hash.LENGTH));
        return new Decision(new CommitCertificate(height, view, hash, readSeals(r)));
      }
      default:
        throw new ByteReader.Malformed("unknown message tag " + tag);
    }
  }

  private <M extends Message> Signed<M> readTyped(ByteReader r, Class<M> type) {
    Message m = readMessage(r);
    if (!type.isInstance(m)) {
      throw new ByteReader.Malformed("expected " + type.getSimpleName());
    }
    return finishSigned(r, type.cast(m));
  }

  private <M extends Message> Signed<M> finishSigned(ByteReader r, M m) {
    ValidatorId author = ValidatorId.of(r.raw(ValidatorId.LENGTH));
    int len = r.u16();
    if (len == 0 || len > Signature.MAX_LENGTH) {
      throw new ByteReader.Malformed("bad signature length " + len);
    }
    return new Signed<>(m, author, Signature.of(r.raw(len)));
  }

  private static int count(ByteReader r) {
    int n = r.u16();
    if (n > MAX_LIST) {
      throw new ByteReader.Malformed("list too long: " + n);
    }
    return n;
  }

  private static void writeSeals(ByteWriter w, List<Seal> seals) {
    w.u16(seals.size());
    for (Seal s : seals) {
      byte[] sig = s.signature().toBytes();
      w.raw(s.signer().toBytes()).u16(sig.length).raw(sig);
    }
  }

  private static List<Seal> readSeals(ByteReader r) {
    int n = count(r);
    List<Seal> seals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ValidatorId id = ValidatorId.of(r.raw(ValidatorId.LENGTH));
      int len = r.u16();
      if (len == 0 || len > Signature.MAX_LENGTH) {
        throw new ByteReader.Malformed("bad signature length " + len);
      }
      seals.add(new Seal(id, Signature.of(r.raw(len))));
    }
    return seals;
  }
}
