/** JMH benchmarks; they run only on demand (see docs/benchmarks.md), never in the test build. */
package io.ainj.benchmarks;
