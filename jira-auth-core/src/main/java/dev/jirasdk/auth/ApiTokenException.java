package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ApiTokenCredentials API token} cannot authenticate, and no retry can help: it has expired (refused
 * before anything was sent), or Jira answered 401 to it (revoked, expired early, or the email does not match).
 * Only a new token from the account's security settings helps. The message names the token by its email,
 * never shows it.
 */
public class ApiTokenException extends JiraException {
  private static final long serialVersionUID = 1L;

  /** Why the token cannot authenticate. */
  public enum Reason {
    /** Its expiry date has passed; nothing was sent. */
    EXPIRED,
    /** Jira answered 401 to it. */
    REJECTED
  }

  private final Reason reason;
  private final String credentialsId;
  private final transient @Nullable Instant expiresAt;

  public ApiTokenException(Reason reason, String credentialsId, @Nullable Instant expiresAt, String message) {
    super(message);
    this.reason = reason;
    this.credentialsId = credentialsId;
    this.expiresAt = expiresAt;
  }

  public Reason reason() {
    return reason;
  }

  /** {@code api-token:{email}}: which token, without the token. */
  public String credentialsId() {
    return credentialsId;
  }

  /** The token's expiry, when the host gave it. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }
}
