package io.ainj.vm.rule;

/**
 * The rule text does not compile. The message imitates V8's SyntaxError text, which AIN embeds
 * in the 12105 message (messages are not consensus data, codes are).
 */
public final class RuleSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  public RuleSyntaxException(String message) {
    super(message, null, false, false);
  }
}
