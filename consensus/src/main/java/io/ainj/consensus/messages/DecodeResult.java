package io.ainj.consensus.messages;

/** The outcome of decoding outside bytes: a value or the reason it was refused. */
public sealed interface DecodeResult<T> {
  record Ok<T>(T value) implements DecodeResult<T> {}

  record Err<T>(String reason) implements DecodeResult<T> {}

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The value; a broken invariant of the caller when this is an error. */
  default T value() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw new IllegalStateException("decode failed: " + ((Err<T>) this).reason());
  }
}
