package io.ainj.rpc.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.regex.Pattern;

/**
 * AIN's CORS: an Origin whitelist (regex). A matching Origin is echoed back; anything else gets
 * no CORS headers at all, which is how the browser learns "not allowed" (Express cors does the
 * same). Non-browser clients send no Origin and are unaffected.
 */
public final class CorsPolicy {
  static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
  static final String ALLOWED_HEADERS = "Content-Type";
  static final String MAX_AGE_SECONDS = "600";

  private final Pattern allowed;

  /** @param allowedOriginRegex null disables CORS */
  public CorsPolicy(String allowedOriginRegex) {
    this.allowed = allowedOriginRegex == null ? null : Pattern.compile(allowedOriginRegex);
  }

  boolean allows(String origin) {
    return allowed != null && origin != null && allowed.matcher(origin).matches();
  }

  /** Headers for an ordinary response to a request with this Origin. */
  void decorate(HttpHeaders headers, String origin) {
    if (allows(origin)) {
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      headers.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
    }
  }

  /** Headers for a preflight (OPTIONS) answer. */
  void decoratePreflight(HttpHeaders headers, String origin) {
    if (allows(origin)) {
      decorate(headers, origin);
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
      headers.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
    }
  }
}
