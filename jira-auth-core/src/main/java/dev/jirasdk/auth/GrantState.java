package dev.jirasdk.auth;

/** Whether a grant's tokens can still be refreshed. */
public enum GrantState {
  /** Tokens are valid or refreshable. */
  ACTIVE,
  /** The refresh token was rejected for good; the user must consent again. */
  REAUTH_REQUIRED
}
