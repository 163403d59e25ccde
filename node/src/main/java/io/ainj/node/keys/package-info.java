/** The node's key file in its data directory. Only the node module reads or writes key files. */
package io.ainj.node.keys;
