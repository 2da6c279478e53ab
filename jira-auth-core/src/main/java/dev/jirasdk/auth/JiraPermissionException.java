package dev.jirasdk.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HTTP 403: the grant lacks a scope or the user lacks a Jira permission. Refreshing cannot help, so the
 * SDK never does; {@link #scopesHeld()} says what the grant has, to compare with what the endpoint needs.
 */
public class JiraPermissionException extends JiraApiException {
  private static final long serialVersionUID = 1L;
  private final Set<String> scopesHeld;

  public JiraPermissionException(String endpoint, List<String> errorMessages, Map<String, String> errors,
      Set<String> scopesHeld, int attempts) {
    super(describe(403, endpoint, errorMessages, errors, attempts) + " (scopes held: "
            + String.join(" ", scopesHeld) + ")",
        403, endpoint, errorMessages, errors, attempts);
    this.scopesHeld = Set.copyOf(scopesHeld);
  }

  public Set<String> scopesHeld() {
    return scopesHeld;
  }
}
