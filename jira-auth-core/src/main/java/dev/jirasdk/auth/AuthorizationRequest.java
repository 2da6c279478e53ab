package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * Where to send the user to consent: redirect the browser to {@link #url()}. The {@link #state()} is already
 * remembered by the SDK; a host needs it only to bind the flow to something of its own.
 *
 * @param url the Atlassian authorize URL
 * @param state the single-use CSRF state embedded in the URL
 * @param expiresAt when the state stops being accepted
 */
public record AuthorizationRequest(String url, String state, Instant expiresAt) {
  public AuthorizationRequest {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
  }

  /** Redacted: the state is a one-time secret of the browser session that started the flow. */
  @Override
  public String toString() {
    return "AuthorizationRequest[expiresAt=" + expiresAt + "]";
  }
}
