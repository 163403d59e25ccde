package io.ainj.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 error codes and the two envelope shapes. Key order is fixed
 * ({@code jsonrpc, id, result|error}) so responses are byte-stable for tests and caches.
 */
public final class JsonRpcErrors {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;
  /** Implementation-defined server error: the worker pool and its queue are full. */
  public static final int SERVER_BUSY = -32000;
  /** Implementation-defined server error: the method outran the processing timeout. */
  public static final int REQUEST_TIMEOUT = -32001;

  public static final String MSG_PARSE_ERROR = "Parse error";
  public static final String MSG_INVALID_REQUEST = "Invalid Request";
  public static final String MSG_METHOD_NOT_FOUND = "Method not found";
  public static final String MSG_INVALID_PARAMS = "Invalid params";
  public static final String MSG_INTERNAL_ERROR = "Internal error";
  public static final String MSG_SERVER_BUSY = "server busy";
  public static final String MSG_REQUEST_TIMEOUT = "request timed out";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonRpcErrors() {}

  /** {@code {"jsonrpc":"2.0","id":id,"result":result}}. */
  public static ObjectNode success(JsonNode id, JsonNode result) {
    ObjectNode env = F.objectNode();
    env.put("jsonrpc", "2.0");
    env.set("id", id == null ? NullNode.getInstance() : id);
    env.set("result", result);
    return env;
  }

  /** {@code {"jsonrpc":"2.0","id":id,"error":{"code":c,"message":m[,"data":d]}}}. */
  public static ObjectNode error(JsonNode id, int code, String message, String data) {
    ObjectNode err = F.objectNode();
    err.put("code", code);
    err.put("message", message);
    if (data != null) {
      err.put("data", data);
    }
    ObjectNode env = F.objectNode();
    env.put("jsonrpc", "2.0");
    env.set("id", id == null ? NullNode.getInstance() : id);
    env.set("error", err);
    return env;
  }

  public static ObjectNode error(JsonNode id, int code, String message) {
    return error(id, code, message, null);
  }
}
