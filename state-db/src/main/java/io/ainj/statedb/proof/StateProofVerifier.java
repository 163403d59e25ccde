package io.ainj.statedb.proof;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.path.Labels;
import io.ainj.statedb.tree.ProofHash;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.StateTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline verification of a state proof. Checks, with nothing but the proof and a trusted root
 * hash:
 * <ol>
 *   <li>every radix node's hash recomputes from its entries as AIN's {@code verifyStateProof}
 *       does, and the top hash equals the root hash;</li>
 *   <li>the route through the proof spells the radix label of each path label (hash preimages do
 *       not contain state labels, so only the route binds the proof to the path);</li>
 *   <li>optionally, the proven node's hash equals the proof hash of the claimed value.</li>
 * </ol>
 */
public final class StateProofVerifier {
  private StateProofVerifier() {}

  /** Outcome; {@code reason} says why a proof does not prove the claim. */
  public record Result(boolean proven, String provenHash, String reason) {
    static Result fail(String reason) {
      return new Result(false, null, reason);
    }
  }

  /** The hash AIN's verifier computes for a proof, and whether it is self-consistent. */
  public record Recomputed(String rootProofHash, boolean isVerified, String mismatchedPath) {}

  /** Is {@code value} the value at {@code fullPath} in the state whose root hash is {@code rootHash}? */
  public static Result verifyValue(Json proof, String rootHash, List<String> fullPath, Json value) {
    Result r = verifyPath(proof, rootHash, fullPath);
    if (!r.proven()) {
      return r;
    }
    String expected = ProofHash.toHex(
        StateTree.fromJson(fullPath.isEmpty() ? null : fullPath.get(fullPath.size() - 1), value,
            null).proofHash());
    if (!expected.equals(r.provenHash())) {
      return Result.fail("the proven node's hash " + r.provenHash()
          + " is not the hash of the claimed value " + expected);
    }
    return r;
  }

  /** Checks hashes and route; on success {@code provenHash} is the hash of the node at the path. */
  public static Result verifyPath(Json proof, String rootHash, List<String> fullPath) {
    if (!(proof instanceof JObject top)) {
      return Result.fail("proof is not an object");
    }
    Recomputed rc;
    try {
      rc = recompute(top);
    } catch (IllegalArgumentException e) {
      return Result.fail("malformed proof: " + e.getMessage());
    }
    if (!rc.isVerified()) {
      return Result.fail("hash mismatch at " + rc.mismatchedPath());
    }
    if (rootHash == null || !rootHash.equalsIgnoreCase(rc.rootProofHash())) {
      return Result.fail("proof root " + rc.rootProofHash() + " is not the trusted root " + rootHash);
    }
    JObject stateObj = top;
    for (String label : fullPath) {
      String hex = Labels.toRadixLabel(label);
      JObject radix = stateObj;
      int idx = 0;
      while (idx < hex.length()) {
        JObject next = null;
        String nextEdge = null;
        for (int i = 0; i < radix.size(); i++) {
          String k = radix.key(i);
          if (k.startsWith("#radix:")) {
            String edge = k.substring("#radix:".length());
            if (!edge.isEmpty() && hex.startsWith(edge, idx)) {
              if (next != null) {
                return Result.fail("two routes for label " + label);
              }
              if (!(radix.value(i) instanceof JObject o)) {
                return Result.fail("route entry for " + label + " is not an object");
              }
              next = o;
              nextEdge = edge;
            }
          }
        }
        if (next == null) {
          return Result.fail("the proof has no route to label " + label);
        }
        radix = next;
        idx += nextEdge.length();
      }
      JObject found = null;
      for (int i = 0; i < radix.size(); i++) {
        String k = radix.key(i);
        if (k.startsWith("#state:")) {
          if (found != null) {
            return Result.fail("two state entries where " + label + " should be");
          }
          String stateLabel = k.substring("#state:".length());
          if (!Labels.toRadixLabel(stateLabel).equals(hex)) {
            return Result.fail("state entry " + stateLabel + " does not match label " + label);
          }
          if (!(radix.value(i) instanceof JObject o)) {
            return Result.fail("state entry for " + label + " is not an object");
          }
          found = o;
        }
      }
      if (found == null) {
        return Result.fail("the proof does not contain label " + label);
      }
      stateObj = found;
    }
    Json ph = stateObj.get("#state_ph");
    if (!(ph instanceof Json.JString s)) {
      return Result.fail("the proven node has no #state_ph");
    }
    return new Result(true, s.value(), null);
  }

  /** AIN's {@code verifyStateProof}: recompute hashes bottom-up, entries sorted by key. */
  public static Recomputed recompute(JObject proof) {
    Internal r = recompute(proof, new ArrayList<>());
    return new Recomputed(r.proofHash, r.isVerified, r.mismatchedPath);
  }

  private record Internal(String proofHash, boolean isStateNode, boolean isVerified,
      String mismatchedPath) {}

  private static Internal recompute(JObject proof, List<String> curLabels) {
    String childStatePh = null;
    String curProofHash = null;
    boolean isStateNode = false;
    boolean childVerified = true;
    String childMismatch = null;
    List<String> subLabels = new ArrayList<>();
    List<String> subHashes = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < proof.size(); i++) {
      order.add(i);
    }
    // localeCompare over these keys: they differ after a shared "#radix:"/"#state" prefix in hex
    // digits, letters or '_'/':'; plain code-point order puts digits before letters as ICU does.
    order.sort((a, b) -> proof.key(a).compareTo(proof.key(b)));
    for (int i : order) {
      String label = proof.key(i);
      Json value = proof.value(i);
      String childHash;
      if (value instanceof JObject sub) {
        List<String> next = new ArrayList<>(curLabels);
        next.add(label);
        Internal s = recompute(sub, next);
        if (childVerified && !s.isVerified) {
          childVerified = false;
          childMismatch = s.mismatchedPath;
        }
        if (s.isStateNode) {
          childStatePh = s.proofHash;
          continue;
        }
        childHash = s.proofHash;
      } else if (value instanceof Json.JString str) {
        childHash = str.value();
      } else {
        throw new IllegalArgumentException("entry " + label + " is neither a hash nor an object");
      }
      if (label.equals("#state_ph")) {
        curProofHash = childHash;
        isStateNode = true;
        continue;
      }
      if (label.equals("#radix_ph")) {
        curProofHash = childHash;
        continue;
      }
      if (!label.startsWith("#radix:")) {
        throw new IllegalArgumentException("unexpected entry " + label);
      }
      subLabels.add(label.substring("#radix:".length()));
      subHashes.add(childHash);
    }
    String curPath = format(curLabels);
    if (subLabels.isEmpty() && childStatePh == null) {
      boolean ok = childVerified && curProofHash != null;
      return new Internal(curProofHash, isStateNode, ok,
          childVerified ? (ok ? null : curPath) : childMismatch);
    }
    String computed = radixHash(childStatePh, subLabels, subHashes);
    boolean ok = childVerified && computed.equals(curProofHash);
    return new Internal(computed, isStateNode, ok,
        childVerified ? (ok ? null : curPath) : childMismatch);
  }

  private static String radixHash(String statePh, List<String> labels, List<String> hashes) {
    StringBuilder pre = new StringBuilder();
    if (statePh != null) {
      pre.append(statePh);
    }
    pre.append('#');
    if (labels.isEmpty()) {
      pre.append('#');
    } else {
      for (int i = 0; i < labels.size(); i++) {
        pre.append('#').append(labels.get(i)).append('#').append(hashes.get(i));
      }
    }
    return ProofHash.toHex(ProofHash.hashString(pre.toString()));
  }

  private static String format(List<String> labels) {
    if (labels.isEmpty()) {
      return "/";
    }
    return "/" + String.join("/", labels);
  }
}
