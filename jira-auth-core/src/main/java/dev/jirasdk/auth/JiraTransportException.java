package dev.jirasdk.auth;

/** The request did not produce an HTTP response: connection refused or reset, timeout, TLS failure. */
public class JiraTransportException extends JiraException {
  private static final long serialVersionUID = 1L;
  private final String endpoint;
  private final int attempts;

  public JiraTransportException(String endpoint, int attempts, Throwable cause) {
    super("no response from " + endpoint + " after " + attempts + " attempt(s): " + cause, cause);
    this.endpoint = endpoint;
    this.attempts = attempts;
  }

  /** Method and path, for example {@code GET /rest/api/3/myself}; never a query string with secrets. */
  public String endpoint() {
    return endpoint;
  }

  public int attempts() {
    return attempts;
  }
}
