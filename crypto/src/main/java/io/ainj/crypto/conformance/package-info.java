/**
 * Conformance runners over the shared signing vectors, usable from tests and from the CLI. They
 * read expected values only from the vector file they are given.
 */
package io.ainj.crypto.conformance;
