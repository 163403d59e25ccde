/**
 * The vm: AIN's operation semantics over a state version. Subpackages: {@code rule} (the rule
 * language), {@code config} (validity and merge of rule/owner/function configs), {@code exec}
 * (matching, permissions, operations, functions and their results).
 *
 * <p>Must not touch: the network, consensus, block or transaction encoding, the wall clock
 * (time comes from the operation's timestamp), files or persistence (state-db owns those).
 */
package io.ainj.vm;
