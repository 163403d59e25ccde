package io.ainj.rpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Method name to implementation, immutable once built so a running server never sees a
 * half-registered API. {@code ain_getProtocolVersion} and {@code ain_checkProtocolVersion} are
 * built into the server (they depend only on the version policy and skip the gate) and cannot be
 * registered.
 */
public final class RpcMethodRegistry {
  /** Served by the server itself; see {@link io.ainj.rpc.jsonrpc.JsonRpcProcessor}. */
  public static final String GET_PROTOCOL_VERSION = "ain_getProtocolVersion";

  public static final String CHECK_PROTOCOL_VERSION = "ain_checkProtocolVersion";

  private static final RpcMethodRegistry EMPTY = new RpcMethodRegistry(Map.of());

  private final Map<String, RpcMethod> methods;

  private RpcMethodRegistry(Map<String, RpcMethod> methods) {
    this.methods = methods;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static RpcMethodRegistry empty() {
    return EMPTY;
  }

  public Optional<RpcMethod> find(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  /** Registered names in registration order (built-ins excluded). */
  public Set<String> names() {
    return methods.keySet();
  }

  public static boolean isBuiltIn(String name) {
    return GET_PROTOCOL_VERSION.equals(name) || CHECK_PROTOCOL_VERSION.equals(name);
  }

  public static final class Builder {
    private final Map<String, RpcMethod> methods = new LinkedHashMap<>();

    private Builder() {}

    /**
     * @throws IllegalArgumentException for a blank name, a built-in name or a duplicate (a
     *     wiring mistake, so it fails at startup rather than shadowing a method)
     */
    public Builder register(String name, RpcMethod method) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(method, "method");
      if (name.isBlank()) {
        throw new IllegalArgumentException("blank method name");
      }
      if (isBuiltIn(name)) {
        throw new IllegalArgumentException(name + " is built into the rpc server");
      }
      if (methods.putIfAbsent(name, method) != null) {
        throw new IllegalArgumentException("method registered twice: " + name);
      }
      return this;
    }

    public RpcMethodRegistry build() {
      return new RpcMethodRegistry(Collections.unmodifiableMap(new LinkedHashMap<>(methods)));
    }
  }
}
