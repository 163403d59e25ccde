/**
 * The load generator and cluster benchmark: drives any AIN-compatible JSON-RPC endpoint and
 * reports what clients see (committed tx/s, finality), as CSV, text and an SVG plot.
 */
package io.ainj.node.bench;
