package io.ainj.statedb.read;

import io.ainj.statedb.json.Json;

/**
 * A read's outcome: the JSON result, or AIN's refusal ({@code {result: null, code, message}}) when
 * an API guard tripped. {@code code} is 0 on success.
 */
public record ReadResult(Json value, int code, String message) {
  public static final int GET_EXCEEDS_MAX_BYTES = 30002;
  public static final int GET_EXCEEDS_MAX_SIBLINGS = 30003;

  public static ReadResult ok(Json value) {
    return new ReadResult(value, 0, null);
  }

  public boolean isOk() {
    return code == 0;
  }
}
