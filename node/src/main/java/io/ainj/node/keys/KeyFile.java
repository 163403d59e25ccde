package io.ainj.node.keys;

import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.CryptoException;
import io.ainj.crypto.Hex;
import io.ainj.crypto.Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The node key: one file {@code <data-dir>/node.key} holding the private key as hex, readable
 * by its owner only. The node signs consensus messages and P2P handshakes with it.
 */
public final class KeyFile {
  public static final String FILE_NAME = "node.key";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private KeyFile() {}

  public static Path path(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }

  /**
   * Creates a new random key; refuses to overwrite an existing one unless {@code force}.
   *
   * @return the new private key
   */
  public static byte[] create(Path dataDir, boolean force, SecureRandom random) throws IOException {
    Path file = path(dataDir);
    if (Files.exists(file) && !force) {
      throw new FileAlreadyExistsException(file.toString(), null,
          "a node key already exists; pass --force to replace it");
    }
    Files.createDirectories(dataDir);
    byte[] key = Keys.generatePrivateKey(random);
    // Write to a private temp file and move it in place, so a crash never leaves half a key.
    Path tmp = Files.createTempFile(dataDir, ".node.key", ".tmp");
    try {
      setOwnerOnly(tmp);
      Files.writeString(tmp, Hex.encode(key) + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return key;
  }

  /**
   * Loads the private key.
   *
   * @throws IOException when the file is missing or does not hold a valid key
   */
  public static byte[] load(Path dataDir) throws IOException {
    Path file = path(dataDir);
    if (!Files.exists(file)) {
      throw new IOException("no node key at " + file + " (create one with: ainj keys new)");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    try {
      return Keys.parsePrivateKey(text);
    } catch (CryptoException e) {
      throw new IOException("the node key at " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  public static String address(Path dataDir, AinCrypto crypto) throws IOException {
    return crypto.address(load(dataDir));
  }

  private static void setOwnerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the platform's default ACLs apply.
    }
  }
}
