package io.ainj.node.consensus;

import io.ainj.consensus.core.SafetyState;
import io.ainj.consensus.core.SafetyStateCodec;
import io.ainj.consensus.messages.DecodeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The consensus safety state on disk: written to a temp file, fsynced and renamed over the old
 * one before the vote that needs it leaves the node, so after a crash the node reloads what it
 * signed and never signs a different value for the same height and view.
 */
public final class SafetyStore {
  private final Path file;
  private final SafetyStateCodec codec;

  public SafetyStore(Path dir, SafetyStateCodec codec) throws IOException {
    Files.createDirectories(dir);
    this.file = dir.resolve("safety.bin");
    this.codec = codec;
  }

  public Optional<SafetyState> load() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    DecodeResult<SafetyState> r = codec.decode(Files.readAllBytes(file));
    if (r instanceof DecodeResult.Ok<SafetyState> ok) {
      return Optional.of(ok.value());
    }
    // A damaged safety file must stop the node: guessing could mean signing twice.
    throw new IOException("consensus safety state " + file + " is unreadable: " + r);
  }

  public void save(SafetyState state) {
    Path tmp = file.resolveSibling("safety.bin.tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(codec.encode(state));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException ignored) {
        // Some file systems cannot fsync a directory; the rename is still atomic.
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist consensus safety state", e);
    }
  }
}
