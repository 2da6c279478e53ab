package dev.jirasdk.jira;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@code fields} object of a create or an edit, checked as it is filled. Not thread-safe. */
final class FieldValues {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  void summary(String summary) {
    Objects.requireNonNull(summary, "summary == null");
    if (summary.isBlank()) throw new IllegalArgumentException("summary is blank");
    if (summary.length() > 255) {
      throw new IllegalArgumentException("summary is longer than Jira's 255 characters: " + summary.length());
    }
    fields.put("summary", summary);
  }

  void description(Adf description) {
    fields.put("description", Objects.requireNonNull(description, "description == null").json());
  }

  void clearDescription() {
    fields.put("description", null);
  }

  /** A reference by id when numeric, else by {@code nameMember} ({@code name} or {@code key}). */
  void reference(String field, String idOrName, String nameMember) {
    Objects.requireNonNull(idOrName, field + " == null");
    if (idOrName.isBlank()) throw new IllegalArgumentException(field + " is blank");
    fields.put(field, Map.of(idOrName.chars().allMatch(Character::isDigit) ? "id" : nameMember, idOrName));
  }

  void assignee(String accountId) {
    Objects.requireNonNull(accountId, "assignee accountId == null (leave it out to create unassigned)");
    if (accountId.isBlank()) throw new IllegalArgumentException("assignee accountId is blank");
    fields.put("assignee", Map.of("accountId", accountId));
  }

  void labels(List<String> labels) {
    Objects.requireNonNull(labels, "labels == null");
    List<String> out = new ArrayList<>();
    for (String l : labels) {
      Objects.requireNonNull(l, "a label is null");
      if (l.isBlank() || l.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("labels cannot be blank or contain spaces: '" + l + "'");
      }
      out.add(l);
    }
    fields.put("labels", out);
  }

  /**
   * Any field by id, custom fields included. The value is what Jira expects in JSON: a String, Number, Boolean,
   * Map, List, {@link Adf} or null (clears the field).
   */
  void field(String fieldId, Object value) {
    Objects.requireNonNull(fieldId, "fieldId == null");
    if (fieldId.isBlank()) throw new IllegalArgumentException("fieldId is blank");
    fields.put(fieldId, json(fieldId, value));
  }

  private static Object json(String fieldId, Object value) {
    if (value instanceof Adf adf) return adf.json();
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) return value;
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), json(fieldId, v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object v : l) out.add(json(fieldId, v));
      return out;
    }
    throw new IllegalArgumentException("field " + fieldId + ": " + value.getClass().getName()
        + " is not a JSON value (use String, Number, Boolean, Map, List, Adf or null)");
  }

  boolean has(String field) {
    return fields.containsKey(field);
  }

  boolean isEmpty() {
    return fields.isEmpty();
  }

  /** A frozen copy. */
  Map<String, Object> snapshot() {
    return JsonTree.frozenObject(fields, "fields");
  }
}
