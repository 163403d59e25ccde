package io.ainj.benchmarks;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.json.Json;
import java.util.List;

/**
 * Synthetic state shapes shared by the state-db benchmarks and {@link StateDbScaleTool}: leaves
 * at depth 4 below {@code /values}, {@code /a<i>/b<j>/c<k>/d<l>}, with {@code fan} children per
 * level, so {@code fan = 32} gives 32^4 = 1,048,576 leaves.
 */
final class StateTrees {
  private StateTrees() {}

  static String label(int level, int i) {
    return (char) ('a' + level) + Integer.toString(i);
  }

  /** The local path of leaf number {@code n} (digits of n in base {@code fan}). */
  static List<String> leafPath(int fan, long n) {
    int l = (int) (n % fan);
    n /= fan;
    int k = (int) (n % fan);
    n /= fan;
    int j = (int) (n % fan);
    n /= fan;
    int i = (int) n;
    return List.of(label(0, i), label(1, j), label(2, k), label(3, l));
  }

  static List<String> fullLeafPath(int fan, long n) {
    List<String> p = leafPath(fan, n);
    return List.of(StateRoot.VALUES.label(), p.get(0), p.get(1), p.get(2), p.get(3));
  }

  static Json leafValue(long n, long salt) {
    return Json.of((double) (n * 31 + salt));
  }

  /** The subtree {@code /a<i>}: fan^3 leaves, written in one call (fast bulk load). */
  static Json.JObject firstLevelSubtree(int fan, int i, long salt) {
    Json.JObject.Builder b1 = Json.JObject.builder();
    for (int j = 0; j < fan; j++) {
      Json.JObject.Builder b2 = Json.JObject.builder();
      for (int k = 0; k < fan; k++) {
        Json.JObject.Builder b3 = Json.JObject.builder();
        for (int l = 0; l < fan; l++) {
          long n = (((long) i * fan + j) * fan + k) * fan + l;
          b3.put(label(3, l), leafValue(n, salt));
        }
        b2.put(label(2, k), b3.build());
      }
      b1.put(label(1, j), b2.build());
    }
    return b1.build();
  }

  /** Writes all fan^4 leaves (fan writes of fan^3 leaves each). */
  static void build(MutableState s, int fan) {
    for (int i = 0; i < fan; i++) {
      s.set(StateRoot.VALUES, List.of(label(0, i)), firstLevelSubtree(fan, i, 0));
    }
  }
}
