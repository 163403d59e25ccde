package io.ainj.statedb.proof;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.path.Labels;
import io.ainj.statedb.tree.RadixNode;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.StateTree;
import io.ainj.statedb.tree.TreeAccess;
import java.util.List;

/**
 * Builds the proof of a full path (spec §7.4): for each state node on the path, its radix trie is
 * rendered along the route to the next label. Radix nodes off the route appear as
 * {@code {"#radix_ph": ph}}, state nodes off the path as {@code {"#state_ph": ph}}.
 */
public final class StateProofs {
  private StateProofs() {}

  /** Proof shape. */
  public enum Style {
    /**
     * Byte-identical to AIN: where the next state node sits, the radix node's own kids are left
     * out (as the reference does), which makes such a proof unverifiable when that radix node has
     * kids.
     */
    AIN,
    /** Like AIN but keeping those kids, so every proof verifies. */
    COMPLETE
  }

  /** AIN's proof, or null when the path does not exist. */
  public static Json build(StateNode root, List<String> fullPath) {
    return build(root, fullPath, Style.AIN);
  }

  public static Json build(StateNode root, List<String> fullPath, Style style) {
    return stateProof(root, fullPath, 0, style);
  }

  private static Json stateProof(StateNode node, List<String> path, int idx, Style style) {
    if (idx == path.size()) {
      return JObject.builder().put("#state_ph", Json.of(node.proofHashHex())).build();
    }
    String label = path.get(idx);
    StateNode child = StateTree.getChild(node, label);
    if (child == null) {
      return null;
    }
    Json childProof = stateProof(child, path, idx + 1, style);
    if (childProof == null) {
      return null;
    }
    String hex = Labels.toRadixLabel(label);
    return radixProof(node.radix(), hex, 0, true, childProof, style);
  }

  private static Json radixProof(RadixNode r, String hex, int idx, boolean isRoot,
      Json childStateProof, Style style) {
    if (idx == hex.length()) {
      return render(r, isRoot, null, null, childStateProof, style);
    }
    RadixNode kid = TreeAccess.kid(r, hex.charAt(idx));
    if (kid == null) {
      return null;
    }
    Json kidProof = radixProof(kid, hex, idx + kid.edge().length(), false, childStateProof, style);
    if (kidProof == null) {
      return null;
    }
    return render(r, isRoot, kid.edge(), kidProof, null, style);
  }

  /** AIN's {@code getProofOfRadixNode}. */
  private static Json render(RadixNode r, boolean isRoot, String routeEdge, Json routeProof,
      Json stateProof, Style style) {
    JObject.Builder b = JObject.builder();
    b.put(isRoot ? "#state_ph" : "#radix_ph", Json.of(hex(r.proofHash())));
    RadixNode.Body body = r.body();
    StateNode state = body.state();
    if (state != null) {
      b.put("#state:" + state.label(), stateProof != null ? stateProof
          : JObject.builder().put("#state_ph", Json.of(state.proofHashHex())).build());
    }
    if (routeEdge == null && stateProof != null && style == Style.AIN) {
      return b.build();
    }
    for (int i = 0; i < body.kidCount(); i++) {
      RadixNode k = body.kid(i);
      b.put("#radix:" + k.edge(), k.edge().equals(routeEdge) ? routeProof
          : JObject.builder().put("#radix_ph", Json.of(hex(k.proofHash()))).build());
    }
    return b.build();
  }

  private static String hex(byte[] h) {
    return io.ainj.statedb.tree.ProofHash.toHex(h);
  }
}
