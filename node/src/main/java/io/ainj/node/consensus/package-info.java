/**
 * Wiring of the PBFT state machine into the node: the consensus thread, timers, the safety
 * store and the ledger answers (proposals, validation, commits). Only this package drives
 * consensus; nothing here decides a vote.
 */
package io.ainj.node.consensus;
