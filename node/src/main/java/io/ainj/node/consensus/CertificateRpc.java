package io.ainj.node.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.ledger.chain.Chain;
import io.ainj.rpc.RpcMethodRegistry;
import io.ainj.rpc.RpcResult;
import java.util.Set;

/**
 * The block RPC with the finality proof: a block served by {@code ain_getBlockByNumber},
 * {@code ain_getBlockByHash} or {@code ain_getLastBlock} carries its commit certificate as an
 * extra {@code commit_certificate} field ({@link CertificateJson}). AIN's own proof field,
 * {@code last_votes}, is part of the hashed block body and holds vote transactions that PBFT does
 * not produce, so it stays as built and the certificate travels beside it; clients that do not
 * know the field ignore it.
 */
public final class CertificateRpc {
  private static final Set<String> BLOCK_METHODS = Set.of("ain_getBlockByNumber", "ain_getBlockByHash", "ain_getLastBlock");

  private CertificateRpc() {}

  public static RpcMethodRegistry wrap(RpcMethodRegistry registry, Chain chain) {
    RpcMethodRegistry.Builder b = RpcMethodRegistry.builder();
    for (String name : registry.names()) {
      if (!BLOCK_METHODS.contains(name)) {
        b.register(name, registry.handler(name).orElseThrow());
        continue;
      }
      io.ainj.rpc.RpcMethod m = registry.find(name).orElseThrow();
      b.register(name, (params, ctx) -> {
        RpcResult r = m.call(params, ctx);
        if (r instanceof RpcResult.Ok ok && ok.payload() instanceof ObjectNode block && block.has("number")) {
          long n = block.path("number").asLong();
          JsonNode cert = chain.store().certificate(n).orElse(null);
          if (cert != null && cert.path("block_hash").asText().equalsIgnoreCase(block.path("hash").asText())) {
            block.set("commit_certificate", cert);
          }
        }
        return r;
      });
    }
    return b.build();
  }
}
