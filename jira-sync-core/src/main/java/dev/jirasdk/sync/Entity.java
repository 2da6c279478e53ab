package dev.jirasdk.sync;

import java.util.Locale;

/**
 * What a sync mirrors. Each entity is also a selectable stream of {@link SyncRequest}: choosing
 * {@link #ATTACHMENTS} or {@link #ISSUE_LINKS} reads them from the issues it fetches, {@link #COMMENTS} and
 * {@link #CHANGELOGS} page in what the search result does not embed. {@link #ISSUE_FIELD_VALUES} (one record per
 * custom field value of an issue, named and typed) and {@link #FIELD_CHANGES} (one record per changed field of a
 * changelog entry) are derived from the issues and changelogs the run reads, at no extra request.
 *
 * <p>{@link #streamName()} is the stable lower-case name used in checkpoints, run summaries and stores
 * ({@code issue_types}).
 */
public enum Entity {
  PROJECTS,
  ISSUES,
  USERS,
  GROUPS,
  ISSUE_TYPES,
  PRIORITIES,
  STATUSES,
  RESOLUTIONS,
  FIELDS,
  LABELS,
  COMPONENTS,
  VERSIONS,
  WORKFLOWS,
  DASHBOARDS,
  FILTERS,
  PERMISSIONS,
  COMMENTS,
  WORKLOGS,
  ATTACHMENTS,
  ISSUE_LINKS,
  CHANGELOGS,
  /** One record per value of a custom field of an issue (a multi-value field gives one per element). */
  ISSUE_FIELD_VALUES,
  /** One record per item of a changelog entry: which field changed, from what to what, by whom, when. */
  FIELD_CHANGES,
  /** Jira Software boards (scrum and kanban) with their project location; needs granular Agile scopes. */
  BOARDS,
  /** Sprints of every scrum board (future, active, closed); needs granular Agile scopes. */
  SPRINTS,
  /**
   * Sprint membership, one record per issue and sprint the issue went through (closed sprints kept), read from
   * the issues' Sprint field; its parent id is the issue id.
   */
  SPRINT_ISSUES;

  private final String streamName = name().toLowerCase(Locale.ROOT);

  /** Lower-case name, such as {@code issue_links}; stable across releases. */
  public String streamName() {
    return streamName;
  }

  /** True for entities whose {@code parentId} is an issue id (they die with their issue). */
  public boolean isIssueChild() {
    return this == COMMENTS || this == WORKLOGS || this == ATTACHMENTS || this == ISSUE_LINKS
        || this == CHANGELOGS || this == ISSUE_FIELD_VALUES || this == FIELD_CHANGES || this == SPRINT_ISSUES;
  }

  /**
   * True for the Jira Software streams ({@link #BOARDS}, {@link #SPRINTS}, {@link #SPRINT_ISSUES}): they are not
   * in {@link SyncRequest#DEFAULT_STREAMS}, so a default sync never needs their scopes; select them explicitly.
   */
  public boolean isAgile() {
    return this == BOARDS || this == SPRINTS || this == SPRINT_ISSUES;
  }

  /** The entity of a {@link #streamName()}. */
  public static Entity ofStreamName(String streamName) {
    for (Entity e : values()) {
      if (e.streamName.equals(streamName)) return e;
    }
    throw new IllegalArgumentException("unknown stream: " + streamName);
  }
}
