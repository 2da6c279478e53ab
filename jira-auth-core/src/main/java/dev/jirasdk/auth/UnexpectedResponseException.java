package dev.jirasdk.auth;

/**
 * A response arrived but was not what the protocol promises: not JSON, truncated, an HTML page from a
 * proxy, or JSON without a required member. The message names the endpoint and the JSON path.
 */
public class UnexpectedResponseException extends JiraException {
  private static final long serialVersionUID = 1L;
  private final String endpoint;
  private final int status;

  public UnexpectedResponseException(String endpoint, int status, String problem) {
    this(endpoint, status, problem, null);
  }

  public UnexpectedResponseException(String endpoint, int status, String problem, Throwable cause) {
    super("unexpected response from " + endpoint + " (HTTP " + status + "): " + problem, cause);
    this.endpoint = endpoint;
    this.status = status;
  }

  /** A subclass's own message. */
  protected UnexpectedResponseException(String message, String endpoint, int status, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
    this.status = status;
  }

  /** Method and path, or null when a reader threw it before the client knew the request. */
  public String endpoint() {
    return endpoint;
  }

  public int status() {
    return status;
  }
}
