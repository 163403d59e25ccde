/**
 * Native AINFT (docs/ainft.md): the reserved service root {@code /ainft}, whose request writes run
 * the built-in native function {@code _ainft} instead of state-configured rules and functions;
 * content-addressed token ids, lineage, versions, ownership, and usage payments split along the
 * lineage through {@code /transfer}; read-side lineage queries over any state version.
 *
 * <p>Must not touch: the wall clock, I/O, genesis configs, or any state outside {@code /ainft}
 * except through ordinary operations of the executor (the payout transfers). Everything is a
 * deterministic function of the request, the op context and the state.
 */
package io.ainj.vm.ainft;
