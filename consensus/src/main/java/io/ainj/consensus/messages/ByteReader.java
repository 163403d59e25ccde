package io.ainj.consensus.messages;

/** Bounds-checked reader of the canonical encoding; throws {@link Malformed} on bad input. */
public final class ByteReader {
  /** Bad bytes; decoders catch it and turn it into a result value. */
  public static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private final byte[] buf;
  private int pos;

  public ByteReader(byte[] buf) {
    this.buf = buf;
  }

  private void need(int n) {
    if (n < 0 || buf.length - pos < n) {
      throw new Malformed("truncated at byte " + pos);
    }
  }

  public int u8() {
    need(1);
    return buf[pos++] & 0xff;
  }

  public int u16() {
    need(2);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  public long u32() {
    need(4);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  public long u64() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  /** A u32 that must fit a non-negative int (views). */
  public int u31() {
    long v = u32();
    if (v > Integer.MAX_VALUE) {
      throw new Malformed("value too large: " + v);
    }
    return (int) v;
  }

  /** A u64 that must be non-negative (heights). */
  public long u63() {
    long v = u64();
    if (v < 0) {
      throw new Malformed("negative height");
    }
    return v;
  }

  public byte[] raw(int n) {
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** u32 length (at most {@code max}) then the bytes. */
  public byte[] bytes(int max) {
    long n = u32();
    if (n > max) {
      throw new Malformed("length " + n + " exceeds " + max);
    }
    return raw((int) n);
  }

  public boolean atEnd() {
    return pos == buf.length;
  }

  public void expectEnd() {
    if (!atEnd()) {
      throw new Malformed((buf.length - pos) + " trailing bytes");
    }
  }
}
