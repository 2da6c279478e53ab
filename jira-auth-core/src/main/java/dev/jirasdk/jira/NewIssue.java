package dev.jirasdk.jira;

import java.util.Map;
import org.jspecify.annotations.Nullable;

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
  public Map<String, @Nullable Object> fields() {
    return fields;
  }

  @Override
  public String toString() {
    return "NewIssue" + fields.keySet();
  }

  /** Mutable; {@link #build()} checks the required fields and snapshots it. */
  public static final class Builder extends FieldsBuilder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** The project's key ({@code ACME}) or numeric id. Required. */
    public Builder project(String keyOrId) {
      values.reference("project", keyOrId, "key");
      return this;
    }

    /** The assignee's account id. */
    public Builder assignee(String accountId) {
      values.assignee(accountId);
      return this;
    }

    /** The parent issue (for subtasks and issues under an epic), by key or id. */
    public Builder parent(String keyOrId) {
      values.reference("parent", keyOrId, "key");
      return this;
    }

    /** @throws IllegalStateException naming each missing required field (project, issuetype, summary) */
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
