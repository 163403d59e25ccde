package io.ainj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a method answers. The server turns it into AIN's result wrapper (spec section 2.3), which
 * ain-js unwraps: a wrapper without {@code code} yields its {@code result}; a non-zero code
 * throws {@code BlockchainError}; {@code code: 0} makes ain-js return the whole wrapper, which is
 * why only {@link Raw} can produce it.
 */
public sealed interface RpcResult {

  /** Success: {@code {"result": payload, "protoVer": v}}. */
  record Ok(JsonNode payload) implements RpcResult {
    public Ok {
      // A Java null payload means "absent" in AIN (e.g. unknown block): JSON null on the wire.
      payload = payload == null ? NullNode.getInstance() : payload;
    }
  }

  /**
   * AIN-level failure: {@code {"result": null|false, "code": code, "message": m, "protoVer": v}}.
   *
   * @param code non-zero (a zero code would make ain-js return the wrapper instead of throwing)
   * @param result null (JSON null) or {@code false}, the only two shapes AIN uses
   */
  record AinError(int code, String message, JsonNode result) implements RpcResult {
    public AinError {
      if (code == 0) {
        throw new IllegalArgumentException("an AIN error needs a non-zero code");
      }
      Objects.requireNonNull(message, "message");
      if (result == null) {
        result = NullNode.getInstance();
      }
      if (!(result.isNull() || (result.isBoolean() && !result.booleanValue()))) {
        throw new IllegalArgumentException("an AIN error's result is null or false, not " + result);
      }
    }
  }

  /**
   * The wrapper exactly as given, for the two methods whose success carries {@code code: 0}
   * ({@code ain_checkProtocolVersion}: {@code {result, code, protoVer}};
   * {@code ain_validateAppName}: {@code {is_valid, result, code, message?, protoVer}}).
   * {@code protoVer} is appended when absent. The node is copied, so later changes by the caller
   * do not leak into the response.
   */
  record Raw(ObjectNode wrapper) implements RpcResult {
    public Raw {
      wrapper = Objects.requireNonNull(wrapper, "wrapper").deepCopy();
    }

    @Override
    public ObjectNode wrapper() {
      return wrapper.deepCopy();
    }
  }

  /** The params are unusable at the JSON-RPC level: error -32602 with this detail. */
  record InvalidParams(String message) implements RpcResult {
    public InvalidParams {
      Objects.requireNonNull(message, "message");
    }
  }

  static Ok ok(JsonNode payload) {
    return new Ok(payload);
  }

  static Ok ok(String payload) {
    return new Ok(payload == null ? null : JsonNodeFactory.instance.textNode(payload));
  }

  static Ok ok(long payload) {
    return new Ok(JsonNodeFactory.instance.numberNode(payload));
  }

  static Ok ok(boolean payload) {
    return new Ok(JsonNodeFactory.instance.booleanNode(payload));
  }

  /** {@code {"result": null, "code": code, "message": message}}. */
  static AinError error(int code, String message) {
    return new AinError(code, message, null);
  }

  /** {@code {"result": false, "code": code, "message": message}}. */
  static AinError errorFalse(int code, String message) {
    return new AinError(code, message, JsonNodeFactory.instance.booleanNode(false));
  }

  static InvalidParams invalidParams(String message) {
    return new InvalidParams(message);
  }
}
