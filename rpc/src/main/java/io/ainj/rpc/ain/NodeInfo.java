package io.ainj.rpc.ain;

import com.fasterxml.jackson.databind.JsonNode;

/** What the JSON-RPC layer reports about the node itself; the node module implements it. */
public interface NodeInfo {
  /** The node's own account address, or null when it has none. */
  String address();

  long networkId();

  int chainId();

  /** Whether any peer is connected. */
  boolean listening();

  /** Whether the node is catching up with its peers. */
  boolean syncing();

  int peerCount();

  /** Free-form consensus status for {@code net_consensusStatus}. */
  JsonNode consensusStatus();

  /** This node's JSON-RPC URL, offered to peers by {@code p2p_getPeerCandidateInfo}. */
  String jsonRpcUrl();
}
