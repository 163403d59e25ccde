package io.ainj.vm.config;

import io.ainj.statedb.json.Json;

/** The result of applying a config change: the new subtree and whether it was a merge. */
public record ConfigChange(boolean isMerge, Json config) {}
