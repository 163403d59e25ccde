/**
 * The client-facing JSON-RPC edge of an ainj node: the server ({@link io.ainj.rpc.RpcServer}),
 * its immutable config, the method API the node registers its {@code ain_*} / {@code net_*}
 * methods through ({@link io.ainj.rpc.RpcMethod}, or {@link io.ainj.rpc.AsyncRpcMethod} for one
 * that answers from its own queue, {@link io.ainj.rpc.RpcResult},
 * {@link io.ainj.rpc.RpcMethodRegistry}), AIN's wrapper result codes and plain counters.
 *
 * <p>This package knows the wire contract of AIN and ain-js (envelope, protocol-version gate,
 * result wrapper) and nothing about the chain: it must not touch state, ledger, vm, consensus,
 * p2p or storage. The node wires those in as methods and probes. No logging backend and no
 * metrics registry here; the node binds {@link io.ainj.rpc.RpcStats} to its registry.
 */
package io.ainj.rpc;
