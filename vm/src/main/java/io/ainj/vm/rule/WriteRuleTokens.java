package io.ainj.vm.rule;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.vm.rule.Token.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * AIN's {@code isValidWriteRule}: the token-level whitelist applied when a rule is written
 * (SET_RULE). It is the only "sandbox" AIN has; ainj keeps it for compatibility (the same rules
 * are accepted and refused) while its evaluator is safe on its own.
 */
public final class WriteRuleTokens {
  /** The snippet AIN tokenizes: the rule as the operand of a strict-mode return. */
  public static final String SNIPPET_PREFIX = "\"use strict\"; return ";

  /** Names a rule may use at top level, besides its path variables. */
  public static final Set<String> ID_WHITELIST = Set.of("auth", "blockNumber", "blockTime",
      "currentTime", "data", "evalOwner", "evalRule", "getFunction", "getOwner", "getRule",
      "getValue", "lastBlockNumber", "newData", "util", "parsedValuePath", "Number", "String",
      "Boolean");

  private static final Set<String> PUNCT_BLACKLIST = Set.of("=", "=>");
  private static final Set<String> KEYWORD_BLACKLIST = Set.of("function");

  private WriteRuleTokens() {}

  /**
   * True iff {@code rule} is null, a boolean, or a string whose tokens pass the whitelist.
   *
   * @param variableLabels a dict whose keys are the {@code $var} labels in scope (else none)
   */
  public static boolean isValidWriteRule(Json variableLabels, Json rule) {
    if (rule instanceof Json.JNull || rule instanceof Json.JBool) {
      return true;
    }
    if (!(rule instanceof Json.JString s)) {
      return false;
    }
    Set<String> allowed = new HashSet<>(ID_WHITELIST);
    if (variableLabels instanceof JObject o) {
      allowed.addAll(o.keys());
    }
    return isValidRuleString(allowed, s.value());
  }

  static boolean isValidRuleString(Set<String> allowedIds, String rule) {
    List<Token> tokens;
    try {
      tokens = Lexer.tokenize(SNIPPET_PREFIX + rule);
    } catch (RuleSyntaxException e) {
      // espree throws on untokenizable text; AIN's SET_RULE then fails, here it is invalid.
      return false;
    }
    boolean afterDot = false;
    for (Token t : tokens) {
      if (t.type() == Type.IDENTIFIER && !afterDot && !allowedIds.contains(t.text())) {
        return false;
      }
      if (t.type() == Type.PUNCTUATOR && PUNCT_BLACKLIST.contains(t.text())) {
        return false;
      }
      if (t.type() == Type.KEYWORD && KEYWORD_BLACKLIST.contains(t.text())) {
        return false;
      }
      afterDot = t.isPunct(".");
    }
    return true;
  }
}
