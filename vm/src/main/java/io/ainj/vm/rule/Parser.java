package io.ainj.vm.rule;

import io.ainj.vm.rule.Expr.ArrayLit;
import io.ainj.vm.rule.Expr.Assign;
import io.ainj.vm.rule.Expr.Binary;
import io.ainj.vm.rule.Expr.Call;
import io.ainj.vm.rule.Expr.Conditional;
import io.ainj.vm.rule.Expr.Ident;
import io.ainj.vm.rule.Expr.Literal;
import io.ainj.vm.rule.Expr.Logical;
import io.ainj.vm.rule.Expr.Member;
import io.ainj.vm.rule.Expr.ObjectLit;
import io.ainj.vm.rule.Expr.OptionalChain;
import io.ainj.vm.rule.Expr.Prop;
import io.ainj.vm.rule.Expr.Sequence;
import io.ainj.vm.rule.Expr.Template;
import io.ainj.vm.rule.Expr.Unary;
import io.ainj.vm.rule.Expr.Unsupported;
import io.ainj.vm.rule.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for the body AIN compiles, {@code "use strict"; return <rule>}: one
 * expression (ECMAScript precedence and associativity), optionally followed by further
 * expression statements that can never run. Nesting is bounded, so hostile input fails with a
 * syntax error instead of exhausting the Java stack.
 */
public final class Parser {
  /** Deeper nesting than any real rule; keeps recursion far from the thread stack's end. */
  public static final int MAX_DEPTH = 200;

  private static final Map<String, Integer> BINARY_PRECEDENCE = Map.ofEntries(
      Map.entry("??", 1), Map.entry("||", 2), Map.entry("&&", 3), Map.entry("|", 4),
      Map.entry("^", 5), Map.entry("&", 6), Map.entry("==", 7), Map.entry("!=", 7),
      Map.entry("===", 7), Map.entry("!==", 7), Map.entry("<", 8), Map.entry(">", 8),
      Map.entry("<=", 8), Map.entry(">=", 8), Map.entry("instanceof", 8), Map.entry("in", 8),
      Map.entry("<<", 9), Map.entry(">>", 9), Map.entry(">>>", 9), Map.entry("+", 10),
      Map.entry("-", 10), Map.entry("*", 11), Map.entry("/", 11), Map.entry("%", 11),
      Map.entry("**", 12));

  private static final java.util.Set<String> ASSIGN_OPS = java.util.Set.of("=", "+=", "-=",
      "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "??=");

  private final List<Token> tokens;
  private int pos;
  private int depth;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** The parsed rule: its expression, and whether ASI makes the function return undefined. */
  public record Program(Expr expr, boolean returnsUndefined) {}

  /** Parses rule text as the operand of {@code return}. */
  public static Program parse(String rule) throws RuleSyntaxException {
    List<Token> tokens = Lexer.tokenize(rule);
    Parser p = new Parser(tokens);
    return p.program();
  }

  private Program program() throws RuleSyntaxException {
    Token first = peek();
    // "return" followed by a line break is "return;" (ASI): the rule yields undefined and the
    // text after it is an unreachable statement that still has to compile.
    boolean returnsUndefined = first.type() == Type.EOF || first.newlineBefore()
        || first.isPunct(";") || first.isPunct("}");
    Expr expr = returnsUndefined ? new Literal(Js.UNDEFINED) : null;
    if (!returnsUndefined) {
      expr = expression();
    }
    statementsTail(!returnsUndefined);
    if (AstDepth.exceeds(expr, AstDepth.MAX_DEPTH)) {
      throw new RuleSyntaxException("Maximum nesting depth exceeded");
    }
    return new Program(expr, returnsUndefined);
  }

  /** Trailing statements: {@code ;}-separated (or newline-separated) expressions. */
  private void statementsTail(boolean afterExpression) throws RuleSyntaxException {
    boolean needSeparator = afterExpression;
    while (peek().type() != Type.EOF) {
      Token t = peek();
      if (t.isPunct(";")) {
        pos++;
        needSeparator = false;
        continue;
      }
      if (needSeparator && !t.newlineBefore()) {
        throw unexpected(t);
      }
      expression();
      needSeparator = true;
    }
  }

  // ---- expressions ------------------------------------------------------------------------

  private Expr expression() throws RuleSyntaxException {
    Expr e = assignment();
    if (!peek().isPunct(",")) {
      return e;
    }
    List<Expr> list = new ArrayList<>();
    list.add(e);
    while (peek().isPunct(",")) {
      pos++;
      list.add(assignment());
    }
    return new Sequence(List.copyOf(list));
  }

  private Expr assignment() throws RuleSyntaxException {
    enter();
    try {
      if (peek().isPunct("(") || peek().type() == Type.IDENTIFIER) {
        if (isArrowAhead()) {
          throw new RuleSyntaxException("Arrow functions are not allowed in rules");
        }
      }
      int start = pos;
      Expr left = conditional();
      Token t = peek();
      if (t.type() == Type.PUNCTUATOR && ASSIGN_OPS.contains(t.text())) {
        pos++;
        Expr value = assignment();
        if (left instanceof Ident id) {
          checkAssignable(id.name());
          return new Assign(t.text(), id.name(), value, false);
        }
        if (left instanceof Member) {
          return new Unsupported("assignment to a property");
        }
        throw new RuleSyntaxException(start < tokens.size() && t.text().equals("=")
            ? "Invalid left-hand side in assignment" : "Invalid left-hand side in assignment");
      }
      return left;
    } finally {
      depth--;
    }
  }

  private static void checkAssignable(String name) throws RuleSyntaxException {
    if (name.equals("eval") || name.equals("arguments")) {
      throw new RuleSyntaxException("Unexpected eval or arguments in strict mode");
    }
  }

  /** {@code x =>} or {@code (...) =>}: looks ahead without consuming. */
  private boolean isArrowAhead() {
    int i = pos;
    if (tokens.get(i).type() == Type.IDENTIFIER) {
      return tokens.get(i + 1).isPunct("=>");
    }
    int level = 0;
    for (; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isPunct("(")) {
        level++;
      } else if (t.isPunct(")")) {
        level--;
        if (level == 0) {
          return i + 1 < tokens.size() && tokens.get(i + 1).isPunct("=>");
        }
      } else if (t.type() == Type.EOF) {
        return false;
      }
    }
    return false;
  }

  private Expr conditional() throws RuleSyntaxException {
    Expr test = binary(1);
    if (!peek().isPunct("?")) {
      return test;
    }
    pos++;
    Expr then = assignment();
    expectPunct(":");
    Expr otherwise = assignment();
    return new Conditional(test, then, otherwise);
  }

  private Expr binary(int minPrec) throws RuleSyntaxException {
    enter();
    try {
      Expr left = unary();
      while (true) {
        Token t = peek();
        String op = binaryOp(t);
        if (op == null) {
          return left;
        }
        int prec = BINARY_PRECEDENCE.get(op);
        if (prec < minPrec) {
          return left;
        }
        pos++;
        if (op.equals("**")) {
          if (left instanceof Unary) {
            throw new RuleSyntaxException("Unary operator used immediately before exponentiation"
                + " expression. Parenthesis must be used to disambiguate operator precedence");
          }
          Expr right = binary(prec); // right-associative
          left = new Binary(op, left, right);
          continue;
        }
        Expr right = binary(prec + 1);
        if (op.equals("&&") || op.equals("||") || op.equals("??")) {
          left = new Logical(op, left, right);
        } else {
          left = new Binary(op, left, right);
        }
      }
    } finally {
      depth--;
    }
  }

  private static String binaryOp(Token t) {
    if (t.type() == Type.PUNCTUATOR && BINARY_PRECEDENCE.containsKey(t.text())) {
      return t.text();
    }
    if (t.type() == Type.KEYWORD && (t.text().equals("in") || t.text().equals("instanceof"))) {
      return t.text();
    }
    return null;
  }

  private Expr unary() throws RuleSyntaxException {
    enter();
    try {
      Token t = peek();
      if (t.type() == Type.PUNCTUATOR) {
        switch (t.text()) {
          case "!", "-", "+", "~" -> {
            pos++;
            return new Unary(t.text(), unary());
          }
          case "++", "--" -> {
            pos++;
            Expr target = unary();
            return update(t.text(), target, false);
          }
          default -> { }
        }
      } else if (t.type() == Type.KEYWORD) {
        switch (t.text()) {
          case "typeof", "void" -> {
            pos++;
            return new Unary(t.text(), unary());
          }
          case "delete" -> {
            pos++;
            Expr operand = unary();
            if (operand instanceof Ident) {
              throw new RuleSyntaxException("Delete of an unqualified identifier in strict mode.");
            }
            return new Unsupported("delete");
          }
          default -> { }
        }
      }
      Expr e = postfix();
      Token n = peek();
      if ((n.isPunct("++") || n.isPunct("--")) && !n.newlineBefore()) {
        pos++;
        return update(n.text(), e, true);
      }
      return e;
    } finally {
      depth--;
    }
  }

  private Expr update(String op, Expr target, boolean postfix) throws RuleSyntaxException {
    if (target instanceof Ident id) {
      checkAssignable(id.name());
      return new Assign(op, id.name(), null, postfix);
    }
    if (target instanceof Member) {
      return new Unsupported("update of a property");
    }
    throw new RuleSyntaxException(postfix ? "Invalid left-hand side expression in postfix operation"
        : "Invalid left-hand side expression in prefix operation");
  }

  /** Member access and calls, with optional chaining. */
  private Expr postfix() throws RuleSyntaxException {
    Expr e;
    if (peek().isKeyword("new")) {
      pos++;
      newCallee();
      if (peek().isPunct("(")) {
        arguments();
      }
      e = new Unsupported("new");
    } else {
      e = primary();
    }
    boolean optional = false;
    while (true) {
      Token t = peek();
      if (t.isPunct(".")) {
        pos++;
        e = new Member(e, new Literal(propertyName()), false);
      } else if (t.isPunct("?.")) {
        pos++;
        optional = true;
        Token n = peek();
        if (n.isPunct("(")) {
          e = new Call(e, arguments(), true);
        } else if (n.isPunct("[")) {
          pos++;
          Expr prop = expression();
          expectPunct("]");
          e = new Member(e, prop, true);
        } else {
          e = new Member(e, new Literal(propertyName()), true);
        }
      } else if (t.isPunct("[")) {
        pos++;
        Expr prop = expression();
        expectPunct("]");
        e = new Member(e, prop, false);
      } else if (t.isPunct("(")) {
        e = new Call(e, arguments(), false);
      } else if (t.type() == Type.TEMPLATE && t.templateHead()) {
        if (optional) {
          throw new RuleSyntaxException("Invalid tagged template on optional chain");
        }
        template();
        e = new Unsupported("tagged template");
      } else {
        break;
      }
    }
    return optional ? new OptionalChain(e) : e;
  }

  private Expr newCallee() throws RuleSyntaxException {
    if (peek().isKeyword("new")) {
      pos++;
      newCallee();
      if (peek().isPunct("(")) {
        arguments();
      }
      return new Unsupported("new");
    }
    Expr e = primary();
    while (true) {
      if (peek().isPunct(".")) {
        pos++;
        e = new Member(e, new Literal(propertyName()), false);
      } else if (peek().isPunct("[")) {
        pos++;
        Expr prop = expression();
        expectPunct("]");
        e = new Member(e, prop, false);
      } else {
        return e;
      }
    }
  }

  /** After a dot any name is a property name, keywords and literals' names included. */
  private String propertyName() throws RuleSyntaxException {
    Token t = next();
    return switch (t.type()) {
      case IDENTIFIER, KEYWORD, BOOLEAN, NULL -> t.text();
      default -> throw unexpected(t);
    };
  }

  private List<Expr> arguments() throws RuleSyntaxException {
    expectPunct("(");
    List<Expr> args = new ArrayList<>();
    while (!peek().isPunct(")")) {
      if (peek().isPunct("...")) {
        throw new RuleSyntaxException("Spread arguments are not supported in rules");
      }
      args.add(assignment());
      if (!peek().isPunct(")")) {
        expectPunct(",");
      }
    }
    pos++;
    return List.copyOf(args);
  }

  private Expr primary() throws RuleSyntaxException {
    Token t = next();
    switch (t.type()) {
      case NUMERIC, STRING -> {
        if (t.strictError() != null) {
          throw new RuleSyntaxException(t.strictError());
        }
        return new Literal(t.value());
      }
      case BOOLEAN -> {
        return new Literal(t.value());
      }
      case NULL -> {
        return new Literal(Js.NULL);
      }
      case BIGINT -> {
        return new Unsupported("BigInt");
      }
      case REGEX -> {
        return new Unsupported("regular expression");
      }
      case TEMPLATE -> {
        pos--;
        return template();
      }
      case IDENTIFIER -> {
        return new Ident(t.text());
      }
      case KEYWORD -> {
        if (t.text().equals("this")) {
          return new Expr.This();
        }
        throw unexpected(t);
      }
      case PUNCTUATOR -> {
        switch (t.text()) {
          case "(" -> {
            Expr e = expression();
            expectPunct(")");
            return e;
          }
          case "[" -> {
            return arrayLiteral();
          }
          case "{" -> {
            return objectLiteral();
          }
          default -> throw unexpected(t);
        }
      }
      default -> throw unexpected(t);
    }
  }

  private Expr template() throws RuleSyntaxException {
    Token head = next();
    if (head.type() != Type.TEMPLATE || !head.templateHead()) {
      throw unexpected(head);
    }
    List<String> cooked = new ArrayList<>();
    List<Expr> exprs = new ArrayList<>();
    cooked.add((String) head.value());
    Token cur = head;
    while (!cur.templateTail()) {
      exprs.add(expression());
      cur = next();
      if (cur.type() != Type.TEMPLATE || cur.templateHead()) {
        throw unexpected(cur);
      }
      cooked.add((String) cur.value());
    }
    return new Template(List.copyOf(cooked), List.copyOf(exprs));
  }

  private Expr arrayLiteral() throws RuleSyntaxException {
    List<Expr> items = new ArrayList<>();
    while (!peek().isPunct("]")) {
      if (peek().isPunct(",")) {
        pos++;
        items.add(null);
        continue;
      }
      if (peek().isPunct("...")) {
        throw new RuleSyntaxException("Spread elements are not supported in rules");
      }
      items.add(assignment());
      if (!peek().isPunct("]")) {
        expectPunct(",");
      }
    }
    pos++;
    return new ArrayLit(java.util.Collections.unmodifiableList(items));
  }

  private Expr objectLiteral() throws RuleSyntaxException {
    List<Prop> props = new ArrayList<>();
    while (!peek().isPunct("}")) {
      Token k = next();
      Expr key;
      boolean shorthandOk = false;
      switch (k.type()) {
        case IDENTIFIER -> {
          key = new Literal(k.text());
          shorthandOk = true;
        }
        case KEYWORD, BOOLEAN, NULL -> key = new Literal(k.text());
        case STRING -> key = new Literal(k.value());
        case NUMERIC -> key = new Literal(Js.toJsString(k.value()));
        case PUNCTUATOR -> {
          if (!k.text().equals("[")) {
            throw unexpected(k);
          }
          key = expression();
          expectPunct("]");
        }
        default -> throw unexpected(k);
      }
      Expr value;
      if (peek().isPunct(":")) {
        pos++;
        value = assignment();
      } else if (shorthandOk && (peek().isPunct(",") || peek().isPunct("}"))) {
        value = new Ident(k.text());
      } else {
        // Methods and getters would define functions, which rules may not.
        throw unexpected(peek());
      }
      props.add(new Prop(key, value));
      if (!peek().isPunct("}")) {
        expectPunct(",");
      }
    }
    pos++;
    return new ObjectLit(List.copyOf(props));
  }

  // ---- helpers ----------------------------------------------------------------------------

  private void enter() throws RuleSyntaxException {
    if (++depth > MAX_DEPTH) {
      depth = 0;
      throw new RuleSyntaxException("Maximum nesting depth exceeded");
    }
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.type() != Type.EOF) {
      pos++;
    }
    return t;
  }

  private void expectPunct(String p) throws RuleSyntaxException {
    Token t = next();
    if (!t.isPunct(p)) {
      throw unexpected(t);
    }
  }

  /** V8's wording for an unexpected token. */
  private static RuleSyntaxException unexpected(Token t) {
    return switch (t.type()) {
      case EOF -> new RuleSyntaxException("Unexpected end of input");
      case NUMERIC, BIGINT -> new RuleSyntaxException("Unexpected number");
      case STRING -> new RuleSyntaxException("Unexpected string");
      case TEMPLATE -> new RuleSyntaxException("Unexpected template string");
      case IDENTIFIER -> new RuleSyntaxException("Unexpected identifier");
      case KEYWORD -> new RuleSyntaxException(
          Lexer.KEYWORDS.contains(t.text()) && (t.text().equals("let") || t.text().equals("static")
              || t.text().equals("yield"))
              ? "Unexpected strict mode reserved word" : "Unexpected token '" + t.text() + "'");
      default -> new RuleSyntaxException("Unexpected token '" + t.text() + "'");
    };
  }
}
