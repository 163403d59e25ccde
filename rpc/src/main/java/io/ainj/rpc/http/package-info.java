/**
 * The HTTP/1.1 transport (Netty): connection cap, slowloris and idle timeouts, body-size limit,
 * routing of {@code POST /json-rpc} and the health endpoints, CORS, keep-alive and ordered
 * responses for pipelined requests. It hands JSON-RPC bodies to
 * {@link io.ainj.rpc.jsonrpc.JsonRpcProcessor} and never runs a method on an event loop.
 *
 * <p>Internal to the rpc module (public only for {@link io.ainj.rpc.RpcServer}); must not touch
 * chain state, storage, consensus or p2p, and must never let an exception from one connection
 * affect another.
 */
package io.ainj.rpc.http;
