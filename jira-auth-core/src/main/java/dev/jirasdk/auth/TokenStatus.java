package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known about a grant's tokens, without the tokens.
 *
 * <p>The refresh-token family a consent begins lives a fixed time (365 days at Atlassian) from that consent,
 * however often it is refreshed; then Atlassian answers {@code invalid_grant} and the grant needs the user again.
 * {@link #familyExpiresAt()} says when, and {@link #reconsentDue()} turns true a configurable time before
 * ({@link AtlassianOAuth.Builder#reconsentWarning}), so the host can ask its user to connect again in time.
 *
 * @param grantId the grant
 * @param state active or needing re-authorization
 * @param accessTokenExpiresAt when the current access token expires
 * @param obtainedAt when the current pair was requested (the refresh token's last use)
 * @param hasRefreshToken false when the grant was made without {@code offline_access}
 * @param familyStartedAt when the consent that began the current refresh-token family was exchanged
 * @param familyExpiresAt when Atlassian ends that family, by the configured family lifetime
 * @param reconsentDue true from the configured warning time before {@code familyExpiresAt} on, when the grant has
 *     a refresh token
 */
public record TokenStatus(String grantId, GrantState state, Instant accessTokenExpiresAt, Instant obtainedAt,
    boolean hasRefreshToken, Instant familyStartedAt, Instant familyExpiresAt, boolean reconsentDue) {
  public TokenStatus {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(familyStartedAt, "familyStartedAt == null");
    Objects.requireNonNull(familyExpiresAt, "familyExpiresAt == null");
  }
}
