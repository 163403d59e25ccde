/** A JSON-RPC load generator that measures committed throughput and finality as clients see it. */
package io.ainj.benchmarks.load;
