/**
 * The transaction pool: admitted transactions by sender, AIN's limits and codes, block order.
 * Holds no state versions and runs nothing; the node's chain thread drives it.
 */
package io.ainj.ledger.pool;
