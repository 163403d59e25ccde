/**
 * Metrics: Micrometer meters bound to the modules' plain counters, and the Prometheus endpoint.
 * Only the node has a metrics registry; modules never import one.
 */
package io.ainj.node.metrics;
