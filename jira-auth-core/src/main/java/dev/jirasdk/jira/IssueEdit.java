package dev.jirasdk.jira;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Field changes for {@link Issues#edit(String, IssueEdit)}; fields not named stay as they are. Status changes go
 * through {@link Issues#transition}, assignment through {@link Issues#assign}.
 *
 * <pre>{@code
 * jira.issues().edit("ACME-42", IssueEdit.builder().summary("Checkout fails on Safari 17").labels("safari").build());
 * }</pre>
 *
 * Immutable.
 */
public final class IssueEdit {
  private final Map<String, Object> fields;

  private IssueEdit(Map<String, Object> fields) {
    this.fields = fields;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The {@code fields} object sent to Jira (unmodifiable; a null value clears that field). */
  public Map<String, Object> fields() {
    return fields;
  }

  @Override
  public String toString() {
    return "IssueEdit" + fields.keySet();
  }

  /** Mutable; {@link #build()} snapshots it. */
  public static final class Builder {
    private final FieldValues values = new FieldValues();

    private Builder() {}

    /** Not blank, at most 255 characters. */
    public Builder summary(String summary) {
      values.summary(summary);
      return this;
    }

    /** Plain text, turned into ADF with {@link Adf#fromText(String)}. */
    public Builder description(String text) {
      return description(Adf.fromText(Objects.requireNonNull(text, "description == null")));
    }

    public Builder description(Adf description) {
      values.description(description);
      return this;
    }

    /** Removes the description. */
    public Builder clearDescription() {
      values.clearDescription();
      return this;
    }

    /** The issue type's name or numeric id. */
    public Builder issueType(String nameOrId) {
      values.reference("issuetype", nameOrId, "name");
      return this;
    }

    /** The priority's name or numeric id. */
    public Builder priority(String nameOrId) {
      values.reference("priority", nameOrId, "name");
      return this;
    }

    /** Replaces all labels (none clears them); no blanks, no spaces. */
    public Builder labels(String... labels) {
      values.labels(Arrays.asList(Objects.requireNonNull(labels, "labels == null")));
      return this;
    }

    /** Any field by id, e.g. a custom field: String, Number, Boolean, Map, List, {@link Adf} or null (clears). */
    public Builder field(String fieldId, Object value) {
      values.field(fieldId, value);
      return this;
    }

    /** @throws IllegalStateException if no field was set */
    public IssueEdit build() {
      if (values.isEmpty()) throw new IllegalStateException("an issue edit needs at least one field");
      return new IssueEdit(values.snapshot());
    }
  }
}
