package dev.jirasdk.jira;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * An issue to create with {@link Issues#create(NewIssue)}: project, issue type and summary are required.
 *
 * <pre>{@code
 * IssueRef ref = jira.issues().create(NewIssue.builder()
 *     .project("ACME").issueType("Bug").summary("Checkout fails on Safari")
 *     .description("Steps:\n1. open checkout\n2. pay")          // plain text becomes ADF
 *     .labels("checkout", "safari")
 *     .field("customfield_10016", 3)                            // any field by id
 *     .build());
 * }</pre>
 *
 * Immutable.
 */
public final class NewIssue {
  private final Map<String, Object> fields;

  private NewIssue(Map<String, Object> fields) {
    this.fields = fields;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The {@code fields} object sent to Jira (unmodifiable). */
  public Map<String, Object> fields() {
    return fields;
  }

  @Override
  public String toString() {
    return "NewIssue" + fields.keySet();
  }

  /** Mutable; {@link #build()} checks the required fields and snapshots it. */
  public static final class Builder {
    private final FieldValues values = new FieldValues();

    private Builder() {}

    /** The project's key ({@code ACME}) or numeric id. Required. */
    public Builder project(String keyOrId) {
      values.reference("project", keyOrId, "key");
      return this;
    }

    /** The issue type's name ({@code Bug}) or numeric id. Required. */
    public Builder issueType(String nameOrId) {
      values.reference("issuetype", nameOrId, "name");
      return this;
    }

    /** Required; not blank, at most 255 characters. */
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

    /** The priority's name ({@code High}) or numeric id. */
    public Builder priority(String nameOrId) {
      values.reference("priority", nameOrId, "name");
      return this;
    }

    public Builder assignee(String accountId) {
      values.assignee(accountId);
      return this;
    }

    /** Labels: no blanks, no spaces (Jira refuses them). */
    public Builder labels(String... labels) {
      values.labels(Arrays.asList(Objects.requireNonNull(labels, "labels == null")));
      return this;
    }

    /** The parent issue (for subtasks and issues under an epic), by key or id. */
    public Builder parent(String keyOrId) {
      values.reference("parent", keyOrId, "key");
      return this;
    }

    /** Any field by id, e.g. a custom field: String, Number, Boolean, Map, List, {@link Adf} or null. */
    public Builder field(String fieldId, Object value) {
      values.field(fieldId, value);
      return this;
    }

    /** @throws IllegalStateException naming each missing required field */
    public NewIssue build() {
      StringBuilder missing = new StringBuilder();
      for (String f : new String[] {"project", "issuetype", "summary"}) {
        if (!values.has(f)) missing.append(missing.length() == 0 ? "" : ", ").append(f);
      }
      if (missing.length() > 0) throw new IllegalStateException("a new issue needs: " + missing + " (missing)");
      return new NewIssue(values.snapshot());
    }
  }
}
