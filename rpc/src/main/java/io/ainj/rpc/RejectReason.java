package io.ainj.rpc;

/** Why the server refused or failed a request; one counter each in {@link RpcStats}. */
public enum RejectReason {
  /** Body was not JSON (or not UTF-8, or nested too deep, or had duplicate keys): -32700. */
  PARSE_ERROR,
  /** Not a JSON-RPC 2.0 request object, or an empty batch: -32600. */
  INVALID_REQUEST,
  /** Batch longer than the configured cap: -32600. */
  BATCH_TOO_LARGE,
  /** -32601. */
  METHOD_NOT_FOUND,
  /** params not an object, or the method said so: -32602. */
  INVALID_PARAMS,
  /** A method threw: -32603. */
  INTERNAL_ERROR,
  /** The AIN protocol-version gate refused the call (30101/30102/30103). */
  PROTOCOL_VERSION,
  /** The worker pool and its queue were full: -32000. */
  SERVER_BUSY,
  /** A method ran past the processing timeout: -32001. */
  TIMEOUT,
  /** HTTP 413. */
  BODY_TOO_LARGE,
  /** Connection over the concurrent-connection cap: HTTP 503 and close. */
  TOO_MANY_CONNECTIONS,
  /** A request whose bytes did not all arrive within the read timeout (slowloris): HTTP 408. */
  SLOW_REQUEST,
  /** Unparseable HTTP (bad request line, oversized headers...): HTTP 400/414/431 and close. */
  MALFORMED_HTTP,
  /** HTTP 404. */
  NOT_FOUND,
  /** HTTP 405. */
  METHOD_NOT_ALLOWED,
  /** Request arrived while the server was draining: HTTP 503. */
  SHUTTING_DOWN
}
