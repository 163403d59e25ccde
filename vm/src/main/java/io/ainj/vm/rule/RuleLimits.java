package io.ainj.vm.rule;

/**
 * Metering limits of one rule evaluation (shared by the rules it evaluates through
 * {@code evalRule}). AIN has no such limits because V8 runs rules with a wall-clock budget of
 * "whatever the block allows"; a deterministic node needs deterministic ones. Real rules use a
 * few hundred steps, so the defaults leave three orders of magnitude of headroom while bounding
 * the time (well under a millisecond per thousand steps) and memory of a hostile rule.
 *
 * @param maxSteps evaluation steps (AST nodes visited, call arguments, keys enumerated)
 * @param maxStringLength the longest string a rule may build, in UTF-16 units
 * @param maxTotalStringChars all characters a rule may build by concatenation or methods
 * @param maxNestedEvals nesting of {@code evalRule}/{@code evalOwner} inside rules
 * @param cacheSize compiled rules kept, keyed by rule text
 */
public record RuleLimits(long maxSteps, int maxStringLength, long maxTotalStringChars,
    int maxNestedEvals, int cacheSize) {
  public static final long DEFAULT_MAX_STEPS = 200_000;
  public static final int DEFAULT_MAX_STRING_LENGTH = 1 << 20;
  public static final long DEFAULT_MAX_TOTAL_STRING_CHARS = 8L << 20;
  public static final int DEFAULT_MAX_NESTED_EVALS = 4;
  public static final int DEFAULT_CACHE_SIZE = 4096;

  public RuleLimits {
    if (maxSteps <= 0 || maxStringLength <= 0 || maxTotalStringChars <= 0 || maxNestedEvals < 0
        || cacheSize <= 0) {
      throw new IllegalArgumentException("rule limits must be positive");
    }
  }

  public static RuleLimits defaults() {
    return new RuleLimits(DEFAULT_MAX_STEPS, DEFAULT_MAX_STRING_LENGTH,
        DEFAULT_MAX_TOTAL_STRING_CHARS, DEFAULT_MAX_NESTED_EVALS, DEFAULT_CACHE_SIZE);
  }
}
