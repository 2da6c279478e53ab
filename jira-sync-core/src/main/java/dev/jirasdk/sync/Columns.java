package dev.jirasdk.sync;

/**
 * Names of the typed columns in {@link SyncRecord#columns()}, per entity. Values are {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@link java.time.Instant} or {@code List<String>}; absent
 * values are left out of the map. Everything else stays available in {@link SyncRecord#rawJson()}.
 */
public final class Columns {
  private Columns() {}

  /** Columns shared by most entities. */
  public static final String NAME = "name";
  public static final String DESCRIPTION = "description";

  /** {@link Entity#ISSUES}. */
  public static final class Issue {
    private Issue() {}
    public static final String KEY = "key";
    public static final String PROJECT_ID = "projectId";
    public static final String PROJECT_KEY = "projectKey";
    public static final String SUMMARY = "summary";
    public static final String STATUS = "status";
    public static final String STATUS_CATEGORY = "statusCategory";
    public static final String ISSUE_TYPE = "issueType";
    public static final String PRIORITY = "priority";
    public static final String ASSIGNEE_ACCOUNT_ID = "assigneeAccountId";
    public static final String REPORTER_ACCOUNT_ID = "reporterAccountId";
    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String RESOLUTION = "resolution";
    public static final String RESOLUTION_DATE = "resolutionDate";
    public static final String DUE_DATE = "dueDate";
    public static final String PARENT_ID = "parentId";
    public static final String STORY_POINTS = "storyPoints";
    public static final String LABELS = "labels";
    public static final String COMPONENTS = "components";
    public static final String FIX_VERSIONS = "fixVersions";
    /** The description rendered from Atlassian Document Format to plain text (for full-text search). */
    public static final String DESCRIPTION_TEXT = "descriptionText";
  }

  /** {@link Entity#PROJECTS}. */
  public static final class Project {
    private Project() {}
    public static final String KEY = "key";
    public static final String NAME = "name";
    public static final String PROJECT_TYPE = "projectType";
    public static final String ARCHIVED = "archived";
    public static final String LEAD_ACCOUNT_ID = "leadAccountId";
    /** True once the connection can no longer see the project (lost access, not deletion). */
    public static final String ACCESS_LOST = "accessLost";
  }

  /** {@link Entity#USERS}. */
  public static final class User {
    private User() {}
    public static final String DISPLAY_NAME = "displayName";
    public static final String EMAIL = "emailAddress";
    public static final String ACCOUNT_TYPE = "accountType";
    public static final String ACTIVE = "active";
  }

  /** {@link Entity#COMMENTS}; the record's parent id is the issue id. */
  public static final class Comment {
    private Comment() {}
    public static final String ISSUE_ID = "issueId";
    public static final String AUTHOR_ACCOUNT_ID = "authorAccountId";
    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    /** The body rendered from Atlassian Document Format to plain text (for full-text search). */
    public static final String BODY_TEXT = "bodyText";
  }

  /** {@link Entity#WORKLOGS}; the record's parent id is the issue id. */
  public static final class Worklog {
    private Worklog() {}
    public static final String ISSUE_ID = "issueId";
    public static final String AUTHOR_ACCOUNT_ID = "authorAccountId";
    public static final String STARTED = "started";
    public static final String TIME_SPENT_SECONDS = "timeSpentSeconds";
    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
  }

  /** {@link Entity#CHANGELOGS} (one record per history entry); the parent id is the issue id. */
  public static final class Changelog {
    private Changelog() {}
    public static final String ISSUE_ID = "issueId";
    public static final String AUTHOR_ACCOUNT_ID = "authorAccountId";
    public static final String CREATED = "created";
    /** Field names changed by the entry. */
    public static final String FIELDS = "fields";
  }

  /** {@link Entity#ATTACHMENTS}; the parent id is the issue id. */
  public static final class Attachment {
    private Attachment() {}
    public static final String ISSUE_ID = "issueId";
    public static final String FILENAME = "filename";
    public static final String MIME_TYPE = "mimeType";
    public static final String SIZE = "size";
    public static final String CREATED = "created";
    public static final String AUTHOR_ACCOUNT_ID = "authorAccountId";
  }

  /** {@link Entity#ISSUE_LINKS}; the parent id is the issue the link was read from. */
  public static final class IssueLink {
    private IssueLink() {}
    public static final String ISSUE_ID = "issueId";
    public static final String TYPE = "type";
    public static final String INWARD_ISSUE_ID = "inwardIssueId";
    public static final String OUTWARD_ISSUE_ID = "outwardIssueId";
  }

  /** {@link Entity#COMPONENTS} and {@link Entity#VERSIONS}; the parent id is the project id. */
  public static final class ProjectItem {
    private ProjectItem() {}
    public static final String PROJECT_ID = "projectId";
    public static final String RELEASED = "released";
    public static final String ARCHIVED = "archived";
    public static final String RELEASE_DATE = "releaseDate";
  }

  /** {@link Entity#FIELDS}. */
  public static final class Field {
    private Field() {}
    public static final String CUSTOM = "custom";
    public static final String SCHEMA_TYPE = "schemaType";
    public static final String SCHEMA_CUSTOM = "schemaCustom";
  }

  /** {@link Entity#STATUSES}. */
  public static final class Status {
    private Status() {}
    public static final String STATUS_CATEGORY = "statusCategory";
  }

  /**
   * {@link Entity#ISSUE_FIELD_VALUES}: one value of one custom field of an issue; the parent id is the issue id,
   * the record id {@code <issueId>/<fieldId>/<position>}, the raw JSON the value as Jira sent it. Absent and empty
   * values have no record. Which value columns are set depends on the value: numbers fill {@link #VALUE_NUMBER}
   * (and {@link #VALUE_TEXT}); dates and date-times {@link #VALUE_DATE}; options, sprints, teams, versions and
   * components {@link #VALUE_ID} and {@link #VALUE_TEXT} (their name); user pickers {@link #VALUE_ID} (the
   * account id) and {@link #VALUE_TEXT} (the display name); rich text its plain text in {@link #VALUE_TEXT}.
   */
  public static final class FieldValue {
    private FieldValue() {}
    public static final String ISSUE_ID = "issueId";
    public static final String FIELD_ID = "fieldId";
    /** The field's name in the catalogue when the issue was read. */
    public static final String FIELD_NAME = "fieldName";
    /** {@code schema.type} of the field: number, string, option, array, user, date, datetime, ... */
    public static final String SCHEMA_TYPE = "schemaType";
    /** {@code schema.custom} of the field, e.g. {@code com.atlassian.jira.plugin.system.customfieldtypes:float}. */
    public static final String CUSTOM_TYPE = "customType";
    /** The {@link FieldRole#key()} of fields every team names differently, else absent. */
    public static final String ROLE = "role";
    /** 0 for a single value, the element's index for a multi-value field. */
    public static final String POSITION = "position";
    public static final String VALUE_ID = "valueId";
    public static final String VALUE_TEXT = "valueText";
    public static final String VALUE_NUMBER = "valueNumber";
    public static final String VALUE_DATE = "valueDate";
  }

  /**
   * {@link Entity#FIELD_CHANGES}: one item of a changelog entry; the parent id is the issue id, the record id
   * {@code <historyId>/<position>}. A change of several fields, or of several values of one multi-value field
   * (components, fix versions), is several records.
   */
  public static final class FieldChange {
    private FieldChange() {}
    public static final String ISSUE_ID = "issueId";
    public static final String HISTORY_ID = "historyId";
    /** The item's index within its changelog entry. */
    public static final String POSITION = "position";
    /** {@code fieldId} of the item (e.g. {@code status}, {@code customfield_10016}); the name if Jira gave none. */
    public static final String FIELD_ID = "fieldId";
    /** {@code field} of the item: the field's name as Jira wrote it in the changelog. */
    public static final String FIELD_NAME = "fieldName";
    /** {@code fieldtype}: {@code jira} or {@code custom}. */
    public static final String FIELD_TYPE = "fieldType";
    public static final String FROM_VALUE = "fromValue";
    public static final String FROM_STRING = "fromString";
    public static final String TO_VALUE = "toValue";
    public static final String TO_STRING = "toString";
    public static final String AUTHOR_ACCOUNT_ID = "authorAccountId";
    public static final String AUTHOR_DISPLAY_NAME = "authorDisplayName";
    public static final String CREATED = "created";
  }

  /** {@link Entity#BOARDS}. */
  public static final class Board {
    private Board() {}
    public static final String NAME = "name";
    /** {@code scrum}, {@code kanban} (or {@code simple} for team-managed boards). */
    public static final String TYPE = "type";
    /** The project the board is located in (absent for boards located in a user). */
    public static final String PROJECT_ID = "projectId";
    public static final String PROJECT_KEY = "projectKey";
  }

  /** {@link Entity#SPRINTS}; the parent id is the board the sprint was read from. */
  public static final class Sprint {
    private Sprint() {}
    public static final String NAME = "name";
    public static final String BOARD_ID = "boardId";
    /** {@code future}, {@code active} or {@code closed}. */
    public static final String STATE = "state";
    public static final String START_DATE = "startDate";
    public static final String END_DATE = "endDate";
    public static final String COMPLETE_DATE = "completeDate";
    public static final String GOAL = "goal";
  }

  /** {@link Entity#SPRINT_ISSUES} (id {@code <issueId>:<sprintId>}); the parent id is the issue id. */
  public static final class SprintIssue {
    private SprintIssue() {}
    public static final String ISSUE_ID = "issueId";
    public static final String SPRINT_ID = "sprintId";
  }
}
