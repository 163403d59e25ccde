/** Transactions in AIN's format: format rules, size estimate, signature verification. */
package io.ainj.ledger.tx;
