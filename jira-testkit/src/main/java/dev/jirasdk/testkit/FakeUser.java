package dev.jirasdk.testkit;

import java.util.Objects;

/**
 * An Atlassian account known to the fake. Any of them can consent on the fake's authorize page; each sees
 * only the sites granted to it.
 *
 * @param accountId Atlassian account id, as in {@code /me} and {@code /myself}
 * @param displayName the name shown in Jira
 * @param email the account's email address
 */
public record FakeUser(String accountId, String displayName, String email) {
  public FakeUser {
    Objects.requireNonNull(accountId, "accountId == null");
    Objects.requireNonNull(displayName, "displayName == null");
    Objects.requireNonNull(email, "email == null");
  }
}
