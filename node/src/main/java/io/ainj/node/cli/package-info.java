/**
 * The {@code ainj} command line (picocli). Commands parse flags, build module configs and call
 * into the modules; they hold no protocol logic of their own.
 */
package io.ainj.node.cli;
