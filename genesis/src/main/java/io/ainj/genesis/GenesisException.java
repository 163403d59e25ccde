package io.ainj.genesis;

/** A genesis file is missing, unreadable or invalid; the message names the file and the field. */
public final class GenesisException extends RuntimeException {
  public GenesisException(String message) {
    super(message);
  }

  public GenesisException(String message, Throwable cause) {
    super(message, cause);
  }
}
