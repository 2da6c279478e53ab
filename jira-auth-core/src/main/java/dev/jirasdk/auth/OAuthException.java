package dev.jirasdk.auth;

import org.jspecify.annotations.Nullable;

/**
 * Atlassian's token endpoint answered with an OAuth error such as {@code invalid_grant} or
 * {@code unauthorized_client}.
 */
public class OAuthException extends JiraException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String error;
  private final @Nullable String errorDescription;

  public OAuthException(int status, String error, @Nullable String errorDescription, String context) {
    super(context + ": HTTP " + status + " " + error
        + (errorDescription == null || errorDescription.isEmpty() ? "" : " (" + errorDescription + ")"));
    this.status = status;
    this.error = error;
    this.errorDescription = errorDescription;
  }

  protected OAuthException(String message, int status, String error, @Nullable String errorDescription) {
    super(message);
    this.status = status;
    this.error = error;
    this.errorDescription = errorDescription;
  }

  public int status() {
    return status;
  }

  /** The OAuth {@code error} code, for example {@code invalid_grant}. */
  public String error() {
    return error;
  }

  /** Atlassian's {@code error_description}, possibly null. */
  public @Nullable String errorDescription() {
    return errorDescription;
  }
}
