package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known about a grant's tokens, without the tokens.
 *
 * @param grantId the grant
 * @param state active or needing re-authorization
 * @param accessTokenExpiresAt when the current access token expires
 * @param obtainedAt when the current pair was requested (the refresh token's last use)
 * @param hasRefreshToken false when the grant was made without {@code offline_access}
 */
public record TokenStatus(String grantId, GrantState state, Instant accessTokenExpiresAt, Instant obtainedAt,
    boolean hasRefreshToken) {
  public TokenStatus {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(state, "state == null");
  }
}
