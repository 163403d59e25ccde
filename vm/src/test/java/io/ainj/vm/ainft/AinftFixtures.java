package io.ainj.vm.ainft;

import io.ainj.vm.exec.J;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.read.GetRenderer;
import io.ainj.statedb.read.ReadOptions;
import io.ainj.statedb.tree.StateNode;
import io.ainj.vm.exec.OpContext;
import io.ainj.vm.exec.VmParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Large AINFT states for tests and benchmarks (shipped in the vm test-jar): runs requests through
 * {@link AinftService} directly on a {@link MutableState}, without signatures, rules outside
 * {@code /ainft} or fees, so the layout is exactly what minting writes but a million tokens take
 * seconds, not a block pipeline's minutes.
 */
public final class AinftFixtures {
  private AinftFixtures() {}

  /** A host over a mutable state: raw reads and writes; no ordinary ops (no payments). */
  public static AinftHost host(MutableState state, double timestamp) {
    OpContext ctx = OpContext.of(timestamp, "0xfixture");
    return new AinftHost() {
      @Override
      public Json read(List<String> path) {
        List<String> full = new ArrayList<>(path.size() + 1);
        full.add(StateRoot.VALUES.label());
        full.addAll(path);
        StateNode n = state.node(full);
        return n == null ? Json.NULL : GetRenderer.render(n, ReadOptions.DEFAULT);
      }

      @Override
      public void write(List<String> path, Json value) {
        List<String> full = new ArrayList<>(path.size() + 1);
        full.add(StateRoot.VALUES.label());
        full.addAll(path);
        state.writeRaw(full, value);
      }

      @Override
      public Json setValue(String path, Json value, Json auth) {
        throw new UnsupportedOperationException("fixtures run no ordinary operations");
      }

      @Override
      public VmParams params() {
        return VmParams.defaults();
      }

      @Override
      public OpContext context() {
        return ctx;
      }
    };
  }

  /** Runs one request as {@code addr}; returns the stored result, or throws if it failed. */
  public static Json request(MutableState state, String action, String addr, String key,
      Json request) {
    AinftHost h = host(state, 1_700_000_000_000d);
    Json r = AinftService.setValue(h, List.of(AinftService.ROOT, action, addr, key, "value"),
        request, J.obj("addr", addr));
    if (!(J.get(r, "code") instanceof Json.JNumber n) || n.value() != 0) {
      throw new IllegalStateException(action + " failed: " + r);
    }
    return h.read(List.of(AinftService.ROOT, action, addr, key, "result"));
  }

  /** {@code sha256:} + 64 hex digits made from {@code i}. */
  public static String digest(long i) {
    return "sha256:" + String.format("%064x", i);
  }

  /**
   * Creates collection {@code cid} administered by {@code admin} and mints {@code chain} tokens
   * as one lineage chain (each derives from the previous with 1 %), then {@code extra} root
   * tokens. Returns the ids of the chain, root first (the last one has depth chain - 1).
   */
  public static List<String> seed(MutableState state, String cid, String admin, int chain,
      int extra) {
    request(state, "create_collection", admin, "c", AinftRequests.createCollection(cid, cid));
    List<String> ids = new ArrayList<>(chain);
    String prev = null;
    for (int i = 0; i < chain; i++) {
      Json req = AinftRequests.mintData(cid, digest(i), prev == null ? Map.of() : Map.of(prev, 100));
      prev = ((Json.JString) J.get(request(state, "mint", admin, "m" + i, req), "id")).value();
      ids.add(prev);
    }
    for (int i = 0; i < extra; i++) {
      request(state, "mint", admin, "x" + i, AinftRequests.mintData(cid, digest(chain + i),
          Map.of()));
    }
    return ids;
  }
}
