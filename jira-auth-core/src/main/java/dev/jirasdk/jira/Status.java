package dev.jirasdk.jira;

import java.util.Map;
import java.util.Objects;

/**
 * An issue status. Immutable.
 *
 * @param id the status id
 * @param name its name, e.g. {@code In Progress}
 * @param categoryKey Jira's status category: {@code new}, {@code indeterminate} or {@code done} (empty if unknown)
 */
public record Status(String id, String name, String categoryKey) {
  public Status {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(categoryKey, "categoryKey == null");
  }

  /** Whether the status is in Jira's {@code done} category. */
  public boolean done() {
    return categoryKey.equals("done");
  }

  static Status of(Map<String, Object> json) {
    if (json == null) return null;
    String category = JsonTree.string(JsonTree.asMap(json.get("statusCategory")), "key");
    return new Status(JsonTree.requireString(json, "id", "$.status"), JsonTree.requireString(json, "name", "$.status"),
        category == null ? "" : category);
  }
}
