package io.ainj.statedb.store;

import io.ainj.statedb.StateDbException;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.tree.NodeSource;
import io.ainj.statedb.tree.RadixNode;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.TreeAccess;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Binary records. A radix node body is one record: the state child held there (leaf value and
 * hash inline, or an internal node's radix root header), then the kid headers (edge, serial, id,
 * hash, aggregates), then a CRC32C. Headers travel with the parent so a parent can be rehashed and
 * re-aggregated without loading its kids.
 */
public final class NodeCodec {
  static final int FORMAT = 1;

  private NodeCodec() {}

  // ---- encoding ----

  public static byte[] encodeBody(RadixNode.Body body) {
    Out o = new Out();
    o.write(FORMAT);
    StateNode s = body.state();
    o.write(s == null ? 0 : 1);
    if (s != null) {
      writeState(o, s);
    }
    o.varint(body.kidCount());
    for (int i = 0; i < body.kidCount(); i++) {
      writeHeader(o, body.kid(i));
    }
    return o.finish();
  }

  public static byte[] encodeRoot(long height, StateNode root) {
    Out o = new Out();
    o.write(FORMAT);
    o.varlong(height);
    writeState(o, root);
    return o.finish();
  }

  private static void writeState(Out o, StateNode s) {
    o.string(s.label());
    o.string(s.version());
    o.varint(s.nextSerial());
    if (s.isLeaf()) {
      o.write(0);
      writeValue(o, s.value());
      o.bytes(s.proofHash());
    } else {
      o.write(1);
      writeHeader(o, s.radix());
    }
  }

  private static void writeHeader(Out o, RadixNode r) {
    if (r.id() == 0) {
      throw new IllegalStateException("kid not persisted before its parent: " + r);
    }
    o.string(r.edge());
    o.varint(r.serial());
    o.fixed64(r.id());
    o.bytes(r.proofHash());
    o.varint(r.height());
    o.varlong(r.size());
    o.varlong(r.bytes());
    o.varint(r.terminals());
    o.varint(r.maxSiblings());
  }

  private static void writeValue(Out o, Json v) {
    if (v instanceof Json.JNull) {
      o.write(0);
    } else if (v instanceof Json.JBool b) {
      o.write(b.value() ? 2 : 1);
    } else if (v instanceof Json.JNumber n) {
      o.write(3);
      o.fixed64(Double.doubleToRawLongBits(n.value()));
    } else if (v instanceof Json.JString s) {
      o.write(4);
      o.string(s.value());
    } else {
      throw new IllegalArgumentException("not a leaf value: " + v);
    }
  }

  // ---- decoding ----

  public static RadixNode.Body decodeBody(byte[] rec, long id, NodeSource source) {
    In in = In.checked(rec, "node " + id);
    try {
      int format = in.read();
      if (format != FORMAT) {
        throw in.corrupt("unknown record format " + format);
      }
      int flag = in.read();
      StateNode s = null;
      if (flag == 1) {
        s = readState(in, source);
      } else if (flag != 0) {
        throw in.corrupt("bad state flag " + flag);
      }
      int n = in.varint();
      if (n > 16) {
        throw in.corrupt("radix node with " + n + " kids");
      }
      RadixNode[] kids = new RadixNode[n];
      for (int i = 0; i < n; i++) {
        kids[i] = readHeader(in, source);
        if (kids[i].edge().isEmpty()
            || (i > 0 && kids[i - 1].edge().charAt(0) >= kids[i].edge().charAt(0))) {
          throw in.corrupt("kids out of order");
        }
      }
      in.expectEnd();
      return TreeAccess.body(s, kids);
    } catch (IndexOutOfBoundsException e) {
      throw in.corrupt("truncated record");
    }
  }

  /** Decoded root record. */
  public record Root(long height, StateNode node) {}

  public static Root decodeRoot(byte[] rec, NodeSource source) {
    In in = In.checked(rec, "root record");
    try {
      int format = in.read();
      if (format != FORMAT) {
        throw in.corrupt("unknown record format " + format);
      }
      long height = in.varlong();
      StateNode s = readState(in, source);
      in.expectEnd();
      return new Root(height, s);
    } catch (IndexOutOfBoundsException e) {
      throw in.corrupt("truncated record");
    }
  }

  private static StateNode readState(In in, NodeSource source) {
    String label = in.string();
    String version = in.string();
    int nextSerial = in.varint();
    int kind = in.read();
    if (kind == 0) {
      Json v = readValue(in);
      byte[] ph = in.bytes(32);
      return StateNode.decodedLeaf(label, version, v, nextSerial, ph);
    } else if (kind == 1) {
      RadixNode r = readHeader(in, source);
      if (r.terminals() == 0) {
        throw in.corrupt("internal node without children");
      }
      return TreeAccess.internalRoot(label, version, r, nextSerial);
    }
    throw in.corrupt("bad state kind " + kind);
  }

  private static RadixNode readHeader(In in, NodeSource source) {
    String edge = in.string();
    int serial = in.varint();
    long id = in.fixed64();
    byte[] ph = in.bytes(32);
    int height = in.varint();
    long size = in.varlong();
    long bytes = in.varlong();
    int terminals = in.varint();
    int maxSib = in.varint();
    if (edge == null || id <= 0) {
      throw in.corrupt("bad radix header");
    }
    return new RadixNode(edge, serial, height, size, bytes, terminals, maxSib, ph, id, source);
  }

  private static Json readValue(In in) {
    int tag = in.read();
    return switch (tag) {
      case 0 -> Json.NULL;
      case 1 -> Json.FALSE;
      case 2 -> Json.TRUE;
      case 3 -> Json.of(Double.longBitsToDouble(in.fixed64()));
      case 4 -> {
        String s = in.string();
        if (s == null) {
          throw in.corrupt("null string value");
        }
        yield Json.of(s);
      }
      default -> throw in.corrupt("bad value tag " + tag);
    };
  }

  // ---- primitives ----

  private static final class Out {
    // A plain growable array: ByteArrayOutputStream takes a monitor on every byte written.
    final Bytes buf = new Bytes();

    static final class Bytes {
      // Most node records are 150 to 600 bytes: one allocation, rarely a copy.
      private byte[] a = new byte[512];
      private int n;

      void write(int b) {
        if (n == a.length) {
          a = java.util.Arrays.copyOf(a, n * 2);
        }
        a[n++] = (byte) b;
      }

      void write(byte[] b, int off, int len) {
        if (n + len > a.length) {
          a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + len));
        }
        System.arraycopy(b, off, a, n, len);
        n += len;
      }

      byte[] toByteArray() {
        return java.util.Arrays.copyOf(a, n);
      }
    }

    void write(int b) {
      buf.write(b);
    }

    void varint(int v) {
      varlong(v & 0xffffffffL);
    }

    void varlong(long v) {
      while ((v & ~0x7fL) != 0) {
        buf.write((int) ((v & 0x7f) | 0x80));
        v >>>= 7;
      }
      buf.write((int) v);
    }

    void fixed64(long v) {
      for (int i = 7; i >= 0; i--) {
        buf.write((int) (v >>> (8 * i)));
      }
    }

    void bytes(byte[] b) {
      buf.write(b, 0, b.length);
    }

    /** Strings: 0 = null, 1 = UTF-8, 2 = UTF-16 (strings with lone surrogates stay lossless). */
    void string(String s) {
      if (s == null) {
        write(0);
        return;
      }
      int len = s.length();
      if (len < 128 && isAscii(s, len)) {
        // Labels, edges and versions are short ASCII: no UTF-8 encoder, no temporary array.
        write(1);
        write(len);
        for (int i = 0; i < len; i++) {
          buf.write(s.charAt(i));
        }
        return;
      }
      boolean wellFormed = true;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          wellFormed = false;
          break;
        }
      }
      if (wellFormed) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        write(1);
        varint(b.length);
        bytes(b);
      } else {
        write(2);
        varint(s.length());
        for (int i = 0; i < s.length(); i++) {
          buf.write(s.charAt(i) >> 8);
          buf.write(s.charAt(i));
        }
      }
    }

    private static boolean isAscii(String s, int len) {
      for (int i = 0; i < len; i++) {
        if (s.charAt(i) >= 0x80) {
          return false;
        }
      }
      return true;
    }

    byte[] finish() {
      CRC32C crc = new CRC32C();
      crc.update(buf.a, 0, buf.n);
      long c = crc.getValue();
      for (int i = 0; i < 4; i++) {
        buf.write((int) (c >>> (8 * (3 - i))));
      }
      return buf.toByteArray();
    }
  }

  private static final class In {
    final byte[] b;
    final int end;
    final String what;
    int pos;

    private In(byte[] b, int end, String what) {
      this.b = b;
      this.end = end;
      this.what = what;
    }

    static In checked(byte[] rec, String what) {
      if (rec == null) {
        throw new StateDbException(StateDbException.Reason.CORRUPTED_STORE, what + " is missing");
      }
      if (rec.length < 5) {
        throw new StateDbException(StateDbException.Reason.CORRUPTED_STORE,
            what + " is truncated (" + rec.length + " bytes)");
      }
      int bodyLen = rec.length - 4;
      CRC32C crc = new CRC32C();
      crc.update(rec, 0, bodyLen);
      long c = crc.getValue();
      long stored = 0;
      for (int i = 0; i < 4; i++) {
        stored = (stored << 8) | (rec[bodyLen + i] & 0xff);
      }
      if (c != stored) {
        throw new StateDbException(StateDbException.Reason.CORRUPTED_STORE,
            what + " fails its checksum (truncated or garbled)");
      }
      return new In(rec, bodyLen, what);
    }

    StateDbException corrupt(String why) {
      return new StateDbException(StateDbException.Reason.CORRUPTED_STORE, what + ": " + why);
    }

    int read() {
      if (pos >= end) {
        throw new IndexOutOfBoundsException();
      }
      return b[pos++] & 0xff;
    }

    int varint() {
      long v = varlong();
      if (v > Integer.MAX_VALUE) {
        throw corrupt("varint out of range");
      }
      return (int) v;
    }

    long varlong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int x = read();
        v |= (long) (x & 0x7f) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      throw corrupt("varint too long");
    }

    long fixed64() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | read();
      }
      return v;
    }

    byte[] bytes(int n) {
      if (pos + n > end) {
        throw new IndexOutOfBoundsException();
      }
      byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return out;
    }

    String string() {
      int kind = read();
      if (kind == 0) {
        return null;
      }
      int n = varint();
      if (kind == 1) {
        if (pos + n > end) {
          throw new IndexOutOfBoundsException();
        }
        String s = new String(b, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
      }
      if (kind == 2) {
        char[] cs = new char[n];
        for (int i = 0; i < n; i++) {
          cs[i] = (char) ((read() << 8) | read());
        }
        return new String(cs);
      }
      throw corrupt("bad string kind " + kind);
    }

    void expectEnd() {
      if (pos != end) {
        throw corrupt((end - pos) + " trailing bytes");
      }
    }
  }
}
