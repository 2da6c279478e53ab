package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;

/** Wires an {@link AtlassianOAuth} to a {@link MiniAtlassian} with in-memory stores and a test clock. */
final class AuthFixture implements AutoCloseable {
  final TestClock clock = new TestClock();
  final MiniAtlassian atlassian;
  final InMemoryTokenStore tokenStore = new InMemoryTokenStore();
  final InMemoryAccountStore accountStore = new InMemoryAccountStore();
  final InMemoryPendingAuthorizationStore pendingStore = new InMemoryPendingAuthorizationStore();
  final RecordingListener events = new RecordingListener();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final List<Throwable> thrown = new CopyOnWriteArrayList<>();

  AuthFixture() {
    try {
      atlassian = new MiniAtlassian(clock);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  AtlassianOAuth.Builder builder() {
    return AtlassianOAuth.builder()
        .clientId(MiniAtlassian.CLIENT_ID)
        .clientSecret(MiniAtlassian.CLIENT_SECRET)
        .redirectUri(MiniAtlassian.REDIRECT_URI)
        .scopes("read:jira-work", "read:jira-user")
        .authBaseUrl(atlassian.baseUrl())
        .apiBaseUrl(atlassian.baseUrl())
        .tokenCipher(TokenCipher.ephemeral())
        .tokenStore(tokenStore)
        .accountStore(accountStore)
        .pendingAuthorizationStore(pendingStore)
        .clock(clock)
        .listener(events)
        .sleeper(d -> {
          sleeps.add(d);
          clock.advance(d);
        });
  }

  AtlassianOAuth oauth() {
    return builder().build();
  }

  /** Runs a whole consent and returns its result. */
  Authorization connect(AtlassianOAuth oauth) {
    AuthorizationRequest request = oauth.startAuthorization("session-1", "Work");
    String state = HttpUrl.get(request.url()).queryParameter("state");
    return oauth.completeAuthorization(atlassian.newCode(), state, "session-1");
  }

  /** Fails if any token, code or secret the fake issued appears in logs, exceptions or events. */
  void assertNoSecretLeaked() {
    List<String> haystacks = new ArrayList<>(CapturedLogs.lines());
    haystacks.addAll(events.lines);
    for (Throwable t : thrown) {
      for (Throwable c = t; c != null; c = c.getCause()) haystacks.add(String.valueOf(c.getMessage()) + c);
    }
    List<String> secrets = new ArrayList<>(atlassian.issuedSecrets);
    secrets.add(MiniAtlassian.CLIENT_SECRET);
    for (String secret : secrets) {
      for (String h : haystacks) assertFalse(h.contains(secret), "secret leaked into: " + h);
    }
  }

  @Override
  public void close() {
    atlassian.close();
  }

  /** Records events as text lines. */
  static final class RecordingListener implements TokenListener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    volatile Runnable onTransient = () -> {};

    long count(String prefix) {
      return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }

    @Override
    public void refreshed(String grantId, java.time.Instant expiresAt) {
      lines.add("refreshed " + grantId + " " + expiresAt);
    }

    @Override
    public void transientFailure(String grantId, int attempt, String reason) {
      lines.add("transient " + grantId + " " + attempt + " " + reason);
      onTransient.run();
    }

    @Override
    public void reauthorizationRequired(String grantId, String error) {
      lines.add("reauth " + grantId + " " + error);
    }

    @Override
    public void storeWriteFailed(String grantId, String reason) {
      lines.add("storeWriteFailed " + grantId + " " + reason);
    }

    @Override
    public void authorized(String grantId, int sites) {
      lines.add("authorized " + grantId + " " + sites);
    }

    @Override
    public void reconsentDue(String grantId, java.time.Instant familyExpiresAt) {
      lines.add("reconsentDue " + grantId + " " + familyExpiresAt);
    }
  }
}
