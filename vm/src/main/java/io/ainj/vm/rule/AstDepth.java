package io.ainj.vm.rule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Measures AST depth without recursion. The parser bounds its own recursion, but left-leaning
 * chains ({@code 1+1+1...}, {@code a.b.b.b...}) are built by loops and can still produce trees
 * whose evaluation would recurse too deep; such rules are refused at compile time.
 */
final class AstDepth {
  /** Far above real rules (a few dozen levels), well below the stack of a 512 KiB thread. */
  static final int MAX_DEPTH = 400;

  private AstDepth() {}

  private record Item(Expr expr, int depth) {}

  static boolean exceeds(Expr root, int limit) {
    Deque<Item> stack = new ArrayDeque<>();
    stack.push(new Item(root, 1));
    while (!stack.isEmpty()) {
      Item it = stack.pop();
      if (it.depth() > limit) {
        return true;
      }
      for (Expr child : children(it.expr())) {
        if (child != null) {
          stack.push(new Item(child, it.depth() + 1));
        }
      }
    }
    return false;
  }

  private static List<Expr> children(Expr e) {
    if (e instanceof Expr.Member m) {
      return List.of(m.object(), m.property());
    } else if (e instanceof Expr.Call c) {
      java.util.ArrayList<Expr> l = new java.util.ArrayList<>(c.args());
      l.add(c.callee());
      return l;
    } else if (e instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof Expr.Logical l) {
      return List.of(l.left(), l.right());
    } else if (e instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (e instanceof Expr.Conditional c) {
      return List.of(c.test(), c.then(), c.otherwise());
    } else if (e instanceof Expr.OptionalChain o) {
      return List.of(o.expr());
    } else if (e instanceof Expr.Template t) {
      return t.exprs();
    } else if (e instanceof Expr.Sequence s) {
      return s.exprs();
    } else if (e instanceof Expr.ArrayLit a) {
      return a.items().stream().filter(x -> x != null).toList();
    } else if (e instanceof Expr.ObjectLit o) {
      java.util.ArrayList<Expr> l = new java.util.ArrayList<>();
      for (Expr.Prop p : o.props()) {
        l.add(p.key());
        l.add(p.value());
      }
      return l;
    } else if (e instanceof Expr.Assign a) {
      return a.value() == null ? List.of() : List.of(a.value());
    }
    return List.of();
  }
}
