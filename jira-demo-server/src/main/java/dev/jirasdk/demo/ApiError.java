package dev.jirasdk.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered as {@code {"error":{"code","message",...}}} with an HTTP status. Messages are written for
 * the user and never carry a token, secret or authorization code.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final transient Map<String, Object> extra = new LinkedHashMap<>();

  ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message);
  }

  static ApiError notFound(String code, String message) {
    return new ApiError(404, code, message);
  }

  ApiError with(String key, Object value) {
    extra.put(key, value);
    return this;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Map<String, Object> body() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", getMessage());
    error.putAll(extra);
    return Map.of("error", error);
  }
}
