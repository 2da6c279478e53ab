package dev.jirasdk.jira;

import java.util.Objects;
import java.util.regex.Pattern;

/** Checks ids before they go into a path: a bad one is a clear error, never a request to a wrong URL. */
final class Ids {
  private static final Pattern ISSUE = Pattern.compile("\\d+|[A-Za-z][A-Za-z0-9_]*-\\d+");
  private static final Pattern NUMERIC = Pattern.compile("\\d+");
  private static final Pattern PROJECT = Pattern.compile("\\d+|[A-Za-z][A-Za-z0-9_]*");

  private Ids() {}

  static String issue(String idOrKey) {
    Objects.requireNonNull(idOrKey, "issueIdOrKey == null");
    if (!ISSUE.matcher(idOrKey).matches()) {
      throw new IllegalArgumentException("issueIdOrKey must be an issue id (10042) or key (ACME-42): '" + idOrKey + "'");
    }
    return idOrKey;
  }

  static String comment(String commentId) {
    Objects.requireNonNull(commentId, "commentId == null");
    if (!NUMERIC.matcher(commentId).matches()) {
      throw new IllegalArgumentException("commentId must be numeric: '" + commentId + "'");
    }
    return commentId;
  }

  static String project(String idOrKey) {
    Objects.requireNonNull(idOrKey, "projectIdOrKey == null");
    if (!PROJECT.matcher(idOrKey).matches()) {
      throw new IllegalArgumentException("projectIdOrKey must be a project id (10000) or key (ACME): '" + idOrKey + "'");
    }
    return idOrKey;
  }

  static String account(String accountId) {
    Objects.requireNonNull(accountId, "accountId == null");
    if (accountId.isBlank()) throw new IllegalArgumentException("accountId is blank");
    return accountId;
  }
}
