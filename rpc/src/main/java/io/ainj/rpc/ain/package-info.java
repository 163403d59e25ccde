/**
 * AIN's JSON-RPC methods over the ledger, the state and the vm. Reads use immutable state
 * versions; writes go through {@link io.ainj.ledger.chain.Chain#submit}. No transport here.
 */
package io.ainj.rpc.ain;
