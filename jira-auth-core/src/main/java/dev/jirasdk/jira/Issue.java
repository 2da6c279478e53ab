package dev.jirasdk.jira;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An issue as Jira returned it. The fields most apps read have accessors; every other field, custom fields
 * included, is in the raw JSON kept with it.
 *
 * <pre>{@code
 * Issue issue = jira.issues().get("ACME-42");
 * String title = issue.summary().orElse("");
 * Optional<Object> points = issue.field("customfield_10016");   // e.g. 5.0
 * }</pre>
 *
 * <p>An accessor is empty when the field was not requested or is null. Numbers in the raw JSON are
 * {@code Double}s, objects {@code Map}s and arrays {@code List}s, all unmodifiable. Immutable.
 *
 * @param id the numeric id (stable when an issue moves between projects)
 * @param key the key at the time of reading, e.g. {@code ACME-42}; null only when a search asked for ids alone
 * @param json the whole issue object as Jira sent it
 */
public record Issue(String id, @Nullable String key, Map<String, @Nullable Object> json) {
  public Issue {
    Objects.requireNonNull(id, "id == null");
    json = JsonTree.frozenObject(Objects.requireNonNull(json, "json == null"), "json");
  }

  static Issue of(Map<String, Object> json) {
    String id = JsonTree.requireString(json, "id", "$");
    return new Issue(id, JsonTree.string(json, "key"), json);
  }

  /** The {@code fields} object (empty if none was requested). */
  public Map<String, @Nullable Object> fields() {
    Map<String, Object> f = JsonTree.asMap(json.get("fields"));
    return f == null ? Map.of() : f;
  }

  /** A field's raw value by id ({@code summary}, {@code customfield_10016}…); empty when absent or null. */
  public Optional<Object> field(String fieldId) {
    Objects.requireNonNull(fieldId, "fieldId == null");
    return Optional.ofNullable(fields().get(fieldId));
  }

  public Optional<String> summary() {
    return Optional.ofNullable(JsonTree.string(fields(), "summary"));
  }

  public Optional<Adf> description() {
    return adf(fields().get("description"));
  }

  public Optional<Status> status() {
    return Optional.ofNullable(Status.of(JsonTree.asMap(fields().get("status"))));
  }

  public Optional<User> assignee() {
    return Optional.ofNullable(User.ofNullable(JsonTree.asMap(fields().get("assignee"))));
  }

  public Optional<User> reporter() {
    return Optional.ofNullable(User.ofNullable(JsonTree.asMap(fields().get("reporter"))));
  }

  /** The issue type's name, e.g. {@code Bug}. */
  public Optional<String> issueType() {
    return Optional.ofNullable(JsonTree.string(JsonTree.asMap(fields().get("issuetype")), "name"));
  }

  /** The priority's name, e.g. {@code High}. */
  public Optional<String> priority() {
    return Optional.ofNullable(JsonTree.string(JsonTree.asMap(fields().get("priority")), "name"));
  }

  /** The project's key. */
  public Optional<String> projectKey() {
    return Optional.ofNullable(JsonTree.string(JsonTree.asMap(fields().get("project")), "key"));
  }

  public List<String> labels() {
    List<String> out = new ArrayList<>();
    if (fields().get("labels") instanceof List<?> l) {
      for (Object o : l) if (o instanceof String s) out.add(s);
    }
    return List.copyOf(out);
  }

  public Optional<Instant> created() {
    return Optional.ofNullable(JsonTree.instant(fields().get("created")));
  }

  public Optional<Instant> updated() {
    return Optional.ofNullable(JsonTree.instant(fields().get("updated")));
  }

  static Optional<Adf> adf(Object value) {
    Map<String, Object> m = JsonTree.asMap(value);
    return m == null || !"doc".equals(m.get("type")) || !(m.get("content") instanceof List)
        ? Optional.empty() : Optional.of(new Adf(m));
  }

  @Override
  public String toString() {
    return "Issue[id=" + id + ", key=" + key + "]";
  }
}
