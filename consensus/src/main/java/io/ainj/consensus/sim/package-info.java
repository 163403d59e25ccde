/**
 * Deterministic PBFT simulator: n {@link io.ainj.consensus.core.ConsensusStateMachine}s driven by
 * one seed, one virtual clock and one event queue, with delays, drops, duplication, reordering,
 * partitions, crash-restarts from persisted safety state and byzantine validators. After every
 * step it checks agreement, validity and that no honest validator signed two values for one slot;
 * after the network stabilises it checks that every honest validator keeps committing within a
 * bound of virtual time. Entry point: {@link io.ainj.consensus.sim.SimulationRunner}.
 *
 * <p>Main code (not a test-jar) because {@code ainj simulate} ships it. It must stay headless and
 * fast: no wall clock, no threads, no I/O, no logging, no JUnit; randomness only from the seed
 * ({@link java.util.SplittableRandom}). Production wiring in {@code node} must not use its fake
 * signatures ({@link io.ainj.consensus.sim.SimKeys}).
 */
package io.ainj.consensus.sim;
