/** The chain store: finalized blocks, certificates and lookup indexes in the state's store. */
package io.ainj.ledger.chain;
