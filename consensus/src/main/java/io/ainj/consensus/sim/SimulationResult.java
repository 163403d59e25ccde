package io.ainj.consensus.sim;

/**
 * The outcome of one seed.
 *
 * @param seed the seed
 * @param ok no property broke
 * @param failure what broke first (agreement, validity, double-sign, liveness, codec...), or
 *     empty when ok
 * @param scenario the drawn fault parameters, for reproducing and reading a failure
 * @param virtualMillis virtual time simulated
 * @param events events processed by all state machines
 * @param messagesDelivered packets delivered
 * @param minHonestHeight the lowest committed height among honest validators at the end
 * @param maxHonestHeight the highest committed height among honest validators at the end
 * @param viewChanges view changes started by honest validators
 * @param syncs block syncs served
 * @param restarts crash-restarts of honest validators
 * @param droppedInputs inputs the honest state machines dropped (all reasons)
 */
public record SimulationResult(
    long seed,
    boolean ok,
    String failure,
    String scenario,
    long virtualMillis,
    long events,
    long messagesDelivered,
    long minHonestHeight,
    long maxHonestHeight,
    long viewChanges,
    long syncs,
    long restarts,
    long droppedInputs) {

  /** One line for the CLI: {@code seed 42: FAILED agreement ... [scenario]} or a pass summary. */
  public String line() {
    if (ok) {
      return "seed " + seed + ": ok, heights " + minHonestHeight + ".." + maxHonestHeight
          + ", " + viewChanges + " view changes, " + virtualMillis + " ms virtual";
    }
    return "seed " + seed + ": FAILED " + failure + " [" + scenario + "]";
  }
}
