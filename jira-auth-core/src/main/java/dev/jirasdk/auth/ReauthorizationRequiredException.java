package dev.jirasdk.auth;

import org.jspecify.annotations.Nullable;

/**
 * The grant's refresh token is dead ({@code invalid_grant}, {@code unauthorized_client},
 * {@code invalid_client}, or the grant was already marked {@link GrantState#REAUTH_REQUIRED}). Only a new
 * consent by the user can revive it; the SDK makes no further network calls for this grant until then.
 */
public class ReauthorizationRequiredException extends OAuthException {
  private static final long serialVersionUID = 1L;
  private final String grantId;

  public ReauthorizationRequiredException(String grantId, int status, String error, @Nullable String errorDescription) {
    super("grant " + grantId + " needs the user to authorize again"
            + (error == null ? "" : ": " + error + (errorDescription == null ? "" : " (" + errorDescription + ")")),
        status, error, errorDescription);
    this.grantId = grantId;
  }

  public String grantId() {
    return grantId;
  }
}
