package dev.jirasdk.auth;

/**
 * Root of every exception the SDK throws. All are unchecked.
 *
 * <p>Messages say what was expected, what came, and for which grant, site or endpoint. They never
 * contain a token, a client secret or an authorization code.
 */
public class JiraException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JiraException(String message) {
    super(message);
  }

  public JiraException(String message, Throwable cause) {
    super(message, cause);
  }
}
