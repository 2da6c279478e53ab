package dev.jirasdk.testkit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A service account the fake knows ({@link FakeJiraCloud.Builder#addServiceAccount}): its OAuth client
 * credentials, the scopes its tokens carry, and the sites it may reach (empty: every site). {@code POST
 * /oauth/token} with {@code grant_type=client_credentials} and this client id and secret answers an access token
 * without a refresh token; {@code accessible-resources} lists its sites. It sees what the dataset's first user
 * sees.
 *
 * <pre>{@code
 * FakeJiraCloud.builder()
 *     .addServiceAccount(FakeServiceAccount.of("sa-client", "sa-secret", "read:jira-work", "read:jira-user"))
 *     .build();
 * }</pre>
 *
 * @param clientId the service account's OAuth client id
 * @param clientSecret its secret (not shown by {@link #toString()})
 * @param scopes the scopes of its tokens
 * @param cloudIds the sites it reaches; empty for every site of the fake
 */
public record FakeServiceAccount(String clientId, String clientSecret, Set<String> scopes, Set<String> cloudIds) {
  public FakeServiceAccount {
    Objects.requireNonNull(clientId, "clientId == null");
    Objects.requireNonNull(clientSecret, "clientSecret == null");
    if (clientId.isBlank() || clientSecret.isBlank()) {
      throw new IllegalArgumentException("a service account needs a client id and a secret");
    }
    // in the order given: the token endpoint answers them in this order, as Atlassian does
    Objects.requireNonNull(scopes, "scopes == null");
    for (String scope : scopes) {
      Objects.requireNonNull(scope, "scopes contains null");
    }
    scopes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("service account " + clientId + " needs at least one scope");
    }
    cloudIds = Set.copyOf(Objects.requireNonNull(cloudIds, "cloudIds == null"));
  }

  /** A service account reaching every site. */
  public static FakeServiceAccount of(String clientId, String clientSecret, String... scopes) {
    return new FakeServiceAccount(clientId, clientSecret, new LinkedHashSet<>(List.of(scopes)), Set.of());
  }

  /** The same account, reaching only these sites. */
  public FakeServiceAccount onlySites(String... cloudIds) {
    return new FakeServiceAccount(clientId, clientSecret, scopes, Set.of(cloudIds));
  }

  @Override
  public String toString() {
    return "FakeServiceAccount[clientId=" + clientId + ", clientSecret=***, scopes=" + scopes + ", cloudIds="
        + cloudIds + "]";
  }
}
