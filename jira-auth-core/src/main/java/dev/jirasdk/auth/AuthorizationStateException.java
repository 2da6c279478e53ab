package dev.jirasdk.auth;

/**
 * The {@code state} of an OAuth callback failed the CSRF check. Nothing was exchanged and nothing stored.
 */
public class AuthorizationStateException extends JiraException {
  private static final long serialVersionUID = 1L;

  /** Why the state was refused. */
  public enum Reason {
    /** The callback carried no state. */
    MISSING,
    /** No flow in progress issued this state. */
    UNKNOWN,
    /** The flow was started more than the state lifetime ago. */
    EXPIRED,
    /** The state was already used by an earlier callback. */
    REPLAYED,
    /** The state was issued to another browser session (binding). */
    WRONG_BINDING
  }

  private final Reason reason;

  public AuthorizationStateException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
