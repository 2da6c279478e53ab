package dev.jirasdk.auth;

import java.time.Instant;

/**
 * Hears about token lifecycle events. Every method has an empty default; override what you need. Called on
 * the thread that did the work, so keep it quick. Events carry the grant id, never a token.
 */
public interface TokenListener {
  TokenListener NONE = new TokenListener() {};

  /** A refresh stored a new pair; the access token now expires at {@code expiresAt}. */
  default void refreshed(String grantId, Instant expiresAt) {}

  /** A refresh failed in a way that may pass (5xx, 429, timeout); nothing stored changed. */
  default void transientFailure(String grantId, int attempt, String reason) {}

  /** The refresh token is dead; the grant is now {@link GrantState#REAUTH_REQUIRED}. Sent once. */
  default void reauthorizationRequired(String grantId, String error) {}

  /** A refreshed pair could not be stored; the SDK keeps it in memory and retries the write. */
  default void storeWriteFailed(String grantId, String reason) {}

  /** A user completed authorization, creating or updating this grant. */
  default void authorized(String grantId, int sites) {}
}
