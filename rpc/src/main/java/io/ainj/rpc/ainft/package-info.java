/**
 * The {@code ainft_*} convenience JSON-RPC methods (docs/ainft.md §5): thin adapters from params
 * to {@link io.ainj.vm.ainft.AinftQueries} over the pending or finalized state, answered with
 * AIN's result wrappers. Reads only; writes stay ordinary signed transactions.
 */
package io.ainj.rpc.ainft;
