/** The execution port (implemented by the vm) and helpers to read AIN execution results. */
package io.ainj.ledger.exec;
