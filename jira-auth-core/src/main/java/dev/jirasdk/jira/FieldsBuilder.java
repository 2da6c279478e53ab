package dev.jirasdk.jira;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The field setters {@link NewIssue.Builder} and {@link IssueEdit.Builder} share; each checks its value and
 * names the field when it refuses one. Not thread-safe.
 *
 * @param <B> the concrete builder, returned for chaining
 */
abstract class FieldsBuilder<B extends FieldsBuilder<B>> {
  final FieldValues values = new FieldValues();

  abstract B self();

  /** Not blank, at most 255 characters. */
  public B summary(String summary) {
    values.summary(summary);
    return self();
  }

  /** Plain text, turned into ADF with {@link Adf#fromText(String)}. */
  public B description(String text) {
    return description(Adf.fromText(Objects.requireNonNull(text, "description == null")));
  }

  public B description(Adf description) {
    values.description(description);
    return self();
  }

  /** The issue type's name ({@code Bug}) or numeric id. */
  public B issueType(String nameOrId) {
    values.reference("issuetype", nameOrId, "name");
    return self();
  }

  /** The priority's name ({@code High}) or numeric id. */
  public B priority(String nameOrId) {
    values.reference("priority", nameOrId, "name");
    return self();
  }

  /** Labels (on an edit they replace all labels; none clears them): no blanks, no spaces (Jira refuses them). */
  public B labels(String... labels) {
    values.labels(Arrays.asList(Objects.requireNonNull(labels, "labels == null")));
    return self();
  }

  /** Any field by id, e.g. a custom field: String, Number, Boolean, Map, List, {@link Adf} or null (clears). */
  public B field(String fieldId, @Nullable Object value) {
    values.field(fieldId, value);
    return self();
  }
}
