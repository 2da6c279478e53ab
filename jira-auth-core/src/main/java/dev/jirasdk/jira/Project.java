package dev.jirasdk.jira;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Jira project. Immutable.
 *
 * @param id the numeric id
 * @param key the key, e.g. {@code ACME}
 * @param name the name to show
 * @param json the project object as Jira sent it
 */
public record Project(String id, String key, String name, Map<String, @Nullable Object> json) {
  public Project {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(name, "name == null");
    json = JsonTree.frozenObject(Objects.requireNonNull(json, "json == null"), "json");
  }

  /** {@code software}, {@code business} or {@code service_desk} (empty if not sent). */
  public String typeKey() {
    String t = JsonTree.string(json, "projectTypeKey");
    return t == null ? "" : t;
  }

  public boolean archived() {
    return Boolean.TRUE.equals(json.get("archived"));
  }

  static Project of(Map<String, Object> json) {
    return new Project(JsonTree.requireString(json, "id", "$"), JsonTree.requireString(json, "key", "$"),
        JsonTree.requireString(json, "name", "$"), json);
  }

  @Override
  public String toString() {
    return "Project[id=" + id + ", key=" + key + "]";
  }
}
