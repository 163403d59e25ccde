package io.ainj.node.net;

/** The p2p channel numbers this node uses. */
public final class Channels {
  /** Encoded consensus packets ({@code MessageCodec}), gossiped. */
  public static final int CONSENSUS = 1;
  /** Batches of signed transactions as JSON, gossiped. */
  public static final int TRANSACTIONS = 2;
  /** Block sync: {@code {from, max}} requests, sent to one peer. */
  public static final int SYNC_REQUEST = 3;
  /** Block sync: {@code {latest, blocks: [{block, certificate}]}} responses. */
  public static final int SYNC_RESPONSE = 4;
  /** This node's tip height (8 bytes), gossiped every status interval. */
  public static final int STATUS = 5;
  /** Snapshot sync: {@code {height (-1: newest checkpoint), from}} requests, sent to one peer. */
  public static final int SNAPSHOT_REQUEST = 6;
  /** Snapshot sync: {@code {height, total, from, pieces: [{path, value}], block?, certificate?}}. */
  public static final int SNAPSHOT_RESPONSE = 7;

  private Channels() {}
}
