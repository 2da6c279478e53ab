package dev.jirasdk.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grant lacks a scope or the user lacks a Jira permission: HTTP 403, or HTTP 401 whose body says
 * {@code Unauthorized; scope does not match} (how Jira Cloud reports a missing OAuth scope). Refreshing cannot
 * help, so the SDK never does; {@link #scopesHeld()} says what the grant has, {@link #scopesNeeded()} what the
 * endpoint needs according to Atlassian's spec.
 */
public class JiraPermissionException extends JiraApiException {
  private static final long serialVersionUID = 1L;
  private final Set<String> scopesHeld;
  private final Set<String> scopesNeeded;

  public JiraPermissionException(String endpoint, List<String> errorMessages, Map<String, String> errors,
      Set<String> scopesHeld, int attempts) {
    this(403, endpoint, errorMessages, errors, scopesHeld, Set.of(), attempts);
  }

  /**
   * @param status 403, or 401 for Jira's "scope does not match"
   * @param scopesNeeded the scopes the endpoint needs (empty when not known)
   */
  public JiraPermissionException(int status, String endpoint, List<String> errorMessages,
      Map<String, String> errors, Set<String> scopesHeld, Set<String> scopesNeeded, int attempts) {
    super(describe(status, endpoint, errorMessages, errors, attempts) + " (scopes held: "
            + String.join(" ", scopesHeld)
            + (scopesNeeded.isEmpty() ? "" : "; scopes needed: " + String.join(" ", scopesNeeded)) + ")",
        status, endpoint, errorMessages, errors, attempts);
    this.scopesHeld = Set.copyOf(scopesHeld);
    this.scopesNeeded = Set.copyOf(scopesNeeded);
  }

  public Set<String> scopesHeld() {
    return scopesHeld;
  }

  /** The scopes the endpoint needs, from Atlassian's spec (empty for an endpoint the SDK does not know). */
  public Set<String> scopesNeeded() {
    return scopesNeeded;
  }
}
