package dev.jirasdk.auth;

import org.jspecify.annotations.Nullable;

/**
 * The authorization code was rejected: it expired (codes live about ten minutes), was already used, or
 * was issued for another client or redirect URI. The user must start the authorization again.
 */
public class AuthorizationCodeException extends OAuthException {
  private static final long serialVersionUID = 1L;

  public AuthorizationCodeException(int status, String error, @Nullable String errorDescription) {
    super("authorization code rejected (expired, already used, or issued for another redirect URI): HTTP "
        + status + " " + error + (errorDescription == null ? "" : " (" + errorDescription + ")"),
        status, error, errorDescription);
  }
}
