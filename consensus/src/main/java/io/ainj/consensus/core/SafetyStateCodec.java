package io.ainj.consensus.core;

import io.ainj.consensus.messages.ByteReader;
import io.ainj.consensus.messages.ByteWriter;
import io.ainj.consensus.messages.Commit;
import io.ainj.consensus.messages.DecodeResult;
import io.ainj.consensus.messages.Message;
import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.messages.PrePrepare;
import io.ainj.consensus.messages.Prepare;
import io.ainj.consensus.messages.PreparedCertificate;
import io.ainj.consensus.messages.Signed;
import io.ainj.consensus.messages.ViewChange;
import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.Hash;
import java.util.Optional;

/**
 * Byte form of {@link SafetyState} for {@code node} to save in one atomic write (for example a
 * RocksDB put or a write-then-rename file). Loading bad bytes is a result, not an exception.
 */
public final class SafetyStateCodec {
  private static final int VERSION = 1;

  private final MessageCodec codec;

  public SafetyStateCodec(MessageCodec codec) {
    this.codec = codec;
  }

  public byte[] encode(SafetyState s) {
    ByteWriter w = new ByteWriter(512);
    w.u8(VERSION).u64(s.height()).u32(s.view());
    writeOpt(w, s.prePrepare());
    writeBlock(w, s.proposedBlock());
    writeOpt(w, s.prepare());
    writeOpt(w, s.commit());
    writeOpt(w, s.viewChange());
    if (s.prepared().isPresent()) {
      w.u8(1);
      codec.writePrepared(w, s.prepared().get());
    } else {
      w.u8(0);
    }
    writeBlock(w, s.preparedBlock());
    return w.toByteArray();
  }

  public DecodeResult<SafetyState> decode(byte[] bytes) {
    try {
      ByteReader r = new ByteReader(bytes);
      if (r.u8() != VERSION) {
        return new DecodeResult.Err<>("unknown safety state version");
      }
      long height = r.u63();
      int view = r.u31();
      Optional<Signed<PrePrepare>> pp = readOpt(r, PrePrepare.class);
      Optional<Block> proposed = readBlock(r);
      Optional<Signed<Prepare>> prepare = readOpt(r, Prepare.class);
      Optional<Signed<Commit>> commit = readOpt(r, Commit.class);
      Optional<Signed<ViewChange>> vc = readOpt(r, ViewChange.class);
      Optional<PreparedCertificate> prepared =
          r.u8() == 1 ? Optional.of(codec.readPrepared(r)) : Optional.empty();
      Optional<Block> preparedBlock = readBlock(r);
      r.expectEnd();
      return new DecodeResult.Ok<>(new SafetyState(height, view, pp, proposed, prepare, commit, vc,
          prepared, preparedBlock));
    } catch (ByteReader.Malformed | IllegalArgumentException e) {
      return new DecodeResult.Err<>(e.getMessage());
    }
  }

  private void writeOpt(ByteWriter w, Optional<? extends Signed<? extends Message>> s) {
    if (s.isPresent()) {
      w.u8(1);
      codec.writeSigned(w, s.get());
    } else {
      w.u8(0);
    }
  }

  private <M extends Message> Optional<Signed<M>> readOpt(ByteReader r, Class<M> type) {
    if (r.u8() == 0) {
      return Optional.empty();
    }
    Signed<? extends Message> s = codec.readSigned(r);
    if (!type.isInstance(s.message())) {
      throw new ByteReader.Malformed("expected " + type.getSimpleName());
    }
    return Optional.of(new Signed<>(type.cast(s.message()), s.author(), s.signature()));
  }

  private static void writeBlock(ByteWriter w, Optional<Block> b) {
    if (b.isPresent()) {
      w.u8(1).u64(b.get().height()).raw(b.get().hash().toBytes()).bytes(b.get().payload());
    } else {
      w.u8(0);
    }
  }

  private static Optional<Block> readBlock(ByteReader r) {
    if (r.u8() == 0) {
      return Optional.empty();
    }
    long h = r.u63();
    Hash hash = Hash.of(r.raw(Hash.LENGTH));
    return Optional.of(new Block(h, hash, r.bytes(Integer.MAX_VALUE - 16)));
  }
}
