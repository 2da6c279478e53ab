package dev.jirasdk.jira;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Jira user (an Atlassian account as the site shows it). Immutable.
 *
 * @param accountId the account id, the only stable way to name a user in Jira Cloud's API
 * @param displayName the name to show
 * @param active whether the account is active
 * @param json the user object as Jira sent it
 */
public record User(String accountId, String displayName, boolean active, Map<String, @Nullable Object> json) {
  public User {
    Objects.requireNonNull(accountId, "accountId == null");
    Objects.requireNonNull(displayName, "displayName == null");
    json = JsonTree.frozenObject(Objects.requireNonNull(json, "json == null"), "json");
  }

  /** The e-mail address, when the user's privacy settings let the app see it. */
  public Optional<String> email() {
    return Optional.ofNullable(JsonTree.string(json, "emailAddress"));
  }

  /** The user's time zone id, e.g. {@code Europe/Berlin}, when shown. */
  public Optional<String> timeZone() {
    return Optional.ofNullable(JsonTree.string(json, "timeZone"));
  }

  static User of(Map<String, Object> json) {
    String accountId = JsonTree.requireString(json, "accountId", "$");
    String name = JsonTree.string(json, "displayName");
    return new User(accountId, name == null ? "" : name, !Boolean.FALSE.equals(json.get("active")), json);
  }

  static User ofNullable(Map<String, Object> json) {
    return json == null ? null : of(json);
  }

  @Override
  public String toString() {
    return "User[accountId=" + accountId + ", displayName=" + displayName + "]";
  }
}
