package dev.jirasdk.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Hands out valid access tokens, refreshing ahead of expiry, one refresh at a time per grant across
 * threads and processes. (API skeleton; implementation in progress.)
 */
public final class TokenManager {
  TokenManager() {}

  /** A valid access token for the grant, refreshing first if it expires within the skew. */
  public String accessToken(String grantId) {
    throw new UnsupportedOperationException("in progress");
  }

  /** Refreshes now, whatever the expiry. */
  public TokenStatus forceRefresh(String grantId) {
    throw new UnsupportedOperationException("in progress");
  }

  public Optional<TokenStatus> status(String grantId) {
    throw new UnsupportedOperationException("in progress");
  }

  /** Refreshes every active grant whose refresh token has been idle longer than {@code idle}. */
  public List<TokenStatus> keepAlive(Duration idle) {
    throw new UnsupportedOperationException("in progress");
  }
}
