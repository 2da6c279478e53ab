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

  /**
   * The grant's refresh-token family ends at {@code familyExpiresAt} (a fixed time after the consent that began
   * it; refreshes cannot extend it): ask the user to connect again before then, which starts a new family. Sent at
   * most once per family by each process, the first time the grant is used or kept alive within the warning
   * time ({@link AtlassianOAuth.Builder#reconsentWarning}); {@link TokenManager#reconsentDue()} lists such grants
   * on demand.
   */
  default void reconsentDue(String grantId, Instant familyExpiresAt) {}
}
