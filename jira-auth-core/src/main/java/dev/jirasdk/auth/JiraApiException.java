package dev.jirasdk.auth;

import java.util.List;
import java.util.Map;

/**
 * Jira answered with an HTTP error status. Carries Jira's own {@code errorMessages} and {@code errors}
 * so callers can show them, the endpoint, and how many attempts were made.
 */
public class JiraApiException extends JiraException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String endpoint;
  private final List<String> errorMessages;
  private final Map<String, String> errors;
  private final int attempts;

  public JiraApiException(
      int status, String endpoint, List<String> errorMessages, Map<String, String> errors, int attempts) {
    this(describe(status, endpoint, errorMessages, errors, attempts), status, endpoint, errorMessages, errors,
        attempts);
  }

  protected JiraApiException(String message, int status, String endpoint, List<String> errorMessages,
      Map<String, String> errors, int attempts) {
    super(message);
    this.status = status;
    this.endpoint = endpoint;
    this.errorMessages = List.copyOf(errorMessages);
    this.errors = Map.copyOf(errors);
    this.attempts = attempts;
  }

  static String describe(int status, String endpoint, List<String> errorMessages, Map<String, String> errors,
      int attempts) {
    StringBuilder sb = new StringBuilder().append("HTTP ").append(status).append(" from ").append(endpoint);
    if (!errorMessages.isEmpty()) sb.append(": ").append(String.join("; ", errorMessages));
    if (!errors.isEmpty()) sb.append(errorMessages.isEmpty() ? ": " : " ").append(errors);
    if (attempts > 1) sb.append(" (after ").append(attempts).append(" attempts)");
    return sb.toString();
  }

  public int status() {
    return status;
  }

  /** Method and path, for example {@code POST /rest/api/3/search/jql}. */
  public String endpoint() {
    return endpoint;
  }

  /** Jira's {@code errorMessages}, possibly empty. */
  public List<String> errorMessages() {
    return errorMessages;
  }

  /** Jira's {@code errors} (field name to message), possibly empty. */
  public Map<String, String> errors() {
    return errors;
  }

  public int attempts() {
    return attempts;
  }
}
