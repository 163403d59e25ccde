/**
 * State paths and labels as AIN defines them: parsing and formatting of {@code /a/b/c}, label
 * validity (reserved characters, allowed {@code .x}/{@code $x}/{@code *} patterns, the length
 * limit), value-object validity, and the radix (hex) form of a label used by the proof trie.
 *
 * <p>Pure functions only; nothing here touches the tree or storage.
 */
package io.ainj.statedb.path;
