/**
 * The PBFT state machine: {@link io.ainj.consensus.core.ConsensusStateMachine#handle} turns one
 * {@link io.ainj.consensus.core.Event} into an ordered list of {@link
 * io.ainj.consensus.core.Effect}s, plus the persisted {@link io.ainj.consensus.core.SafetyState}
 * and the {@link io.ainj.consensus.core.ConsensusStats} counters.
 *
 * <p>Single-threaded and pure: no network, disk, clock, threads, randomness or logging. Time
 * exists only as timer effects and timer events; blocks are opaque. {@code node} runs one thread
 * that drains a bounded queue of events (network and timers only enqueue) and executes the
 * effects in order; a {@code PersistSafetyState} must be durable before any later effect of the
 * same list is executed, because the votes that follow it depend on it for crash safety.
 */
package io.ainj.consensus.core;
