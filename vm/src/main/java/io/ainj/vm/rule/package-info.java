/**
 * AIN's rule language: the JavaScript expression subset write rules are written in, with exact
 * JavaScript semantics where consensus depends on them (truthiness, strict and loose equality,
 * {@code +} on strings and numbers, V8 number formatting).
 *
 * <p>A hand-written {@link io.ainj.vm.rule.Lexer} and {@link io.ainj.vm.rule.Parser} compile a
 * rule once into an AST of records; {@link io.ainj.vm.rule.RuleEngine} caches compiled rules by
 * text and evaluates them with an {@link io.ainj.vm.rule.Interpreter} under a {@link
 * io.ainj.vm.rule.Meter}. {@link io.ainj.vm.rule.WriteRuleTokens} is AIN's token whitelist
 * check for SET_RULE.
 *
 * <p>Must not touch: the state tree (rules read state only through {@link
 * io.ainj.vm.rule.RuleHost}), reflection, class loading, the clock, threads or I/O. Nothing a
 * rule evaluates may be a Java object other than the value model of {@link io.ainj.vm.rule.Js}.
 */
package io.ainj.vm.rule;
