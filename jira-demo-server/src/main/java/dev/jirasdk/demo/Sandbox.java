package dev.jirasdk.demo;

import java.time.Clock;
import java.util.Map;

/** The simulated Jira Cloud of sandbox mode: jira-testkit's FakeJiraCloud on a loopback port. */
final class Sandbox implements AutoCloseable {
  private Sandbox() {}

  static Sandbox start(Config config, String redirectUri, Clock clock) {
    throw new UnsupportedOperationException("sandbox mode needs jira-testkit's FakeJiraCloud, not wired in yet");
  }

  String clientId() {
    throw new UnsupportedOperationException();
  }

  String clientSecret() {
    throw new UnsupportedOperationException();
  }

  String authBaseUrl() {
    throw new UnsupportedOperationException();
  }

  String apiBaseUrl() {
    throw new UnsupportedOperationException();
  }

  Map<String, Object> describe() {
    return Map.of();
  }

  @Override
  public void close() {}
}
