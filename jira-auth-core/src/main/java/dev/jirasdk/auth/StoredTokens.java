package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A grant's token pair as a {@link TokenStore} keeps it. The token values are sealed by the SDK's
 * {@link TokenCipher} before any store sees them, so a store never holds a usable token in clear text.
 *
 * @param grantId the grant
 * @param version incremented by one on every write; the compare-and-set key
 * @param sealedAccessToken the access token, sealed
 * @param sealedRefreshToken the refresh token, sealed; null only when the grant has no
 *     {@code offline_access}
 * @param accessTokenExpiresAt when the access token expires (counted from when the request was sent)
 * @param obtainedAt when the token request that produced this pair was sent (the refresh token's last use)
 * @param scope the space-separated scopes the token endpoint reported
 */
public record StoredTokens(String grantId, long version, String sealedAccessToken, @Nullable String sealedRefreshToken,
    Instant accessTokenExpiresAt, Instant obtainedAt, String scope) {
  public StoredTokens {
    Objects.requireNonNull(grantId, "grantId == null");
    if (version < 1) throw new IllegalArgumentException("version < 1: " + version);
    Objects.requireNonNull(sealedAccessToken, "sealedAccessToken == null");
    Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt == null");
    Objects.requireNonNull(obtainedAt, "obtainedAt == null");
    scope = scope == null ? "" : scope;
  }

  /** Redacted: never prints the sealed values. */
  @Override
  public String toString() {
    return "StoredTokens[grantId=" + grantId + ", version=" + version + ", accessTokenExpiresAt="
        + accessTokenExpiresAt + ", obtainedAt=" + obtainedAt + ", hasRefreshToken="
        + (sealedRefreshToken != null) + "]";
  }
}
