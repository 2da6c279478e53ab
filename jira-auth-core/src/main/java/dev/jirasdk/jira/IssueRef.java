package dev.jirasdk.jira;

import java.util.Objects;

/**
 * What Jira answers to a create: the new issue's id and key. Immutable.
 *
 * @param id the numeric id
 * @param key the key, e.g. {@code ACME-43}
 */
public record IssueRef(String id, String key) {
  public IssueRef {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(key, "key == null");
  }
}
