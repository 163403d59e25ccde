/** AIN-format blocks, headers and their hashes. Pure data: no storage, no execution. */
package io.ainj.ledger.block;
