package dev.jirasdk.auth;

import java.time.Instant;

/** A successful answer of the token endpoint. Holds secrets: never logged, toString redacted. */
record TokenResponse(String accessToken, String refreshToken, Instant expiresAt, Instant sentAt, String scope) {
  @Override
  public String toString() {
    return "TokenResponse[expiresAt=" + expiresAt + ", hasRefreshToken=" + (refreshToken != null) + "]";
  }
}
