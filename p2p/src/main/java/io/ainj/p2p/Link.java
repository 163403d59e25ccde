package io.ainj.p2p;

/** The byte pipe under one session: a TCP channel or an in-memory pair. */
interface Link {
  /** Queues one encoded frame; false when the bounded outbound queue is full (frame dropped). */
  boolean write(byte[] frame);

  /** Who this is before the handshake names it (for logs and pre-handshake penalties). */
  String remote();

  /** Whether this side dialed. */
  boolean outbound();

  void close();
}
