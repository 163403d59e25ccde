package io.ainj.consensus.core;

/**
 * Identifies the single round timer of (height, view). Starting a timer whose key is already
 * running replaces it; a fired key that no longer matches the machine's (height, view) is stale
 * and ignored, so {@code node} need not cancel reliably.
 */
public record TimerKey(long height, int view) {}
