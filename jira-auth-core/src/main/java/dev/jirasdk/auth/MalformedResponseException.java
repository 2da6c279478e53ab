package dev.jirasdk.auth;

/**
 * A successful response whose body is not well-formed (broken or truncated JSON, or no JSON at all). A
 * {@link ResponseReader} throws it (with {@link #MalformedResponseException(String)}) when it cannot read a
 * body; {@link JiraClient} retries such a response like a damaged one, within its attempts, and then throws
 * it with the endpoint and the attempts made. Moshi's own encoding exceptions are translated to it, so they
 * never reach a caller.
 */
public class MalformedResponseException extends UnexpectedResponseException {
  private static final long serialVersionUID = 1L;
  private final int attempts;

  /** For readers: what was wrong with the body (the client adds the endpoint). */
  public MalformedResponseException(String problem) {
    this(problem, null);
  }

  /** For readers: what was wrong with the body, and the parser's exception. */
  public MalformedResponseException(String problem, Throwable cause) {
    super("malformed response body: " + problem, null, 200, cause);
    this.attempts = 0;
  }

  /** The client's final verdict after {@code attempts} attempts. */
  public MalformedResponseException(String endpoint, int status, String problem, int attempts, Throwable cause) {
    super("malformed response body from " + endpoint + " (HTTP " + status + ") after " + attempts
        + " attempt(s): " + problem, endpoint, status, cause);
    this.attempts = attempts;
  }

  /** Attempts the client made (0 when a reader threw it). */
  public int attempts() {
    return attempts;
  }
}
