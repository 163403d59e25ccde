package io.ainj.vm.ainft;

import io.ainj.vm.exec.J;

import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JArray;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.read.GetRenderer;
import io.ainj.statedb.read.ReadOptions;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.StateTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Read-side AINFT queries (docs/ainft.md §5) over one state version: tokens, lineage in both
 * directions with a depth bound, the owner index and payments. Each call reads only the nodes
 * it needs (parents of a token, the children index), so a lineage walk costs O(nodes visited)
 * path lookups whatever the number of AINFTs in state.
 */
public final class AinftQueries {
  public static final int DEFAULT_DEPTH = 10;
  public static final int MAX_DEPTH = 1000;
  public static final int MAX_NODES = 10_000;

  /** Which way a lineage walk goes. */
  public enum Direction {
    ANCESTORS, DESCENDANTS, BOTH;

    /** {@code ancestors}, {@code descendants} or {@code both}; null for anything else. */
    public static Direction parse(String s) {
      return switch (s == null ? "" : s) {
        case "ancestors" -> ANCESTORS;
        case "descendants" -> DESCENDANTS;
        case "both" -> BOTH;
        default -> null;
      };
    }
  }

  /** The values-tree node at a local path, or null. */
  @FunctionalInterface
  public interface Source {
    StateNode node(List<String> valuePath);
  }

  private final Source source;

  public AinftQueries(Source source) {
    this.source = source;
  }

  public static AinftQueries of(StateVersion version) {
    return new AinftQueries(p -> version.node(StateRoot.VALUES, p));
  }

  private StateNode node(String... labels) {
    List<String> p = new ArrayList<>(labels.length + 1);
    p.add(AinftService.ROOT);
    p.addAll(List.of(labels));
    return source.node(p);
  }

  private Json read(String... labels) {
    StateNode n = node(labels);
    return n == null ? Json.NULL : GetRenderer.render(n, ReadOptions.DEFAULT);
  }

  /** Child labels of a node, sorted; empty when absent or a leaf. */
  private List<String> childLabels(String... labels) {
    StateNode n = node(labels);
    if (n == null || n.isLeaf()) {
      return List.of();
    }
    TreeSet<String> out = new TreeSet<>();
    for (StateTree.Child c : StateTree.childrenBySerial(n)) {
      out.add(c.node().label());
    }
    return new ArrayList<>(out);
  }

  /** The token object with its {@code id} first, or null when there is no such AINFT. */
  public Json token(String id) {
    if (!AinftRecords.isTokenId(id) || !(read("tokens", id) instanceof JObject t)) {
      return null;
    }
    JObject.Builder b = JObject.builder().put("id", Json.of(id));
    for (int i = 0; i < t.size(); i++) {
      b.put(t.key(i), t.value(i));
    }
    return b.build();
  }

  private Json parents(String id) {
    Json p = read("tokens", id, "record", "parents");
    return p instanceof JObject ? p : JObject.EMPTY;
  }

  /**
   * {@code {id, parents, ancestors: [{id, depth, parents}], descendants: [...], truncated}},
   * breadth first, ids sorted within a level, at most {@code maxNodes} entries in all; null when
   * the token does not exist.
   */
  public Json lineage(String id, Direction direction, int depth, int maxNodes) {
    if (!AinftRecords.isTokenId(id) || node("tokens", id, "record") == null) {
      return null;
    }
    int[] budget = {Math.max(0, maxNodes)};
    boolean[] truncated = {false};
    JObject.Builder b = JObject.builder().put("id", Json.of(id)).put("parents", parents(id));
    if (direction != Direction.DESCENDANTS) {
      b.put("ancestors", walk(id, true, depth, budget, truncated));
    }
    if (direction != Direction.ANCESTORS) {
      b.put("descendants", walk(id, false, depth, budget, truncated));
    }
    b.put("truncated", Json.of(truncated[0]));
    return b.build();
  }

  private JArray walk(String start, boolean up, int maxDepth, int[] budget, boolean[] truncated) {
    List<Json> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    seen.add(start);
    List<String> level = List.of(start);
    for (int d = 1; d <= maxDepth && !level.isEmpty(); d++) {
      TreeSet<String> next = new TreeSet<>();
      for (String t : level) {
        List<String> links = up ? ((JObject) parents(t)).keys() : childLabels("children", t);
        for (String l : links) {
          if (seen.add(l)) {
            next.add(l);
          }
        }
      }
      List<String> kept = new ArrayList<>();
      for (String t : next) {
        if (budget[0] <= 0) {
          truncated[0] = true;
          break;
        }
        budget[0]--;
        out.add(J.obj("id", t, "depth", d, "parents", parents(t)));
        kept.add(t);
      }
      level = kept;
      if (truncated[0]) {
        break;
      }
      if (d == maxDepth && !level.isEmpty()) {
        // Report whether the bound cut the walk short.
        for (String t : level) {
          List<String> links = up ? ((JObject) parents(t)).keys() : childLabels("children", t);
          if (!links.isEmpty() && !seen.containsAll(links)) {
            truncated[0] = true;
            break;
          }
        }
      }
    }
    return new JArray(out);
  }

  /** Ids of the live tokens an address owns, sorted. */
  public List<String> tokensByOwner(String address) {
    return address == null || address.isEmpty() ? List.of() : childLabels("owners", address);
  }

  /** {@code {payments: [...], payouts: [...], earned}}, each entry with its payment id; or null. */
  public Json payouts(String id) {
    if (!AinftRecords.isTokenId(id) || node("tokens", id, "record") == null) {
      return null;
    }
    return J.obj("id", id,
        "payments", entries(read("payments", id)),
        "payouts", entries(read("payouts", id)),
        "earned", read("tokens", id, "earned"));
  }

  private static JArray entries(Json byId) {
    List<Json> out = new ArrayList<>();
    if (byId instanceof JObject o) {
      for (String k : new TreeSet<>(o.keys())) {
        JObject.Builder b = JObject.builder().put("payment_id", Json.of(k));
        if (o.get(k) instanceof JObject e) {
          for (int i = 0; i < e.size(); i++) {
            b.put(e.key(i), e.value(i));
          }
        }
        out.add(b.build());
      }
    }
    return new JArray(out);
  }

  /** {@code {collection, config, admin, minted, tokens: [id...]}} or null. */
  public Json collection(String cid) {
    if (!AinftRecords.isCollectionId(cid) || node("collections", cid, "config") == null) {
      return null;
    }
    List<Json> ids = new ArrayList<>();
    childLabels("collections", cid, "tokens").forEach(t -> ids.add(Json.of(t)));
    return J.obj("collection", cid, "config", read("collections", cid, "config"),
        "admin", read("collections", cid, "admin"), "minted", read("collections", cid, "minted"),
        "tokens", new JArray(ids));
  }
}
