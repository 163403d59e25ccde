package io.ainj.rpc.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.rpc.AinRpcCodes;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's own protocol version and the client versions it accepts.
 *
 * @param nodeVersion reported verbatim as {@code protoVer} in every wrapper and by
 *     {@code ain_getProtocolVersion}; AIN reports its package version (1.6.0)
 * @param min lowest accepted client version (AIN 1.6.0: 1.0.0)
 * @param max highest accepted client version, or null for none (AIN 1.6.0: none)
 */
public record ProtocolVersionPolicy(String nodeVersion, ProtocolVersion min, ProtocolVersion max) {
  public static final String DEFAULT_NODE_VERSION = "1.6.0";
  public static final ProtocolVersion DEFAULT_MIN = new ProtocolVersion(1, 0, 0);

  public static final String MSG_NOT_SPECIFIED = "Protocol version not specified.";
  public static final String MSG_INVALID = "Invalid protocol version.";
  public static final String MSG_INCOMPATIBLE = "Incompatible protocol version.";

  public ProtocolVersionPolicy {
    Objects.requireNonNull(nodeVersion, "nodeVersion");
    Objects.requireNonNull(min, "min");
    if (max != null && max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max protocol version " + max + " < min " + min);
    }
  }

  public static ProtocolVersionPolicy defaults() {
    return new ProtocolVersionPolicy(DEFAULT_NODE_VERSION, DEFAULT_MIN, null);
  }

  /** A refusal: the wrapper code (3010x) and AIN's exact message. */
  public record Rejection(int code, String message) {}

  /**
   * Checks one client-supplied version value, as {@code ain_checkProtocolVersion} does.
   *
   * @param version the value; Java null means "absent" (JS undefined), a JSON null node is a
   *     present but invalid value
   * @return empty when accepted
   */
  public Optional<Rejection> check(JsonNode version) {
    if (version == null || version.isMissingNode()) {
      return Optional.of(new Rejection(AinRpcCodes.PROTO_VERSION_NOT_SPECIFIED, MSG_NOT_SPECIFIED));
    }
    Optional<ProtocolVersion> coerced = ProtocolVersion.coerce(version);
    if (coerced.isEmpty()) {
      return Optional.of(new Rejection(AinRpcCodes.PROTO_VERSION_INVALID, MSG_INVALID));
    }
    ProtocolVersion v = coerced.get();
    if (v.compareTo(min) < 0 || (max != null && v.compareTo(max) > 0)) {
      return Optional.of(new Rejection(AinRpcCodes.PROTO_VERSION_INCOMPATIBLE, MSG_INCOMPATIBLE));
    }
    return Optional.empty();
  }

  /**
   * AIN's pre-dispatch gate for one request object.
   *
   * <p>Where the version comes from follows AIN's middleware exactly: a non-empty
   * {@code ?protoVer=} wins; otherwise {@code params.protoVer} when {@code params} is
   * JS-truthy (a truthy non-object has no {@code protoVer}, so "not specified"); when
   * {@code params} is absent or falsy the version is null, which is "invalid", not "not
   * specified" (30102, as spec section 2.2 says for missing params).
   *
   * @param params the request's {@code params} member, Java null when absent
   * @param queryVersion the {@code protoVer} query value: null or empty when not given
   * @param queryAmbiguous true when the query string repeated {@code protoVer} (Express would
   *     hand semver an array: invalid)
   */
  public Optional<Rejection> gate(JsonNode params, String queryVersion, boolean queryAmbiguous) {
    if (queryAmbiguous) {
      return Optional.of(new Rejection(AinRpcCodes.PROTO_VERSION_INVALID, MSG_INVALID));
    }
    JsonNode version;
    if (queryVersion != null && !queryVersion.isEmpty()) {
      version = JsonNodeFactory.instance.textNode(queryVersion);
    } else if (isTruthy(params)) {
      version = params.isObject() ? params.get("protoVer") : null;
    } else {
      version = JsonNodeFactory.instance.nullNode();
    }
    return check(version);
  }

  /**
   * The bare body AIN's gate answers with (HTTP 200, not a JSON-RPC envelope):
   * {@code {"result":null,"code":c,"message":m,"protoVer":v}}.
   */
  public ObjectNode gateBody(Rejection r) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putNull("result");
    body.put("code", r.code());
    body.put("message", r.message());
    body.put("protoVer", nodeVersion);
    return body;
  }

  /**
   * {@code ain_checkProtocolVersion}'s wrapper: {@code {"result":true,"code":0,"protoVer":v}}
   * or {@code {"result":false,"code":c,"message":m,"protoVer":v}}. It reads only
   * {@code params.protoVer} (no query string, no truthiness rule), as AIN's method does.
   */
  public ObjectNode checkWrapper(JsonNode params) {
    JsonNode version = params != null && params.isObject() ? params.get("protoVer") : null;
    Optional<Rejection> r = check(version);
    ObjectNode w = JsonNodeFactory.instance.objectNode();
    if (r.isEmpty()) {
      w.put("result", true);
      w.put("code", AinRpcCodes.SUCCESS);
    } else {
      w.put("result", false);
      w.put("code", r.get().code());
      w.put("message", r.get().message());
    }
    w.put("protoVer", nodeVersion);
    return w;
  }

  /** JavaScript truthiness of a JSON value; Java null (absent) is falsy like undefined. */
  static boolean isTruthy(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      return d != 0 && !Double.isNaN(d);
    }
    if (v.isTextual()) {
      return !v.textValue().isEmpty();
    }
    return true; // objects and arrays, even empty ones
  }
}
