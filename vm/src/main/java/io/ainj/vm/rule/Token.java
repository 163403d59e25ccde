package io.ainj.vm.rule;

/**
 * One token of rule text, typed the way espree (the tokenizer AIN validates rules with) types
 * it, so the write-rule whitelist check sees exactly the tokens AIN sees.
 *
 * @param type espree's token type
 * @param text the source text of the token (a punctuator, a name, a raw literal)
 * @param value the cooked value: Double for numbers, String for strings and template chunks
 * @param start offset of the first character
 * @param newlineBefore a line terminator precedes the token (automatic semicolon insertion)
 * @param strictError non-null when the token is legal to tokenize but a SyntaxError in strict
 *     mode code (legacy octal literals and escapes); the parser reports it
 * @param templateHead a template chunk that starts with a backtick
 * @param templateTail a template chunk that ends with a backtick
 */
public record Token(Type type, String text, Object value, int start, boolean newlineBefore,
    String strictError, boolean templateHead, boolean templateTail) {

  /** espree's token types (plus EOF). */
  public enum Type {
    IDENTIFIER, KEYWORD, PUNCTUATOR, NUMERIC, BIGINT, STRING, TEMPLATE, REGEX, BOOLEAN, NULL, EOF
  }

  public boolean is(Type t, String s) {
    return type == t && text.equals(s);
  }

  public boolean isPunct(String s) {
    return type == Type.PUNCTUATOR && text.equals(s);
  }

  public boolean isKeyword(String s) {
    return type == Type.KEYWORD && text.equals(s);
  }
}
