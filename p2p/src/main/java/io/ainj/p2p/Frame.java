package io.ainj.p2p;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Optional;

/**
 * One message between two sessions, encoded as a protobuf message (hand-written with
 * {@link CodedOutputStream}, so no generated code and no protoc in the build):
 *
 * <pre>
 * message Frame {
 *   uint32 kind = 1;        // 1 HELLO, 2 AUTH, 3 DATA, 4 PING
 *   uint32 version = 2;     // HELLO
 *   uint32 chain_id = 3;    // HELLO
 *   bytes genesis_hash = 4; // HELLO
 *   string address = 5;     // HELLO
 *   bytes nonce = 6;        // HELLO: the challenge the other side must sign
 *   bytes signature = 7;    // AUTH
 *   uint32 channel = 8;     // DATA
 *   bool gossip = 9;        // DATA: de-duplicated (and relayed on relay channels)
 *   bytes payload = 10;     // DATA
 * }
 * </pre>
 *
 * On TCP each frame is preceded by its length as a 4-byte big-endian integer. Decoding never
 * throws: unknown fields are skipped, anything malformed is an empty result.
 */
public record Frame(int kind, int version, int chainId, byte[] genesisHash, String address,
    byte[] nonce, byte[] signature, int channel, boolean gossip, byte[] payload) {

  public static final int HELLO = 1;
  public static final int AUTH = 2;
  public static final int DATA = 3;
  public static final int PING = 4;
  public static final int PROTOCOL_VERSION = 1;
  private static final byte[] EMPTY = new byte[0];

  public Frame {
    genesisHash = genesisHash == null ? EMPTY : genesisHash;
    address = address == null ? "" : address;
    nonce = nonce == null ? EMPTY : nonce;
    signature = signature == null ? EMPTY : signature;
    payload = payload == null ? EMPTY : payload;
  }

  public static Frame hello(int chainId, byte[] genesisHash, String address, byte[] nonce) {
    return new Frame(HELLO, PROTOCOL_VERSION, chainId, genesisHash, address, nonce, null, 0, false, null);
  }

  public static Frame auth(byte[] signature) {
    return new Frame(AUTH, 0, 0, null, null, null, signature, 0, false, null);
  }

  public static Frame data(int channel, boolean gossip, byte[] payload) {
    return new Frame(DATA, 0, 0, null, null, null, null, channel, gossip, payload);
  }

  public static Frame ping() {
    return new Frame(PING, 0, 0, null, null, null, null, 0, false, null);
  }

  public byte[] encode() {
    try {
      int size = CodedOutputStream.computeUInt32Size(1, kind);
      if (version != 0) {
        size += CodedOutputStream.computeUInt32Size(2, version);
      }
      if (chainId != 0) {
        size += CodedOutputStream.computeUInt32Size(3, chainId);
      }
      size += bytesSize(4, genesisHash) + (address.isEmpty() ? 0 : CodedOutputStream.computeStringSize(5, address))
          + bytesSize(6, nonce) + bytesSize(7, signature);
      if (channel != 0) {
        size += CodedOutputStream.computeUInt32Size(8, channel);
      }
      if (gossip) {
        size += CodedOutputStream.computeBoolSize(9, true);
      }
      size += bytesSize(10, payload);
      byte[] out = new byte[size];
      CodedOutputStream o = CodedOutputStream.newInstance(out);
      o.writeUInt32(1, kind);
      if (version != 0) {
        o.writeUInt32(2, version);
      }
      if (chainId != 0) {
        o.writeUInt32(3, chainId);
      }
      writeBytes(o, 4, genesisHash);
      if (!address.isEmpty()) {
        o.writeString(5, address);
      }
      writeBytes(o, 6, nonce);
      writeBytes(o, 7, signature);
      if (channel != 0) {
        o.writeUInt32(8, channel);
      }
      if (gossip) {
        o.writeBool(9, true);
      }
      writeBytes(o, 10, payload);
      o.checkNoSpaceLeft();
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("encoding into an exactly sized array cannot fail", e);
    }
  }

  private static int bytesSize(int field, byte[] b) {
    return b.length == 0 ? 0 : CodedOutputStream.computeByteArraySize(field, b);
  }

  private static void writeBytes(CodedOutputStream o, int field, byte[] b) throws IOException {
    if (b.length != 0) {
      o.writeByteArray(field, b);
    }
  }

  /** The frame, or empty when the bytes are not a well-formed frame of a known kind. */
  public static Optional<Frame> decode(byte[] bytes) {
    int kind = 0;
    int version = 0;
    int chainId = 0;
    int channel = 0;
    boolean gossip = false;
    byte[] genesis = null;
    byte[] nonce = null;
    byte[] sig = null;
    byte[] payload = null;
    String address = null;
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      while (true) {
        int tag = in.readTag();
        if (tag == 0) {
          break;
        }
        switch (WireFormat.getTagFieldNumber(tag)) {
          case 1 -> kind = in.readUInt32();
          case 2 -> version = in.readUInt32();
          case 3 -> chainId = in.readUInt32();
          case 4 -> genesis = in.readByteArray();
          case 5 -> address = in.readStringRequireUtf8();
          case 6 -> nonce = in.readByteArray();
          case 7 -> sig = in.readByteArray();
          case 8 -> channel = in.readUInt32();
          case 9 -> gossip = in.readBool();
          case 10 -> payload = in.readByteArray();
          default -> {
            if (!in.skipField(tag)) {
              return Optional.empty();
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (kind < HELLO || kind > PING) {
      return Optional.empty();
    }
    return Optional.of(new Frame(kind, version, chainId, genesis, address, nonce, sig, channel, gossip, payload));
  }
}
