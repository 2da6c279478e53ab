package dev.jirasdk.demo;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.TokenStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the HTTP layer needs from auth-core; one seam so handler tests can run without a network. */
interface AuthPort {
  AuthorizationRequest start(String binding, String label);

  Authorization complete(String code, String state, String binding);

  AccountStore accounts();

  Optional<TokenStatus> tokenStatus(String grantId);

  TokenStatus forceRefresh(String grantId);

  List<TokenStatus> keepAlive(Duration idle);

  /** {@link AuthPort} over the SDK's {@link AtlassianOAuth}. */
  static AuthPort of(AtlassianOAuth oauth) {
    return new AuthPort() {
      @Override
      public AuthorizationRequest start(String binding, String label) {
        return oauth.startAuthorization(binding, label);
      }

      @Override
      public Authorization complete(String code, String state, String binding) {
        return oauth.completeAuthorization(code, state, binding);
      }

      @Override
      public AccountStore accounts() {
        return oauth.accounts();
      }

      @Override
      public Optional<TokenStatus> tokenStatus(String grantId) {
        return oauth.tokens().status(grantId);
      }

      @Override
      public TokenStatus forceRefresh(String grantId) {
        return oauth.tokens().forceRefresh(grantId);
      }

      @Override
      public List<TokenStatus> keepAlive(Duration idle) {
        return oauth.tokens().keepAlive(idle);
      }
    };
  }
}
