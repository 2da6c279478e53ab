package dev.jirasdk.store.jdbc;

import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How each {@link Entity} maps onto its table {@code jira_<stream>} in every SQL store: which keys of
 * {@link dev.jirasdk.sync.SyncRecord#columns()} get a typed SQL column, under which name and of which type.
 * Both stores' migration scripts must agree with it (each store's tests check every column exists).
 */
public final class EntityColumns {
  /** The SQL type of a typed column. */
  public enum Type {
    /** Text: strings, and instants as {@link StoredTimes} text. */
    TEXT,
    /** A 64-bit integer: integers, and booleans as 0 / 1. */
    INTEGER,
    /** A double. */
    REAL,
    /** A list of strings, as a JSON array. */
    LIST
  }

  /** A typed SQL column {@code sqlName} filled from the record's column {@code key}. */
  public record Column(String sqlName, String key, Type type) {}

  private static final Map<Entity, List<Column>> COLUMNS = new EnumMap<>(Entity.class);

  static {
    List<Column> named = List.of(text("name", Columns.NAME), text("description", Columns.DESCRIPTION));
    define(Entity.PROJECTS, List.of(),
        text("project_key", Columns.Project.KEY), text("name", Columns.Project.NAME),
        text("description", Columns.DESCRIPTION), text("project_type", Columns.Project.PROJECT_TYPE),
        integer("archived", Columns.Project.ARCHIVED), text("lead_account_id", Columns.Project.LEAD_ACCOUNT_ID),
        integer("access_lost", Columns.Project.ACCESS_LOST));
    define(Entity.ISSUES, List.of(),
        text("issue_key", Columns.Issue.KEY), text("project_id", Columns.Issue.PROJECT_ID),
        text("project_key", Columns.Issue.PROJECT_KEY), text("summary", Columns.Issue.SUMMARY),
        text("status", Columns.Issue.STATUS), text("status_category", Columns.Issue.STATUS_CATEGORY),
        text("issue_type", Columns.Issue.ISSUE_TYPE), text("priority", Columns.Issue.PRIORITY),
        text("assignee_account_id", Columns.Issue.ASSIGNEE_ACCOUNT_ID),
        text("reporter_account_id", Columns.Issue.REPORTER_ACCOUNT_ID), text("created", Columns.Issue.CREATED),
        text("resolution", Columns.Issue.RESOLUTION), text("resolution_date", Columns.Issue.RESOLUTION_DATE),
        text("due_date", Columns.Issue.DUE_DATE), text("parent_issue_id", Columns.Issue.PARENT_ID),
        new Column("story_points", Columns.Issue.STORY_POINTS, Type.REAL), list("labels", Columns.Issue.LABELS),
        list("components", Columns.Issue.COMPONENTS), list("fix_versions", Columns.Issue.FIX_VERSIONS),
        text("description_text", Columns.Issue.DESCRIPTION_TEXT));
    define(Entity.USERS, List.of(),
        text("display_name", Columns.User.DISPLAY_NAME), text("email_address", Columns.User.EMAIL),
        text("account_type", Columns.User.ACCOUNT_TYPE), integer("active", Columns.User.ACTIVE));
    for (Entity e : List.of(Entity.GROUPS, Entity.ISSUE_TYPES, Entity.PRIORITIES, Entity.RESOLUTIONS, Entity.LABELS,
        Entity.WORKFLOWS, Entity.DASHBOARDS, Entity.FILTERS, Entity.PERMISSIONS)) {
      define(e, named);
    }
    define(Entity.STATUSES, named, text("status_category", Columns.Status.STATUS_CATEGORY));
    define(Entity.FIELDS, named, integer("custom", Columns.Field.CUSTOM), text("schema_type", Columns.Field.SCHEMA_TYPE),
        text("schema_custom", Columns.Field.SCHEMA_CUSTOM));
    define(Entity.COMPONENTS, named, text("project_id", Columns.ProjectItem.PROJECT_ID));
    define(Entity.VERSIONS, named, text("project_id", Columns.ProjectItem.PROJECT_ID),
        integer("released", Columns.ProjectItem.RELEASED), integer("archived", Columns.ProjectItem.ARCHIVED),
        text("release_date", Columns.ProjectItem.RELEASE_DATE));
    define(Entity.COMMENTS, List.of(),
        text("author_account_id", Columns.Comment.AUTHOR_ACCOUNT_ID), text("created", Columns.Comment.CREATED),
        text("body_text", Columns.Comment.BODY_TEXT));
    define(Entity.WORKLOGS, List.of(),
        text("author_account_id", Columns.Worklog.AUTHOR_ACCOUNT_ID), text("started", Columns.Worklog.STARTED),
        integer("time_spent_seconds", Columns.Worklog.TIME_SPENT_SECONDS), text("created", Columns.Worklog.CREATED));
    define(Entity.ATTACHMENTS, List.of(),
        text("filename", Columns.Attachment.FILENAME), text("mime_type", Columns.Attachment.MIME_TYPE),
        integer("size", Columns.Attachment.SIZE), text("created", Columns.Attachment.CREATED),
        text("author_account_id", Columns.Attachment.AUTHOR_ACCOUNT_ID));
    define(Entity.ISSUE_LINKS, List.of(),
        text("link_type", Columns.IssueLink.TYPE), text("inward_issue_id", Columns.IssueLink.INWARD_ISSUE_ID),
        text("outward_issue_id", Columns.IssueLink.OUTWARD_ISSUE_ID));
    define(Entity.CHANGELOGS, List.of(),
        text("author_account_id", Columns.Changelog.AUTHOR_ACCOUNT_ID), text("created", Columns.Changelog.CREATED),
        list("changed_fields", Columns.Changelog.FIELDS));
    define(Entity.ISSUE_FIELD_VALUES, List.of(),
        text("issue_id", Columns.FieldValue.ISSUE_ID), text("field_id", Columns.FieldValue.FIELD_ID),
        text("field_name", Columns.FieldValue.FIELD_NAME), text("schema_type", Columns.FieldValue.SCHEMA_TYPE),
        text("custom_type", Columns.FieldValue.CUSTOM_TYPE), text("role", Columns.FieldValue.ROLE),
        integer("position", Columns.FieldValue.POSITION), text("value_id", Columns.FieldValue.VALUE_ID),
        text("value_text", Columns.FieldValue.VALUE_TEXT),
        new Column("value_number", Columns.FieldValue.VALUE_NUMBER, Type.REAL),
        text("value_date", Columns.FieldValue.VALUE_DATE));
    define(Entity.FIELD_CHANGES, List.of(),
        text("issue_id", Columns.FieldChange.ISSUE_ID), text("history_id", Columns.FieldChange.HISTORY_ID),
        integer("position", Columns.FieldChange.POSITION), text("field_id", Columns.FieldChange.FIELD_ID),
        text("field_name", Columns.FieldChange.FIELD_NAME), text("field_type", Columns.FieldChange.FIELD_TYPE),
        text("from_value", Columns.FieldChange.FROM_VALUE), text("from_string", Columns.FieldChange.FROM_STRING),
        text("to_value", Columns.FieldChange.TO_VALUE), text("to_string", Columns.FieldChange.TO_STRING),
        text("author_account_id", Columns.FieldChange.AUTHOR_ACCOUNT_ID),
        text("author_display_name", Columns.FieldChange.AUTHOR_DISPLAY_NAME),
        text("created", Columns.FieldChange.CREATED));
    define(Entity.BOARDS, List.of(),
        text("name", Columns.Board.NAME), text("board_type", Columns.Board.TYPE),
        text("project_id", Columns.Board.PROJECT_ID), text("project_key", Columns.Board.PROJECT_KEY));
    define(Entity.SPRINTS, List.of(),
        text("name", Columns.Sprint.NAME), text("board_id", Columns.Sprint.BOARD_ID),
        text("state", Columns.Sprint.STATE), text("start_date", Columns.Sprint.START_DATE),
        text("end_date", Columns.Sprint.END_DATE), text("complete_date", Columns.Sprint.COMPLETE_DATE),
        text("goal", Columns.Sprint.GOAL));
    define(Entity.SPRINT_ISSUES, List.of(),
        text("issue_id", Columns.SprintIssue.ISSUE_ID), text("sprint_id", Columns.SprintIssue.SPRINT_ID));
    for (Entity e : Entity.values()) {
      if (!COLUMNS.containsKey(e)) throw new ExceptionInInitializerError("no columns for entity " + e);
    }
  }

  private EntityColumns() {}

  /** The table of {@code entity}: {@code jira_<stream>}. */
  public static String table(Entity entity) {
    return "jira_" + entity.streamName();
  }

  /** The typed columns of {@code entity}'s table, in table order. */
  public static List<Column> of(Entity entity) {
    return COLUMNS.get(entity);
  }

  private static Column text(String sqlName, String key) {
    return new Column(sqlName, key, Type.TEXT);
  }

  private static Column integer(String sqlName, String key) {
    return new Column(sqlName, key, Type.INTEGER);
  }

  private static Column list(String sqlName, String key) {
    return new Column(sqlName, key, Type.LIST);
  }

  private static void define(Entity entity, List<Column> base, Column... more) {
    List<Column> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    COLUMNS.put(entity, List.copyOf(all));
  }
}
