package io.ainj.vm.rule;

import io.ainj.vm.rule.Token.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A hand-written ECMAScript 2021 tokenizer for rule text. It accepts what espree accepts for
 * the token-level whitelist check (including regular expression and template literals, comments
 * and every punctuator) and rejects what espree rejects, so {@code isValidWriteRule} and the
 * parser agree with AIN. It is linear in the input and allocates nothing per character beyond
 * the tokens.
 */
public final class Lexer {
  /** Names espree reports as {@code Keyword} for ecmaVersion 12. */
  static final Set<String> KEYWORDS = Set.of(
      "break", "case", "catch", "continue", "debugger", "default", "do", "else", "finally", "for",
      "function", "if", "return", "switch", "throw", "try", "var", "while", "with", "instanceof",
      "typeof", "void", "delete", "new", "in", "this", "const", "class", "extends", "export",
      "import", "super", "let", "static", "yield");

  /** Every ES2021 punctuator, longest first so that maximal munch is a linear scan. */
  private static final String[] PUNCTUATORS = {
      ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
      "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=",
      "%=", "&=", "|=", "^=", "<<", ">>", "**",
      "{", "}", "(", ")", "[", "]", ".", ";", ",", "<", ">", "+", "-", "*", "/", "%", "&", "|",
      "^", "!", "~", "?", ":", "="};

  private final String src;
  private int pos;
  private boolean newlineBefore;
  private final List<Token> out = new ArrayList<>();
  /** For each open brace: true if it opened a template substitution {@code ${}. */
  private final Deque<Boolean> braces = new ArrayDeque<>();

  private Lexer(String src) {
    this.src = src;
  }

  /** Tokenizes {@code src}; the list ends with an EOF token. */
  public static List<Token> tokenize(String src) throws RuleSyntaxException {
    Lexer lx = new Lexer(src);
    lx.run();
    return lx.out;
  }

  private void run() throws RuleSyntaxException {
    while (true) {
      skipTrivia();
      if (pos >= src.length()) {
        if (!braces.isEmpty() && braces.peek()) {
          throw new RuleSyntaxException("Unterminated template literal");
        }
        out.add(new Token(Type.EOF, "", null, pos, newlineBefore, null, false, false));
        return;
      }
      int start = pos;
      char c = src.charAt(pos);
      if (c == '"' || c == '\'') {
        readString(c);
      } else if (c == '`') {
        pos++;
        readTemplateChunk(start, true);
      } else if (isDigit(c) || (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
        readNumber();
      } else if (isIdStart(src.codePointAt(pos))) {
        readName();
      } else if (c == '/' && regexAllowed()) {
        readRegex();
      } else if (c == '}' && !braces.isEmpty() && braces.peek()) {
        braces.pop();
        pos++;
        readTemplateChunk(start, false);
      } else {
        readPunctuator();
      }
    }
  }

  private void add(Type t, String text, Object value, int start, String strictError) {
    out.add(new Token(t, text, value, start, newlineBefore, strictError, false, false));
    newlineBefore = false;
  }

  // ---- trivia -----------------------------------------------------------------------------

  private void skipTrivia() throws RuleSyntaxException {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
        newlineBefore = true;
        pos++;
      } else if (Js.isJsWhitespace(c)) {
        pos++;
      } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '/') {
        while (pos < src.length() && !isLineTerminator(src.charAt(pos))) {
          pos++;
        }
      } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '*') {
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
          throw new RuleSyntaxException("Invalid or unexpected token");
        }
        for (int i = pos + 2; i < end; i++) {
          if (isLineTerminator(src.charAt(i))) {
            newlineBefore = true;
          }
        }
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdStart(int cp) {
    return cp == '$' || cp == '_' || (cp < 128 ? Character.isLetter(cp)
        : Character.isUnicodeIdentifierStart(cp));
  }

  static boolean isIdPart(int cp) {
    return cp == '$' || cp == '_' || cp == 0x200c || cp == 0x200d
        || (cp < 128 ? Character.isLetterOrDigit(cp) : Character.isUnicodeIdentifierPart(cp)
            && !Character.isIdentifierIgnorable(cp));
  }

  // ---- names ------------------------------------------------------------------------------

  private void readName() throws RuleSyntaxException {
    int start = pos;
    pos += Character.charCount(src.codePointAt(pos));
    while (pos < src.length()) {
      int cp = src.codePointAt(pos);
      if (!isIdPart(cp)) {
        break;
      }
      pos += Character.charCount(cp);
    }
    if (pos < src.length() && src.charAt(pos) == '\\') {
      // Unicode escapes in identifiers are legal JavaScript but never needed in a rule.
      throw new RuleSyntaxException("Invalid or unexpected token");
    }
    String name = src.substring(start, pos);
    switch (name) {
      case "true" -> add(Type.BOOLEAN, name, Boolean.TRUE, start, null);
      case "false" -> add(Type.BOOLEAN, name, Boolean.FALSE, start, null);
      case "null" -> add(Type.NULL, name, null, start, null);
      default -> add(KEYWORDS.contains(name) ? Type.KEYWORD : Type.IDENTIFIER, name, name, start,
          null);
    }
  }

  // ---- punctuators and regular expressions ------------------------------------------------

  private void readPunctuator() throws RuleSyntaxException {
    int start = pos;
    for (String p : PUNCTUATORS) {
      if (src.startsWith(p, pos)) {
        // "?." followed by a digit is "?" then a number (a ? .5 : x).
        if (p.equals("?.") && pos + 2 < src.length() && isDigit(src.charAt(pos + 2))) {
          continue;
        }
        pos += p.length();
        if (p.equals("{")) {
          braces.push(Boolean.FALSE);
        } else if (p.equals("}") && !braces.isEmpty()) {
          braces.pop();
        }
        add(Type.PUNCTUATOR, p, p, start, null);
        return;
      }
    }
    throw new RuleSyntaxException("Invalid or unexpected token");
  }

  /** A slash starts a regular expression unless the previous token ends an expression. */
  private boolean regexAllowed() {
    if (out.isEmpty()) {
      return true;
    }
    Token prev = out.get(out.size() - 1);
    return switch (prev.type()) {
      case IDENTIFIER, NUMERIC, BIGINT, STRING, REGEX, BOOLEAN, NULL -> false;
      case TEMPLATE -> !prev.templateTail();
      case KEYWORD -> !(prev.text().equals("this") || prev.text().equals("super"));
      case PUNCTUATOR -> !(prev.text().equals(")") || prev.text().equals("]")
          || prev.text().equals("}"));
      default -> true;
    };
  }

  private void readRegex() throws RuleSyntaxException {
    int start = pos;
    pos++;
    boolean inClass = false;
    while (true) {
      if (pos >= src.length() || isLineTerminator(src.charAt(pos))) {
        throw new RuleSyntaxException("Invalid regular expression: missing /");
      }
      char c = src.charAt(pos++);
      if (c == '\\') {
        if (pos >= src.length() || isLineTerminator(src.charAt(pos))) {
          throw new RuleSyntaxException("Invalid regular expression: missing /");
        }
        pos++;
      } else if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '/' && !inClass) {
        break;
      }
    }
    int flagsStart = pos;
    while (pos < src.length() && isIdPart(src.codePointAt(pos))) {
      pos += Character.charCount(src.codePointAt(pos));
    }
    String flags = src.substring(flagsStart, pos);
    for (int i = 0; i < flags.length(); i++) {
      if ("dgimsuy".indexOf(flags.charAt(i)) < 0 || flags.indexOf(flags.charAt(i)) != i) {
        throw new RuleSyntaxException("Invalid regular expression flags");
      }
    }
    String text = src.substring(start, pos);
    add(Type.REGEX, text, text, start, null);
  }

  // ---- numbers ----------------------------------------------------------------------------

  private void readNumber() throws RuleSyntaxException {
    int start = pos;
    String strictError = null;
    double value;
    char c = src.charAt(pos);
    if (c == '0' && pos + 1 < src.length() && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
      char p = Character.toLowerCase(src.charAt(pos + 1));
      int radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
      pos += 2;
      String digits = readDigits(radix);
      if (digits.isEmpty()) {
        throw new RuleSyntaxException("Invalid or unexpected token");
      }
      value = Js.parseRadixDigits(digits, radix);
      if (pos < src.length() && src.charAt(pos) == 'n') {
        pos++;
        finishNumber(start, Type.BIGINT, value, null);
        return;
      }
    } else if (c == '0' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1))) {
      // Legacy octal (or decimal with a leading zero): tokenizes, but strict code rejects it.
      int s = pos;
      while (pos < src.length() && isDigit(src.charAt(pos))) {
        pos++;
      }
      String digits = src.substring(s, pos);
      boolean octal = digits.chars().allMatch(ch -> ch < '8');
      value = octal ? Js.parseRadixDigits(digits.substring(1), 8) : Double.parseDouble(digits);
      strictError = octal ? "Octal literals are not allowed in strict mode."
          : "Decimals with leading zeros are not allowed in strict mode.";
    } else {
      StringBuilder sb = new StringBuilder();
      sb.append(readDigits(10));
      boolean bigintOk = sb.length() > 0;
      if (pos < src.length() && src.charAt(pos) == '.') {
        bigintOk = false;
        pos++;
        sb.append('.').append(readDigits(10));
      }
      if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
        bigintOk = false;
        pos++;
        sb.append('e');
        if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
          sb.append(src.charAt(pos++));
        }
        String exp = readDigits(10);
        if (exp.isEmpty()) {
          throw new RuleSyntaxException("Invalid or unexpected token");
        }
        sb.append(exp);
      }
      String lit = sb.toString();
      if (lit.startsWith(".")) {
        lit = "0" + lit;
      }
      value = Double.parseDouble(lit);
      if (bigintOk && pos < src.length() && src.charAt(pos) == 'n') {
        pos++;
        finishNumber(start, Type.BIGINT, value, null);
        return;
      }
    }
    finishNumber(start, Type.NUMERIC, value, strictError);
  }

  private void finishNumber(int start, Type t, double value, String strictError)
      throws RuleSyntaxException {
    // "3in x" or "1abc" is not a number followed by a name: it is an error.
    if (pos < src.length() && (isIdStart(src.codePointAt(pos)) || isDigit(src.charAt(pos)))) {
      throw new RuleSyntaxException("Invalid or unexpected token");
    }
    add(t, src.substring(start, pos), value, start, strictError);
  }

  /** Digits of a radix with ES2021 numeric separators (single underscores between digits). */
  private String readDigits(int radix) throws RuleSyntaxException {
    StringBuilder sb = new StringBuilder();
    boolean lastUnderscore = false;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '_') {
        if (sb.length() == 0 || lastUnderscore) {
          throw new RuleSyntaxException("Numeric separators are not allowed here");
        }
        lastUnderscore = true;
        pos++;
        continue;
      }
      if (c > 0x7f || Character.digit(c, radix) < 0) {
        break;
      }
      sb.append(c);
      lastUnderscore = false;
      pos++;
    }
    if (lastUnderscore) {
      throw new RuleSyntaxException("Numeric separators are not allowed at the end of numeric literals");
    }
    return sb.toString();
  }

  // ---- strings and templates --------------------------------------------------------------

  private void readString(char quote) throws RuleSyntaxException {
    int start = pos++;
    StringBuilder sb = new StringBuilder();
    String strictError = null;
    while (true) {
      if (pos >= src.length()) {
        throw new RuleSyntaxException("Invalid or unexpected token");
      }
      char c = src.charAt(pos++);
      if (c == quote) {
        break;
      }
      if (c == '\n' || c == '\r') {
        throw new RuleSyntaxException("Invalid or unexpected token");
      }
      if (c == '\\') {
        String e = readEscape(sb, false);
        if (e != null) {
          strictError = e;
        }
      } else {
        sb.append(c);
      }
    }
    add(Type.STRING, src.substring(start, pos), sb.toString(), start, strictError);
  }

  /**
   * Reads one escape after a backslash into {@code sb}. Returns a strict-mode error for legacy
   * octal escapes (null otherwise). In templates those are errors outright.
   */
  private String readEscape(StringBuilder sb, boolean template) throws RuleSyntaxException {
    if (pos >= src.length()) {
      throw new RuleSyntaxException("Invalid or unexpected token");
    }
    char c = src.charAt(pos++);
    switch (c) {
      case 'n' -> sb.append('\n');
      case 't' -> sb.append('\t');
      case 'r' -> sb.append('\r');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'v' -> sb.append('\u000b');
      case '\r' -> {
        if (pos < src.length() && src.charAt(pos) == '\n') {
          pos++;
        }
      }
      case '\n', 0x2028, 0x2029 -> { }
      case 'x' -> sb.append((char) hex(2));
      case 'u' -> {
        if (pos < src.length() && src.charAt(pos) == '{') {
          int end = src.indexOf('}', pos);
          if (end < 0 || end == pos + 1) {
            throw new RuleSyntaxException("Invalid Unicode escape sequence");
          }
          String h = src.substring(pos + 1, end);
          int cp = 0;
          for (int i = 0; i < h.length(); i++) {
            int d = Character.digit(h.charAt(i), 16);
            if (d < 0 || h.charAt(i) > 0x7f) {
              throw new RuleSyntaxException("Invalid Unicode escape sequence");
            }
            cp = cp * 16 + d;
            if (cp > 0x10ffff) {
              throw new RuleSyntaxException("Undefined Unicode code-point");
            }
          }
          pos = end + 1;
          sb.appendCodePoint(cp);
        } else {
          sb.append((char) hex(4));
        }
      }
      default -> {
        if (c >= '0' && c <= '7') {
          boolean zeroOnly = c == '0' && (pos >= src.length() || !isDigit(src.charAt(pos)));
          if (zeroOnly) {
            sb.append('\0');
            return null;
          }
          if (template) {
            throw new RuleSyntaxException("Octal escape sequences are not allowed in template strings");
          }
          int v = c - '0';
          int max = c <= '3' ? 2 : 1;
          for (int i = 0; i < max && pos < src.length() && src.charAt(pos) >= '0'
              && src.charAt(pos) <= '7'; i++) {
            v = v * 8 + (src.charAt(pos++) - '0');
          }
          sb.append((char) v);
          return "Octal escape sequences are not allowed in strict mode.";
        }
        if (c == '8' || c == '9') {
          if (template) {
            throw new RuleSyntaxException("\\8 and \\9 are not allowed in template strings");
          }
          sb.append(c);
          return "\\8 and \\9 are not allowed in strict mode.";
        }
        sb.append(c);
      }
    }
    return null;
  }

  private int hex(int n) throws RuleSyntaxException {
    if (pos + n > src.length()) {
      throw new RuleSyntaxException("Invalid hexadecimal escape sequence");
    }
    int v = 0;
    for (int i = 0; i < n; i++) {
      char ch = src.charAt(pos + i);
      int d = ch > 0x7f ? -1 : Character.digit(ch, 16);
      if (d < 0) {
        throw new RuleSyntaxException(n == 2 ? "Invalid hexadecimal escape sequence"
            : "Invalid Unicode escape sequence");
      }
      v = v * 16 + d;
    }
    pos += n;
    return v;
  }

  /** Reads a template chunk up to {@code ${} or the closing backtick. */
  private void readTemplateChunk(int start, boolean head) throws RuleSyntaxException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        throw new RuleSyntaxException("Unterminated template literal");
      }
      char c = src.charAt(pos++);
      if (c == '`') {
        out.add(new Token(Type.TEMPLATE, src.substring(start, pos), sb.toString(), start,
            newlineBefore, null, head, true));
        newlineBefore = false;
        return;
      }
      if (c == '$' && pos < src.length() && src.charAt(pos) == '{') {
        pos++;
        braces.push(Boolean.TRUE);
        out.add(new Token(Type.TEMPLATE, src.substring(start, pos), sb.toString(), start,
            newlineBefore, null, head, false));
        newlineBefore = false;
        return;
      }
      if (c == '\\') {
        readEscape(sb, true);
      } else if (c == '\r') {
        // Template values normalise CRLF and CR to LF.
        if (pos < src.length() && src.charAt(pos) == '\n') {
          pos++;
        }
        sb.append('\n');
      } else {
        sb.append(c);
      }
    }
  }
}
