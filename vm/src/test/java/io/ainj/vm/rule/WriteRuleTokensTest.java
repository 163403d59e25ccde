package io.ainj.vm.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteRuleTokensTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "auth.addr === 'x'|true",
      "auth?.addr|false",
      "newData.proposer === auth.addr|true",
      "typeof newData === 'number'|true",
      "`${newData}` === '1'|true",
      "`${foo}`|false",
      "'foo bar' === newData|true",
      "/foo/.test(newData)|true",
      "newData += 1|true",
      "newData = 1|false",
      "(x) => 1|false",
      "function f() {}|false",
      "this.constructor|true",
      "'unterminated|false",
      "Math.max(1)|false",
      "{foo: 1}|false",
      "newData.constructor|true",
      "a/b|false",
      "data / 2 / 3|true",
  })
  void tokens(String rule, boolean valid) {
    assertEquals(valid, WriteRuleTokens.isValidWriteRule(Json.NULL, Json.of(rule)), rule);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"$x === 1|{\"$x\":true}|true", "$x === 1|{}|false",
      "$x === 1|null|false"})
  void pathVariables(String rule, String vars, boolean valid) {
    assertEquals(valid, WriteRuleTokens.isValidWriteRule(JsonCodec.parse(vars), Json.of(rule)));
  }
}
