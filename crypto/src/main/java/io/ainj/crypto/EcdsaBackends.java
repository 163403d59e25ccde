package io.ainj.crypto;

/** Chooses the signature backend: the native library when it loads, Bouncy Castle otherwise. */
public final class EcdsaBackends {
  private static volatile EcdsaBackend nativeBackend;
  private static final EcdsaBackend BOUNCY_CASTLE = new BouncyCastleEcdsaBackend();

  private EcdsaBackends() {}

  /** Which backend a flag asks for. */
  public enum Choice {
    AUTO,
    NATIVE,
    BC;

    /** Parses {@code auto}, {@code native} or {@code bc} (case-insensitive). */
    public static Choice parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown crypto backend '" + text + "' (expected auto, native or bc)");
      }
    }
  }

  public static EcdsaBackend bouncyCastle() {
    return BOUNCY_CASTLE;
  }

  /**
   * The native backend.
   *
   * @throws CryptoException BACKEND_UNAVAILABLE when it cannot load on this platform
   */
  public static EcdsaBackend nativeLib() {
    EcdsaBackend b = nativeBackend;
    if (b == null) {
      synchronized (EcdsaBackends.class) {
        b = nativeBackend;
        if (b == null) {
          b = NativeEcdsaBackend.load();
          nativeBackend = b;
        }
      }
    }
    return b;
  }

  /** NATIVE fails if the library is missing; AUTO falls back to Bouncy Castle. */
  public static EcdsaBackend select(Choice choice) {
    return switch (choice) {
      case BC -> BOUNCY_CASTLE;
      case NATIVE -> nativeLib();
      case AUTO -> {
        try {
          yield nativeLib();
        } catch (CryptoException e) {
          yield BOUNCY_CASTLE;
        }
      }
    };
  }
}
