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
 * @param familyStartedAt when the consent that began this refresh-token family was exchanged: Atlassian ends
 *     the family a fixed time after it (365 days), however often it is refreshed. Refreshes carry it forward
 *     unchanged; only a new consent sets a new one. A store keeps it exactly as given.
 */
public record StoredTokens(String grantId, long version, String sealedAccessToken, @Nullable String sealedRefreshToken,
    Instant accessTokenExpiresAt, Instant obtainedAt, String scope, Instant familyStartedAt) {
  public StoredTokens {
    Objects.requireNonNull(grantId, "grantId == null");
    if (version < 1) throw new IllegalArgumentException("version < 1: " + version);
    Objects.requireNonNull(sealedAccessToken, "sealedAccessToken == null");
    Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt == null");
    Objects.requireNonNull(obtainedAt, "obtainedAt == null");
    scope = scope == null ? "" : scope;
    Objects.requireNonNull(familyStartedAt, "familyStartedAt == null");
  }

  /**
   * A pair whose family start is not known, as stores written before the family start existed return it: the
   * family is taken to have begun at {@code obtainedAt}. A store must not use this for pairs it wrote with a
   * family start ({@code TokenStoreContract} checks that the start survives a round trip).
   */
  public StoredTokens(String grantId, long version, String sealedAccessToken, @Nullable String sealedRefreshToken,
      Instant accessTokenExpiresAt, Instant obtainedAt, String scope) {
    this(grantId, version, sealedAccessToken, sealedRefreshToken, accessTokenExpiresAt, obtainedAt, scope,
        Objects.requireNonNull(obtainedAt, "obtainedAt == null"));
  }

  /** Redacted: never prints the sealed values. */
  @Override
  public String toString() {
    return "StoredTokens[grantId=" + grantId + ", version=" + version + ", accessTokenExpiresAt="
        + accessTokenExpiresAt + ", obtainedAt=" + obtainedAt + ", familyStartedAt=" + familyStartedAt
        + ", hasRefreshToken=" + (sealedRefreshToken != null) + "]";
  }
}
