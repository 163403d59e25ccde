/**
 * AIN's client protocol-version rules: npm-{@code semver.coerce}-compatible parsing and the gate
 * every JSON-RPC call except {@code ain_getProtocolVersion} and {@code ain_checkProtocolVersion}
 * passes before dispatch (spec section 2.2).
 *
 * <p>Pure functions over JSON values: no I/O, no Netty, no chain state.
 */
package io.ainj.rpc.version;
