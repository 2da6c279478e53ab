package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.Entity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each {@link Entity} is read, in one table: path, page shape, the member holding the items, and the
 * points Atlassian charges per item returned. Paths are relative to the site's REST root; {@code {projectId}}
 * and {@code {issueId}} are filled per partition or issue. The OAuth scopes each needs are not a column here: they
 * come from jira-auth-core's one table of them ({@link JiraRequest#scopesNeeded()}), checked against Atlassian's spec.
 */
final class Endpoints {
  private Endpoints() {}

  /** How an endpoint pages. */
  enum Shape {
    /** {@code {startAt, maxResults, total, isLast, <items>}}. */
    PAGE_BEAN,
    /** A plain JSON array paged with startAt/maxResults, ending on a short page. */
    ARRAY,
    /** A plain JSON array in one call. */
    UNPAGED,
    /** One object whose members are the items, in one call. */
    OBJECT_ENTRIES,
    /** {@code {<items>, nextPageToken, isLast}}. */
    TOKEN,
    /** {@code {values, since, until, lastPage}}. */
    SINCE_UNTIL,
    /** Read from the issues that embed them. */
    EMBEDDED
  }

  /**
   * @param path path below the site root ({@code rest/api/3/...}), or the issue field for embedded entities
   * @param itemsField member holding the items
   * @param weight points per item returned (1 per request is counted separately)
   * @param query fixed query parameters
   * @param minPageSize page size floor (the endpoint's own default), or 0
   * @param ceiling most items one listing can hold (Jira's per-issue limits), or 0 for none
   */
  record Endpoint(Entity entity, String path, Shape shape, String itemsField, int weight,
      List<Map.Entry<String, String>> query, int minPageSize, long ceiling) {
    Endpoint {
      query = List.copyOf(query);
    }

    /** The request that reads it: token-paged ones are POSTs; embedded entities come with the issue search. */
    JiraRequest request() {
      return switch (shape) {
        case EMBEDDED -> JiraRequest.post(SEARCH_JQL).build();
        case TOKEN -> JiraRequest.post(path).build();
        default -> JiraRequest.get(path).build();
      };
    }

    /** The classic OAuth scopes reading it needs, as jira-auth-core's table (from Atlassian's spec) states them. */
    Set<String> scopes() {
      return request().scopesNeeded();
    }

    /** The paginator for one listing; {@code param} fills the path's placeholder (project or issue id). */
    Paginator paginator(PageFetcher fetcher, int pageSize, String param) {
      String p = param == null ? path : path.replaceFirst("\\{[a-zA-Z]+}", param);
      return switch (shape) {
        case PAGE_BEAN -> new PageBeanPaginator(fetcher, p, query, Math.max(pageSize, minPageSize), itemsField,
            ceiling);
        case ARRAY -> new ArrayPaginator(fetcher, p, query, Math.max(pageSize, minPageSize));
        case UNPAGED -> new ArrayPaginator(fetcher, p, query, 0);
        case OBJECT_ENTRIES -> new ArrayPaginator(fetcher, p, query, 0, itemsField);
        default -> throw new IllegalStateException(entity + " is not read with a simple listing (" + shape + ")");
      };
    }
  }

  static final String SEARCH_JQL = "rest/api/3/search/jql";
  static final String ISSUE_BULKFETCH = "rest/api/3/issue/bulkfetch";
  static final String APPROXIMATE_COUNT = "rest/api/3/search/approximate-count";
  static final String WORKLOG_LIST = "rest/api/3/worklog/list";
  static final String WORKLOG_DELETED = "rest/api/3/worklog/deleted";
  static final String CUSTOM_FIELDS = "rest/api/3/field/search";

  private static final Map<Entity, Endpoint> TABLE = new EnumMap<>(Entity.class);

  /** Granular scopes the Agile streams need besides their endpoint's: those of the board listing they start from. */
  static final String READ_BOARD_SCOPE = "read:board-scope:jira-software";
  static final String READ_PROJECT = "read:project:jira";

  private static void add(Entity e, String path, Shape shape, String items, int weight,
      List<Map.Entry<String, String>> query, int minPageSize) {
    add(e, path, shape, items, weight, query, minPageSize, 0);
  }

  private static void add(Entity e, String path, Shape shape, String items, int weight,
      List<Map.Entry<String, String>> query, int minPageSize, long ceiling) {
    TABLE.put(e, new Endpoint(e, path, shape, items, weight, query, minPageSize, ceiling));
  }

  /** Jira's limits per issue (ATLASSIAN.md section 6). */
  static final long MAX_COMMENTS_PER_ISSUE = 5_000;
  static final long MAX_WORKLOGS_PER_ISSUE = 5_000;
  static final long MAX_ATTACHMENTS_PER_ISSUE = 2_000;
  static final long MAX_LINKS_PER_ISSUE = 2_000;
  /** No documented limit; a generous bound for the changelog of one issue. */
  static final long MAX_HISTORIES_PER_ISSUE = 20_000;

  static {
    List<Map.Entry<String, String>> none = List.of();
    add(Entity.PROJECTS, "rest/api/3/project/search", Shape.PAGE_BEAN, "values", 1, List.of(
        Map.entry("status", "live"), Map.entry("status", "archived"), Map.entry("expand", "description,lead")), 0);
    add(Entity.ISSUES, SEARCH_JQL, Shape.TOKEN, "issues", 1, none, 0);
    add(Entity.COMMENTS, "rest/api/3/issue/{issueId}/comment", Shape.PAGE_BEAN, "comments", 0, none, 0,
        MAX_COMMENTS_PER_ISSUE);
    add(Entity.CHANGELOGS, "rest/api/3/changelog/bulkfetch", Shape.TOKEN, "issueChangeLogs", 1, none, 0);
    add(Entity.ATTACHMENTS, "attachment", Shape.EMBEDDED, "attachment", 1, none, 0);
    add(Entity.ISSUE_LINKS, "issuelinks", Shape.EMBEDDED, "issuelinks", 0, none, 0);
    // Derived from what the issue search and the changelog reads bring: no request of their own.
    add(Entity.ISSUE_FIELD_VALUES, "fields", Shape.EMBEDDED, "fields", 0, none, 0);
    add(Entity.FIELD_CHANGES, "changelog", Shape.EMBEDDED, "histories", 0, none, 0);
    add(Entity.WORKLOGS, "rest/api/3/worklog/updated", Shape.SINCE_UNTIL, "values", 0, none, 0);
    add(Entity.COMPONENTS, "rest/api/3/project/{projectId}/component", Shape.PAGE_BEAN, "values", 0, none, 0);
    add(Entity.VERSIONS, "rest/api/3/project/{projectId}/version", Shape.PAGE_BEAN, "values", 0, none, 0);
    add(Entity.USERS, "rest/api/3/users/search", Shape.ARRAY, null, 2, none, 100);
    add(Entity.GROUPS, "rest/api/3/group/bulk", Shape.PAGE_BEAN, "values", 2, none, 0);
    add(Entity.ISSUE_TYPES, "rest/api/3/issuetype", Shape.UNPAGED, null, 0, none, 0);
    add(Entity.PRIORITIES, "rest/api/3/priority/search", Shape.PAGE_BEAN, "values", 0, none, 0);
    add(Entity.STATUSES, "rest/api/3/statuses/search", Shape.PAGE_BEAN, "values", 0, none, 0);
    add(Entity.RESOLUTIONS, "rest/api/3/resolution/search", Shape.PAGE_BEAN, "values", 0, none, 0);
    add(Entity.FIELDS, "rest/api/3/field/search", Shape.PAGE_BEAN, "values", 0, none, 0);
    add(Entity.LABELS, "rest/api/3/label", Shape.PAGE_BEAN, "values", 0, none, 100);
    add(Entity.WORKFLOWS, "rest/api/3/workflows/search", Shape.PAGE_BEAN, "values", 0, none, 0);
    add(Entity.DASHBOARDS, "rest/api/3/dashboard/search", Shape.PAGE_BEAN, "values", 1, none, 0);
    add(Entity.FILTERS, "rest/api/3/filter/search", Shape.PAGE_BEAN, "values", 0,
        List.of(Map.entry("expand", "description,owner,jql")), 0);
    add(Entity.PERMISSIONS, "rest/api/3/permissions", Shape.OBJECT_ENTRIES, "permissions", 2, none, 0);
    add(Entity.BOARDS, AgileStreams.BOARD_LIST, Shape.PAGE_BEAN, "values", 1, none, 50);
    add(Entity.SPRINTS, AgileStreams.BOARD_SPRINTS, Shape.PAGE_BEAN, "values", 1, none, 50);
    add(Entity.SPRINT_ISSUES, "sprint", Shape.EMBEDDED, "sprint", 0, none, 0);
    if (TABLE.size() != Entity.values().length) throw new ExceptionInInitializerError("an entity has no endpoint");
  }

  static Endpoint of(Entity e) {
    return TABLE.get(e);
  }

  /**
   * The scopes a stream of the run needs: its endpoint's (for the issues stream that of every selected member of
   * the family, all {@code read:jira-work}), and for the Agile streams also those of the board listing they start
   * from ({@link AgileStreams#scopes}). Every project-scoped stream also needs the project listing's.
   */
  static java.util.SortedSet<String> scopesOf(String streamName) {
    Entity e = Entity.ofStreamName(streamName);
    java.util.SortedSet<String> out = new java.util.TreeSet<>(AgileStreams.scopes(e));
    out.addAll(TABLE.get(e).scopes());
    return out;
  }
}
