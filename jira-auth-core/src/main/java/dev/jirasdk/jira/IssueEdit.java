package dev.jirasdk.jira;

import java.util.Map;
import org.jspecify.annotations.Nullable;

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
  public Map<String, @Nullable Object> fields() {
    return fields;
  }

  @Override
  public String toString() {
    return "IssueEdit" + fields.keySet();
  }

  /** Mutable; {@link #build()} snapshots it. */
  public static final class Builder extends FieldsBuilder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** Removes the description. */
    public Builder clearDescription() {
      values.clearDescription();
      return this;
    }

    /** @throws IllegalStateException if no field was set */
    public IssueEdit build() {
      if (values.isEmpty()) throw new IllegalStateException("an issue edit needs at least one field");
      return new IssueEdit(values.snapshot());
    }
  }
}
