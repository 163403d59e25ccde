/**
 * Conformance support: executes the vm's share of the shared state vectors. Test and tooling
 * entry point only; block execution never goes through here.
 *
 * <p>Must not touch: files (callers pass parsed vectors), the network.
 */
package io.ainj.vm.conformance;
