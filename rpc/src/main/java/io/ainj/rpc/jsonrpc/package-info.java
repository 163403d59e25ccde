/**
 * The transport-independent JSON-RPC 2.0 core: bytes of a request body in, the JSON to answer
 * out. Parsing (with the project's bounded {@code AinJson} mapper), AIN's protocol-version gate,
 * envelope validation, batches, dispatch to registered methods on a bounded worker pool with a
 * processing timeout, and AIN's result wrapper.
 *
 * <p>No Netty and no HTTP here, so the rules are testable without sockets; no chain state, no
 * storage, no consensus or p2p. Bad client input becomes an error response and a counter, never
 * an exception to the caller.
 */
package io.ainj.rpc.jsonrpc;
