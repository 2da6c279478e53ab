package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One Atlassian account's consent to this app. One grant holds one token pair that serves every site the
 * account can reach. The id is derived from the client id and the account id, so a second consent by the
 * same account always lands on the same grant.
 *
 * @param id stable grant id
 * @param accountId the Atlassian account id
 * @param displayName the account's display name, possibly empty
 * @param email the account's email, or null when hidden by the user's privacy settings
 * @param scopes the scopes granted
 * @param state whether the tokens are still refreshable
 * @param createdAt first consent
 * @param updatedAt last consent or state change
 */
public record Grant(String id, String accountId, String displayName, @Nullable String email, Set<String> scopes,
    GrantState state, Instant createdAt, Instant updatedAt) {
  public Grant {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(accountId, "accountId == null");
    displayName = displayName == null ? "" : displayName;
    scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes == null"));
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
  }

  public Grant withState(GrantState newState, Instant at) {
    return new Grant(id, accountId, displayName, email, scopes, newState, createdAt, at);
  }
}
