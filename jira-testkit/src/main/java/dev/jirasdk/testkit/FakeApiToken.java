package dev.jirasdk.testkit;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A scoped API token the fake accepts ({@link FakeJiraCloud.Builder#addApiToken}) as HTTP Basic
 * ({@code email:token}), only through the gateway ({@code /ex/jira/{cloudId}/…}): Basic anywhere else, a wrong
 * token, or a token past its expiry (fake clock) is answered 401. It acts as the dataset user with this email
 * (and reaches that user's sites), or, when no user has it, as the first user (every site).
 *
 * <pre>{@code
 * FakeJiraCloud.builder()
 *     .addApiToken(FakeApiToken.of("bot@example.com", "t0ken", "read:jira-work", "read:jira-user")
 *         .expiringAt(Instant.parse("2027-01-01T00:00:00Z")))
 *     .build();
 * }</pre>
 *
 * @param email the account email (the Basic user name)
 * @param token the token (the Basic password; not shown by {@link #toString()})
 * @param scopes the scopes the token was created with
 * @param expiresAt when it stops working, or null for never
 */
public record FakeApiToken(String email, String token, Set<String> scopes, @Nullable Instant expiresAt) {
  public FakeApiToken {
    Objects.requireNonNull(email, "email == null");
    Objects.requireNonNull(token, "token == null");
    if (email.isBlank() || token.isBlank()) {
      throw new IllegalArgumentException("an API token needs an email and a token");
    }
    // in the order given: the token endpoint answers them in this order, as Atlassian does
    Objects.requireNonNull(scopes, "scopes == null");
    for (String scope : scopes) {
      Objects.requireNonNull(scope, "scopes contains null");
    }
    scopes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("the API token of " + email + " needs at least one scope");
    }
  }

  /** A token that never expires. */
  public static FakeApiToken of(String email, String token, String... scopes) {
    return new FakeApiToken(email, token, new LinkedHashSet<>(List.of(scopes)), null);
  }

  /** The same token, expiring at {@code expiresAt}. */
  public FakeApiToken expiringAt(Instant expiresAt) {
    return new FakeApiToken(email, token, scopes, Objects.requireNonNull(expiresAt, "expiresAt == null"));
  }

  @Override
  public String toString() {
    return "FakeApiToken[email=" + email + ", token=***, scopes=" + scopes + ", expiresAt=" + expiresAt + "]";
  }
}
