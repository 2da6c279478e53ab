package dev.jirasdk.jira;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A comment on an issue. Immutable.
 *
 * @param id the comment id
 * @param body its text as an ADF document ({@link Adf#toText()} for plain text)
 * @param json the comment object as Jira sent it
 */
public record Comment(String id, Adf body, Map<String, @Nullable Object> json) {
  public Comment {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(body, "body == null");
    json = JsonTree.frozenObject(Objects.requireNonNull(json, "json == null"), "json");
  }

  /** Who wrote it (empty for anonymous or hidden authors). */
  public Optional<User> author() {
    return Optional.ofNullable(User.ofNullable(JsonTree.asMap(json.get("author"))));
  }

  public Optional<Instant> created() {
    return Optional.ofNullable(JsonTree.instant(json.get("created")));
  }

  public Optional<Instant> updated() {
    return Optional.ofNullable(JsonTree.instant(json.get("updated")));
  }

  static Comment of(Map<String, Object> json) {
    String id = JsonTree.requireString(json, "id", "$");
    return new Comment(id, Issue.adf(json.get("body")).orElse(Adf.fromText("")), json);
  }

  @Override
  public String toString() {
    return "Comment[id=" + id + ", body=" + body + "]";
  }
}
