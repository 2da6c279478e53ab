package dev.jirasdk.store.sqlite;

import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How one {@link Entity} maps onto its table {@code jira_<stream>}: which keys of
 * {@link dev.jirasdk.sync.SyncRecord#columns()} get a typed SQL column, and the statements that use them.
 * Must agree with the migration scripts (a test checks every column exists).
 */
final class EntityTable {
  /** A typed SQL column filled from the record's column {@code key}. */
  record Column(String sqlName, String key) {}

  private static final Map<Entity, EntityTable> TABLES = new EnumMap<>(Entity.class);

  static {
    List<Column> named = List.of(new Column("name", Columns.NAME), new Column("description", Columns.DESCRIPTION));
    define(Entity.PROJECTS,
        c("project_key", Columns.Project.KEY), c("name", Columns.Project.NAME), c("description", Columns.DESCRIPTION),
        c("project_type", Columns.Project.PROJECT_TYPE), c("archived", Columns.Project.ARCHIVED),
        c("lead_account_id", Columns.Project.LEAD_ACCOUNT_ID), c("access_lost", Columns.Project.ACCESS_LOST));
    define(Entity.ISSUES,
        c("issue_key", Columns.Issue.KEY), c("project_id", Columns.Issue.PROJECT_ID),
        c("project_key", Columns.Issue.PROJECT_KEY), c("summary", Columns.Issue.SUMMARY),
        c("status", Columns.Issue.STATUS), c("status_category", Columns.Issue.STATUS_CATEGORY),
        c("issue_type", Columns.Issue.ISSUE_TYPE), c("priority", Columns.Issue.PRIORITY),
        c("assignee_account_id", Columns.Issue.ASSIGNEE_ACCOUNT_ID),
        c("reporter_account_id", Columns.Issue.REPORTER_ACCOUNT_ID), c("created", Columns.Issue.CREATED),
        c("resolution", Columns.Issue.RESOLUTION), c("resolution_date", Columns.Issue.RESOLUTION_DATE),
        c("due_date", Columns.Issue.DUE_DATE), c("parent_issue_id", Columns.Issue.PARENT_ID),
        c("story_points", Columns.Issue.STORY_POINTS), c("labels", Columns.Issue.LABELS),
        c("components", Columns.Issue.COMPONENTS), c("fix_versions", Columns.Issue.FIX_VERSIONS));
    define(Entity.USERS,
        c("display_name", Columns.User.DISPLAY_NAME), c("email_address", Columns.User.EMAIL),
        c("account_type", Columns.User.ACCOUNT_TYPE), c("active", Columns.User.ACTIVE));
    for (Entity e : List.of(Entity.GROUPS, Entity.ISSUE_TYPES, Entity.PRIORITIES, Entity.RESOLUTIONS, Entity.LABELS,
        Entity.WORKFLOWS, Entity.DASHBOARDS, Entity.FILTERS, Entity.PERMISSIONS)) {
      define(e, named.toArray(new Column[0]));
    }
    define(Entity.STATUSES, plus(named, c("status_category", Columns.Status.STATUS_CATEGORY)));
    define(Entity.FIELDS, plus(named, c("custom", Columns.Field.CUSTOM), c("schema_type", Columns.Field.SCHEMA_TYPE),
        c("schema_custom", Columns.Field.SCHEMA_CUSTOM)));
    define(Entity.COMPONENTS, plus(named, c("project_id", Columns.ProjectItem.PROJECT_ID)));
    define(Entity.VERSIONS, plus(named, c("project_id", Columns.ProjectItem.PROJECT_ID),
        c("released", Columns.ProjectItem.RELEASED), c("archived", Columns.ProjectItem.ARCHIVED),
        c("release_date", Columns.ProjectItem.RELEASE_DATE)));
    define(Entity.COMMENTS,
        c("author_account_id", Columns.Comment.AUTHOR_ACCOUNT_ID), c("created", Columns.Comment.CREATED));
    define(Entity.WORKLOGS,
        c("author_account_id", Columns.Worklog.AUTHOR_ACCOUNT_ID), c("started", Columns.Worklog.STARTED),
        c("time_spent_seconds", Columns.Worklog.TIME_SPENT_SECONDS), c("created", Columns.Worklog.CREATED));
    define(Entity.ATTACHMENTS,
        c("filename", Columns.Attachment.FILENAME), c("mime_type", Columns.Attachment.MIME_TYPE),
        c("size", Columns.Attachment.SIZE), c("created", Columns.Attachment.CREATED),
        c("author_account_id", Columns.Attachment.AUTHOR_ACCOUNT_ID));
    define(Entity.ISSUE_LINKS,
        c("link_type", Columns.IssueLink.TYPE), c("inward_issue_id", Columns.IssueLink.INWARD_ISSUE_ID),
        c("outward_issue_id", Columns.IssueLink.OUTWARD_ISSUE_ID));
    define(Entity.CHANGELOGS,
        c("author_account_id", Columns.Changelog.AUTHOR_ACCOUNT_ID), c("created", Columns.Changelog.CREATED),
        c("changed_fields", Columns.Changelog.FIELDS));
    for (Entity e : Entity.values()) {
      if (!TABLES.containsKey(e)) throw new ExceptionInInitializerError("no table for entity " + e);
    }
  }

  final Entity entity;
  final String table;
  final List<Column> columns;
  final String upsertSql;
  final String selectColumns = "id, parent_id, updated, raw_json, columns_json, content_hash, synced_at, deleted_at";

  private EntityTable(Entity entity, List<Column> columns) {
    this.entity = entity;
    this.table = "jira_" + entity.streamName();
    this.columns = List.copyOf(columns);
    StringBuilder names = new StringBuilder("connection_id, id, parent_id, updated");
    StringBuilder marks = new StringBuilder("?, ?, ?, ?");
    StringBuilder updates = new StringBuilder("parent_id = excluded.parent_id, updated = excluded.updated");
    for (Column col : columns) {
      names.append(", ").append(col.sqlName());
      marks.append(", ?");
      updates.append(", ").append(col.sqlName()).append(" = excluded.").append(col.sqlName());
    }
    names.append(", raw_json, columns_json, content_hash, synced_at, deleted_at, deleted_reason");
    // The raw JSON is bound as its UTF-8 bytes and stored as TEXT: no decode to a String and no re-encode.
    marks.append(", CAST(? AS TEXT), ?, ?, ?, NULL, NULL");
    updates.append(", raw_json = excluded.raw_json, columns_json = excluded.columns_json,"
        + " content_hash = excluded.content_hash, synced_at = excluded.synced_at, deleted_at = NULL,"
        + " deleted_reason = NULL");
    this.upsertSql = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")"
        + " ON CONFLICT (connection_id, id) DO UPDATE SET " + updates;
  }

  static EntityTable of(Entity entity) {
    return TABLES.get(entity);
  }

  private static Column c(String sqlName, String key) {
    return new Column(sqlName, key);
  }

  private static Column[] plus(List<Column> base, Column... more) {
    List<Column> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all.toArray(new Column[0]);
  }

  private static void define(Entity entity, Column... columns) {
    TABLES.put(entity, new EntityTable(entity, List.of(columns)));
  }
}
