package dev.jirasdk.testkit;

/** The faults {@link Faults} can inject. */
public enum FaultType {
  /** The answer is delayed by {@link Faults.Builder#latency(java.time.Duration)} (real time), then served normally. */
  LATENCY,
  /** 500 with Jira's JSON error body. */
  HTTP_500,
  /** 502 with a plain-text body, as an edge proxy answers. */
  HTTP_502,
  /** 429 with {@code Retry-After} ({@link Faults.Builder#retryAfter(java.time.Duration)}) and a burst reason. */
  HTTP_429,
  /** 503 without {@code Retry-After}. */
  HTTP_503,
  /** 503 with {@code Retry-After} ({@link Faults.Builder#retryAfter(java.time.Duration)}). */
  HTTP_503_RETRY_AFTER,
  /** The real answer's headers and half its body, then the connection is closed. */
  CONNECTION_RESET,
  /** 200 with the real JSON cut in half (a complete HTTP message whose JSON does not parse). */
  TRUNCATED_JSON,
  /** 503 with an HTML page instead of JSON, like a maintenance or proxy page. */
  HTML_ERROR_PAGE,
  /** 200 with {@code Content-Type: application/json} and a body that is not JSON. */
  MALFORMED_BODY
}
