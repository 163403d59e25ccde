/**
 * The ledger: transactions and their admission checks, the pool, blocks, receipts, the chain
 * store and block execution. It executes state changes only through the vm and stores through
 * state-db; it knows nothing of networking, consensus messages or JSON-RPC.
 */
package io.ainj.ledger;
