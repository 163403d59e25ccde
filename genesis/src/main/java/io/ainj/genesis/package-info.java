/**
 * Genesis: AIN-format config files (with AIN's base config embedded as the default devnet),
 * their validation, and the genesis transactions and block. Reads files only when asked for a
 * directory; never touches the network or the chain store.
 */
package io.ainj.genesis;
