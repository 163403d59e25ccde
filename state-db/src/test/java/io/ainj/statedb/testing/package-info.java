/**
 * Test fixtures shipped in the state-db test-jar for other modules' tests: an in-memory state db
 * and AIN's "init" base state. Test code only; never used by production code.
 */
package io.ainj.statedb.testing;
