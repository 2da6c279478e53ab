package dev.jirasdk.demo;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationCodeException;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.AuthorizationStateException;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.ConnectionIds;
import dev.jirasdk.auth.Grant;
import dev.jirasdk.auth.GrantState;
import dev.jirasdk.auth.InMemoryAccountStore;
import dev.jirasdk.auth.ReauthorizationRequiredException;
import dev.jirasdk.auth.Site;
import dev.jirasdk.auth.TokenStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A hand-written {@link AuthPort}: states in a map, accounts in auth-core's in-memory store. */
final class FakeAuth implements AuthPort {
  static final String SECRET_TOKEN = "at-SECRET-never-shown";
  final AccountStore accounts;
  final Map<String, String[]> states = new ConcurrentHashMap<>();
  final Set<String> deadGrants = ConcurrentHashMap.newKeySet();
  final Clock clock;
  int counter;

  FakeAuth(Clock clock) {
    this(clock, new InMemoryAccountStore());
  }

  FakeAuth(Clock clock, AccountStore accounts) {
    this.clock = clock;
    this.accounts = accounts;
  }

  @Override
  public synchronized AuthorizationRequest start(String binding, String label) {
    String state = "state" + (++counter) + "xxxxxxxxxxxxxxxx";
    states.put(state, new String[] {binding, label});
    return new AuthorizationRequest("http://auth.example/authorize?state=" + state, state,
        clock.instant().plus(Duration.ofMinutes(10)));
  }

  @Override
  public Authorization complete(String code, String state, String binding) {
    String[] pending = states.remove(state);
    if (pending == null) throw new AuthorizationStateException(AuthorizationStateException.Reason.UNKNOWN, "unknown");
    if (!pending[0].equals(binding)) {
      throw new AuthorizationStateException(AuthorizationStateException.Reason.WRONG_BINDING, "binding");
    }
    if (code.equals("bad-code")) throw new AuthorizationCodeException(400, "invalid_grant", null);
    return authorize("acct-" + code, pending[1], "cloud-" + code);
  }

  /** Stores a grant with one site, as a successful callback would. */
  Authorization authorize(String accountId, String label, String cloudId) {
    Instant now = clock.instant();
    String grantId = ConnectionIds.grantId("client", accountId);
    Grant grant = new Grant(grantId, accountId, "User " + accountId, accountId + "@example.com",
        Set.of("read:jira-work", "offline_access"), GrantState.ACTIVE, now, now);
    Site site = new Site(cloudId, "Site " + cloudId, "https://" + cloudId + ".atlassian.net",
        List.of("read:jira-work"), null);
    List<SiteConnection> connections = accounts.saveAuthorization(grant, List.of(site), label);
    return new Authorization(grant, connections);
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public Optional<TokenStatus> tokenStatus(String grantId) {
    return accounts.grant(grantId).map(g -> new TokenStatus(grantId, g.state(),
        clock.instant().plus(Duration.ofHours(1)), clock.instant(), true, g.createdAt(),
        g.createdAt().plus(Duration.ofDays(365)), false));
  }

  final java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public TokenStatus forceRefresh(String grantId) {
    refreshes.incrementAndGet();
    if (deadGrants.contains(grantId)) {
      accounts.setGrantState(grantId, GrantState.REAUTH_REQUIRED, clock.instant());
      throw new ReauthorizationRequiredException(grantId, 403, "invalid_grant", "refresh token revoked");
    }
    return new TokenStatus(grantId, GrantState.ACTIVE, clock.instant().plus(Duration.ofHours(1)),
        clock.instant(), true, clock.instant(), clock.instant().plus(Duration.ofDays(365)), false);
  }

  @Override
  public List<TokenStatus> keepAlive(Duration idle) {
    return List.of();
  }
}
