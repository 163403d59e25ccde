package io.ainj.vm.rule;

import java.util.List;

/** The AST of a rule expression. Immutable, shareable between threads once compiled. */
public sealed interface Expr {
  /** A literal: Double, String, Boolean, {@link Js#NULL}, {@link Js#UNDEFINED}. */
  record Literal(Object value) implements Expr {}

  /** A name: a parameter, a path variable or a global. */
  record Ident(String name) implements Expr {}

  /** {@code this}: undefined, because AIN calls the rule function without a receiver in strict mode. */
  record This() implements Expr {}

  /** A template literal: {@code cooked.size() == exprs.size() + 1}. */
  record Template(List<String> cooked, List<Expr> exprs) implements Expr {}

  /** {@code [a, , b]}; a hole is null in {@code items}. */
  record ArrayLit(List<Expr> items) implements Expr {}

  /** {@code {k: v, [e]: v, k}}; {@code key} is a Literal for plain and computed-constant keys. */
  record ObjectLit(List<Prop> props) implements Expr {}

  /** One property of an object literal. */
  record Prop(Expr key, Expr value) {}

  /** {@code o.p}, {@code o[p]}, {@code o?.p}: {@code property} is a Literal for dotted names. */
  record Member(Expr object, Expr property, boolean optional) implements Expr {}

  /** {@code f(a, b)}, {@code f?.(a)}. */
  record Call(Expr callee, List<Expr> args, boolean optional) implements Expr {}

  /** The boundary of an optional chain: a short-circuit inside yields undefined here. */
  record OptionalChain(Expr expr) implements Expr {}

  /** {@code ! - + ~ typeof void}. */
  record Unary(String op, Expr operand) implements Expr {}

  /** Arithmetic, comparison, equality, bitwise, {@code in}, {@code instanceof}. */
  record Binary(String op, Expr left, Expr right) implements Expr {}

  /** {@code && || ??}, which return one of their operands. */
  record Logical(String op, Expr left, Expr right) implements Expr {}

  /** {@code a ? b : c}. */
  record Conditional(Expr test, Expr then, Expr otherwise) implements Expr {}

  /** {@code a, b}: the value of the last. */
  record Sequence(List<Expr> exprs) implements Expr {}

  /**
   * An assignment to a local name ({@code =}, {@code +=}, {@code &&=}...); JavaScript lets a strict
   * function assign its own parameters. {@code prefix}/{@code postfix} for {@code ++}/{@code --}.
   */
  record Assign(String op, String name, Expr value, boolean postfix) implements Expr {}

  /**
   * Syntax JavaScript compiles but the rule language does not run (member assignment, {@code new},
   * regular expressions, {@code delete}, BigInt). Evaluating it throws, which AIN would report as a
   * runtime error for most of these anyway; it is never a way around the sandbox.
   */
  record Unsupported(String what) implements Expr {}
}
