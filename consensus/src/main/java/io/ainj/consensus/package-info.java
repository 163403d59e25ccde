/**
 * PBFT consensus for ainj (Castro and Liskov over blocks, one sequence number per height) as a
 * pure state machine, with its deterministic simulator.
 *
 * <ul>
 *   <li>{@code types}: value types, configuration and the ports node implements (signer,
 *       verifier, proposer selection).
 *   <li>{@code messages}: signed PBFT messages, certificates and their canonical encoding.
 *   <li>{@code core}: {@code ConsensusStateMachine.handle(Event) -> List<Effect>}, the safety
 *       state and counters.
 *   <li>{@code crypto}: secp256k1 adapters of the signing ports over {@code ainj-crypto}.
 *   <li>{@code sim}: the seeded simulator behind {@code ainj simulate}.
 * </ul>
 *
 * <p>Nothing in this module touches the network, the disk, the clock or threads, and it sees no
 * Netty, RocksDB, ledger, state-db, p2p or vm (enforced by the {@code architecture} enforcer
 * rule); {@code node} wires it to those through effects and events.
 */
package io.ainj.consensus;
