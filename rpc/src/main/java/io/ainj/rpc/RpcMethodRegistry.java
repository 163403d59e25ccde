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

  private final Map<String, RpcHandler> methods;

  private RpcMethodRegistry(Map<String, RpcHandler> methods) {
    this.methods = methods;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static RpcMethodRegistry empty() {
    return EMPTY;
  }

  /** The method under {@code name} as a blocking call (see {@link RpcHandler#asBlocking}). */
  public Optional<RpcMethod> find(String name) {
    return handler(name).map(RpcHandler::asBlocking);
  }

  /** How the method under {@code name} runs, for the server's dispatch and for wrappers. */
  public Optional<RpcHandler> handler(String name) {
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
    private final Map<String, RpcHandler> methods = new LinkedHashMap<>();

    private Builder() {}

    /**
     * @throws IllegalArgumentException for a blank name, a built-in name or a duplicate (a
     *     wiring mistake, so it fails at startup rather than shadowing a method)
     */
    public Builder register(String name, RpcMethod method) {
      Objects.requireNonNull(method, "method");
      return register(name, new RpcHandler.Blocking(method));
    }

    /** A method that answers later from its own queue; the same checks as {@link #register}. */
    public Builder registerAsync(String name, AsyncRpcMethod method) {
      Objects.requireNonNull(method, "method");
      return register(name, new RpcHandler.NonBlocking(method));
    }

    /** Registers {@code handler} as it is (wrappers that pass some methods through unchanged). */
    public Builder register(String name, RpcHandler handler) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(handler, "handler");
      if (name.isBlank()) {
        throw new IllegalArgumentException("blank method name");
      }
      if (isBuiltIn(name)) {
        throw new IllegalArgumentException(name + " is built into the rpc server");
      }
      if (methods.putIfAbsent(name, handler) != null) {
        throw new IllegalArgumentException("method registered twice: " + name);
      }
      return this;
    }

    public RpcMethodRegistry build() {
      return new RpcMethodRegistry(Collections.unmodifiableMap(new LinkedHashMap<>(methods)));
    }
  }
}
