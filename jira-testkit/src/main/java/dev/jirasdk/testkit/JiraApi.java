package dev.jirasdk.testkit;

import static dev.jirasdk.testkit.Json.arr;
import static dev.jirasdk.testkit.Json.obj;
import static dev.jirasdk.testkit.Routes.MANAGE_CONFIGURATION;
import static dev.jirasdk.testkit.Routes.READ_USER;
import static dev.jirasdk.testkit.Routes.READ_WORK;
import static dev.jirasdk.testkit.Routes.WRITE_WORK;

import dev.jirasdk.testkit.Exchange.Req;
import dev.jirasdk.testkit.Exchange.Resp;
import dev.jirasdk.testkit.Jql.JqlException;
import dev.jirasdk.testkit.Jql.Query;
import dev.jirasdk.testkit.Jql.Sort;
import dev.jirasdk.testkit.Jql.SortField;
import dev.jirasdk.testkit.Render.FieldSet;
import dev.jirasdk.testkit.SiteModel.ComponentRec;
import dev.jirasdk.testkit.SiteModel.DeletedWorklog;
import dev.jirasdk.testkit.SiteModel.GroupRec;
import dev.jirasdk.testkit.SiteModel.IssueRec;
import dev.jirasdk.testkit.SiteModel.NamedRec;
import dev.jirasdk.testkit.SiteModel.ProjectRec;
import dev.jirasdk.testkit.SiteModel.UserRec;
import dev.jirasdk.testkit.SiteModel.VersionRec;
import dev.jirasdk.testkit.SiteModel.WorklogRec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/** The simulated Jira Cloud REST v3 under {@code /ex/jira/{cloudId}}. Stateless; data lives in {@link SiteModel}. */
final class JiraApi {
  static final String API = "/rest/api/3";
  static final long PAGE_TOKEN_LIFETIME_MS = Duration.ofDays(7).toMillis();
  private static final boolean READS = true;
  private static final boolean WRITES = false;
  static final String REMOVED_SEARCH = "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."
      + " A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046";

  private final Clock clock;

  JiraApi(Clock clock) {
    this.clock = clock;
  }

  /**
   * The Jira platform REST API v3 as the fake serves it: one row per operation of Atlassian's spec (method, path
   * template and operationId as the spec spells them, the classic OAuth scope its security requirement names, the
   * query parameters it defines, whether it only reads, and the code that answers it). {@link Routes} concatenates
   * this list with the other API groups'.
   */
  List<Route> routes() {
    String issue = API + "/issue/{issueIdOrKey}";
    String project = API + "/project/{projectIdOrKey}";
    return List.of(
        // issues: search, counts, bulk reads
        Route.of("GET", API + "/search/jql", "searchAndReconsileIssuesUsingJql", READ_WORK,
            "jql,nextPageToken,maxResults,fields,expand,properties,fieldsByKeys,failFast,reconcileIssues", READS,
            (c, v) -> searchJql(c, null)),
        Route.of("POST", API + "/search/jql", "searchAndReconsileIssuesUsingJqlPost", READ_WORK, "", READS,
            (c, v) -> searchJql(c, bodyObject(c))),
        Route.of("POST", API + "/search/approximate-count", "countIssues", READ_WORK, "", READS,
            (c, v) -> approximateCount(c)),
        Route.of("POST", API + "/issue/bulkfetch", "bulkFetchIssues", READ_WORK, "", READS, (c, v) -> bulkFetch(c)),
        Route.of("POST", API + "/changelog/bulkfetch", "getBulkChangelogs", READ_WORK, "", READS,
            (c, v) -> changelogBulk(c)),
        // one issue and its children
        Route.of("GET", issue, "getIssue", READ_WORK, "fields,fieldsByKeys,expand,properties,updateHistory,failFast",
            READS, (c, v) -> getIssue(c, v.get(0))),
        Route.of("POST", API + "/issue", "createIssue", WRITE_WORK, "updateHistory", WRITES,
            (c, v) -> IssueWrites.create(c, bodyObject(c))),
        Route.of("PUT", issue, "editIssue", WRITE_WORK,
            "notifyUsers,overrideScreenSecurity,overrideEditableFlag,returnIssue,expand", WRITES,
            (c, v) -> IssueWrites.edit(c, v.get(0), bodyObject(c))),
        Route.of("DELETE", issue, "deleteIssue", WRITE_WORK, "deleteSubtasks", WRITES,
            (c, v) -> IssueWrites.delete(c, v.get(0))),
        // archiving (Premium and Enterprise): see Archiving
        Route.of("PUT", API + "/issue/archive", "archiveIssues", WRITE_WORK, "", WRITES,
            (c, v) -> Archiving.archive(c, bodyObject(c), true)),
        Route.of("PUT", API + "/issue/unarchive", "unarchiveIssues", WRITE_WORK, "", WRITES,
            (c, v) -> Archiving.archive(c, bodyObject(c), false)),
        Route.of("POST", project + "/archive", "archiveProject", Routes.MANAGE_PROJECT, "", WRITES,
            (c, v) -> Archiving.archiveProject(c, v.get(0))),
        Route.of("GET", issue + "/transitions", "getTransitions", READ_WORK,
            "expand,transitionId,skipRemoteOnlyCondition,includeUnavailableTransitions,sortByOpsBarAndStatus", READS,
            (c, v) -> IssueWrites.transitions(c, v.get(0))),
        Route.of("POST", issue + "/transitions", "doTransition", WRITE_WORK, "", WRITES,
            (c, v) -> IssueWrites.transition(c, v.get(0), bodyObject(c))),
        Route.of("PUT", issue + "/assignee", "assignIssue", WRITE_WORK, "", WRITES,
            (c, v) -> IssueWrites.assign(c, v.get(0), bodyObject(c))),
        Route.of("GET", issue + "/comment", "getComments", READ_WORK, "startAt,maxResults,orderBy,expand", READS,
            (c, v) -> comments(c, v.get(0))),
        Route.of("POST", issue + "/comment", "addComment", WRITE_WORK, "expand", WRITES,
            (c, v) -> IssueWrites.addComment(c, v.get(0), bodyObject(c))),
        Route.of("PUT", issue + "/comment/{id}", "updateComment", WRITE_WORK, "notifyUsers,overrideEditableFlag,expand",
            WRITES, (c, v) -> IssueWrites.editComment(c, v.get(0), v.get(1), bodyObject(c))),
        Route.of("DELETE", issue + "/comment/{id}", "deleteComment", WRITE_WORK, "", WRITES,
            (c, v) -> IssueWrites.deleteComment(c, v.get(0), v.get(1))),
        Route.of("GET", issue + "/changelog", "getChangeLogs", READ_WORK, "startAt,maxResults", READS,
            (c, v) -> issueChangelog(c, v.get(0))),
        Route.of("GET", issue + "/worklog", "getIssueWorklog", READ_WORK,
            "startAt,maxResults,startedAfter,startedBefore,expand", READS, (c, v) -> issueWorklogs(c, v.get(0))),
        // worklogs across issues
        Route.of("GET", API + "/worklog/updated", "getIdsOfWorklogsModifiedSince", READ_WORK, "since,expand", READS,
            (c, v) -> worklogChanges(c, false)),
        Route.of("GET", API + "/worklog/deleted", "getIdsOfWorklogsDeletedSince", READ_WORK, "since", READS,
            (c, v) -> worklogChanges(c, true)),
        Route.of("POST", API + "/worklog/list", "getWorklogsForIds", READ_WORK, "expand", READS,
            (c, v) -> worklogList(c)),
        // projects
        Route.of("GET", API + "/project/search", "searchProjects", READ_WORK,
            "startAt,maxResults,orderBy,id,keys,query,typeKey,categoryId,action,expand,status,properties,propertyQuery",
            READS, (c, v) -> projectSearch(c)),
        Route.of("GET", API + "/project", "getAllProjects", READ_WORK, "expand,recent,properties", READS,
            (c, v) -> projectArray(c)),
        Route.of("GET", project, "getProject", READ_WORK, "expand,properties", READS, (c, v) -> project(c, v.get(0))),
        Route.of("GET", project + "/component", "getProjectComponentsPaginated", READ_WORK,
            "startAt,maxResults,orderBy,componentSource,query", READS, (c, v) -> projectChildren(c, v.get(0), "component")),
        Route.of("GET", project + "/components", "getProjectComponents", READ_WORK, "componentSource", READS,
            (c, v) -> projectChildren(c, v.get(0), "components")),
        Route.of("GET", project + "/version", "getProjectVersionsPaginated", READ_WORK,
            "startAt,maxResults,orderBy,query,status,expand", READS, (c, v) -> projectChildren(c, v.get(0), "version")),
        Route.of("GET", project + "/versions", "getProjectVersions", READ_WORK, "expand", READS,
            (c, v) -> projectChildren(c, v.get(0), "versions")),
        // users and groups
        Route.of("GET", API + "/users/search", "getAllUsers", READ_USER, "startAt,maxResults,expand", READS,
            (c, v) -> usersSearch(c)),
        Route.of("GET", API + "/users", "getAllUsersDefault", READ_USER, "startAt,maxResults,expand", READS,
            (c, v) -> usersSearch(c)),
        Route.of("GET", API + "/group/bulk", "bulkGetGroups", READ_USER,
            "startAt,maxResults,groupId,groupName,accessType,applicationKey", READS, (c, v) -> groups(c)),
        Route.of("GET", API + "/myself", "getCurrentUser", READ_USER, "expand", READS, (c, v) -> myself(c)),
        Route.of("GET", API + "/user", "getUser", READ_USER, "accountId,username,key,expand", READS,
            (c, v) -> IssueWrites.user(c)),
        // configuration
        Route.of("GET", API + "/issuetype", "getIssueAllTypes", READ_WORK, "", READS, (c, v) -> issueTypes(c)),
        Route.of("GET", API + "/priority/search", "searchPriorities", MANAGE_CONFIGURATION,
            "startAt,maxResults,id,projectId,priorityName,onlyDefault,expand", READS,
            (c, v) -> pageOf(c, "/priority/search", priorities(c), 50, 0)),
        Route.of("GET", API + "/statuses/search", "search", MANAGE_CONFIGURATION,
            "projectId,startAt,maxResults,searchString,statusCategory", READS,
            (c, v) -> pageOf(c, "/statuses/search", statuses(), 200, 0)),
        Route.of("GET", API + "/resolution/search", "searchResolutions", READ_WORK, "startAt,maxResults,id,onlyDefault",
            READS, (c, v) -> pageOf(c, "/resolution/search", resolutions(c), 50, 0)),
        Route.of("GET", API + "/field/search", "getFieldsPaginated", READ_WORK,
            "startAt,maxResults,type,id,query,orderBy,expand,projectIds", READS,
            (c, v) -> pageOf(c, "/field/search", fieldSearch(), 50, 0)),
        Route.of("GET", API + "/field", "getFields", READ_WORK, "", READS, (c, v) -> Resp.json(200, fieldArray())),
        Route.of("GET", API + "/label", "getAllLabels", READ_WORK, "startAt,maxResults", READS,
            (c, v) -> pageOf(c, "/label", new ArrayList<>(c.s.labels), 1000, 0)),
        Route.of("GET", API + "/workflows/search", "searchWorkflows", MANAGE_CONFIGURATION,
            "startAt,maxResults,expand,queryString,orderBy,scope,isActive", READS, (c, v) -> workflows(c)),
        Route.of("GET", API + "/dashboard/search", "getDashboardsPaginated", READ_WORK,
            "dashboardName,accountId,owner,groupname,groupId,projectId,orderBy,startAt,maxResults,status,expand", READS,
            (c, v) -> dashboards(c)),
        Route.of("GET", API + "/filter/search", "getFiltersPaginated", READ_WORK,
            "filterName,accountId,owner,groupname,groupId,projectId,id,orderBy,startAt,maxResults,expand,"
                + "overrideSharePermissions,isSubstringMatch", READS, (c, v) -> filters(c)),
        Route.of("GET", API + "/permissions", "getAllPermissions", MANAGE_CONFIGURATION, "", READS,
            (c, v) -> permissions()));
  }

  /** Per-request context. */
  final class Ctx {
    final Req req;
    final SiteModel s;
    final String accountId;
    final String base;
    final long now;
    final Resp[] holder = new Resp[1];

    Ctx(Req req, SiteModel s, String accountId) {
      this.req = req;
      this.s = s;
      this.accountId = accountId;
      this.base = s.selfUrls.base(req.origin, s.site);
      this.now = clock.millis();
    }

    int userIndex() {
      return s.userIndex(accountId);
    }
  }

  /**
   * Answers {@code rel} (the path below the site root) with the route {@code match} found for it; a removed
   * endpoint with {@code 410}, no route with Jira's {@code 404 No API endpoint found}.
   */
  Resp handle(Req req, SiteModel s, String accountId, String rel, Routes.Match match) {
    Routes.Gone gone = Routes.gone(rel);
    if (gone != null) {
      return Resp.jiraError(410, gone.message());
    }
    if (match == null) {
      return unrouted(Resp.jiraError(404, "No API endpoint found for "
          + (rel.startsWith(API + "/") ? req.method + " " : "") + rel));
    }
    Ctx c = new Ctx(req, s, accountId);
    Route route = match.route();
    try {
      return route.reads() ? s.read(() -> route.handler().handle(c, match.vars()))
          : route.handler().handle(c, match.vars());
    } catch (BadRequest e) {
      return e.resp;
    }
  }

  private static Resp unrouted(Resp r) {
    r.unrouted = true;
    return r;
  }

  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Resp resp;

    BadRequest(Resp resp) {
      super(null, null, false, false);
      this.resp = resp;
    }
  }

  static BadRequest bad(String message) {
    return new BadRequest(Resp.jiraError(400, message));
  }

  private Resp project(Ctx c, String idOrKey) {
    ProjectRec p = visibleProject(c, idOrKey, true);
    return p == null ? projectNotFound(idOrKey) : Resp.json(200, Render.project(c.base, c.s, p));
  }

  /** {@code component}, {@code version} (pages) or {@code components}, {@code versions} (arrays) of a project. */
  private Resp projectChildren(Ctx c, String idOrKey, String kind) {
    ProjectRec p = visibleProject(c, idOrKey, true);
    if (p == null) {
      return projectNotFound(idOrKey);
    }
    List<Object> items = new ArrayList<>();
    boolean comp = kind.startsWith("component");
    boolean paged = !kind.endsWith("s");
    if (comp) {
      for (ComponentRec cr : p.components) {
        items.add(Render.component(c.base, p, cr, c.s, paged));
      }
    } else {
      for (VersionRec v : p.versions) {
        items.add(Render.version(c.base, p, v));
      }
    }
    return paged ? pageOf(c, "/project/" + idOrKey + "/" + kind, items, 50, 0) : Resp.json(200, items);
  }

  private static Resp projectNotFound(String key) {
    return Resp.jiraError(404, "No project could be found with key '" + key + "'.");
  }

  private ProjectRec visibleProject(Ctx c, String idOrKey, boolean allowArchived) {
    ProjectRec p = c.s.project(idOrKey);
    if (p == null || !c.s.notRevoked(c.accountId, p) || (p.archived && !allowArchived)) {
      return null;
    }
    return p;
  }

  // ------------------------------------------------------------------ helpers

  static Map<String, Object> bodyObject(Ctx c) {
    Object o = Json.parse(c.req.bodyText());
    Map<String, Object> m = Json.asObject(o);
    if (m == null) {
      throw bad("The request body is not valid JSON.");
    }
    return m;
  }

  private int intParam(Ctx c, String name, int dflt) {
    String v = c.req.param(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw bad("The value '" + v + "' for '" + name + "' is not a number.");
    }
  }

  private static int intOf(Object o, int dflt) {
    if (o instanceof Number n) {
      return n.intValue();
    }
    if (o instanceof String s) {
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        return dflt;
      }
    }
    return dflt;
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        if (x != null) {
          out.add(x instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : x.toString());
        }
      }
    } else if (o instanceof String s) {
      out.addAll(Arrays.asList(s.split(",")));
    }
    return out;
  }

  /** PageBean over a fully materialized list. */
  private Resp pageOf(Ctx c, String path, List<?> all, int defaultMax, int points) {
    int startAt = Math.max(0, intParam(c, "startAt", 0));
    int max = intParam(c, "maxResults", defaultMax);
    max = Math.max(0, Math.min(max, Math.max(defaultMax, 100)));
    Resp r = Resp.json(200, page(c, path, all, startAt, max));
    return r;
  }

  private Map<String, Object> page(Ctx c, String path, List<?> all, int startAt, int max) {
    int end = (int) Math.min(all.size(), (long) startAt + max);
    List<?> values = startAt >= all.size() ? List.of() : all.subList(startAt, end);
    boolean isLast = end >= all.size();
    Map<String, Object> m = obj("self", c.base + API + path + "?startAt=" + startAt + "&maxResults=" + max);
    if (!isLast) {
      m.put("nextPage", c.base + API + path + "?startAt=" + end + "&maxResults=" + max);
    }
    m.put("maxResults", max);
    m.put("startAt", startAt);
    m.put("total", all.size());
    m.put("isLast", isLast);
    m.put("values", new ArrayList<>(values));
    return m;
  }

  // ------------------------------------------------------------------ search

  record Row(long id, long updated, long created, String pkey, int num, IssueRec rec) {}

  static Comparator<Row> comparator(List<Sort> order) {
    Comparator<Row> cmp = null;
    for (Sort s : order) {
      Comparator<Row> k = switch (s.field()) {
        case UPDATED -> Comparator.comparingLong(Row::updated);
        case CREATED -> Comparator.comparingLong(Row::created);
        case ID -> Comparator.comparingLong(Row::id);
        case KEY -> Comparator.comparing(Row::pkey).thenComparingInt(Row::num);
      };
      if (!s.asc()) {
        k = k.reversed();
      }
      cmp = cmp == null ? k : cmp.thenComparing(k);
    }
    return cmp;
  }

  private static List<Sort> effectiveOrder(Query q) {
    List<Sort> order = new ArrayList<>(q.order());
    if (order.isEmpty()) {
      order.add(new Sort(SortField.CREATED, false));
    }
    if (order.stream().noneMatch(s -> s.field() == SortField.ID)) {
      order.add(new Sort(SortField.ID, true));
    }
    return order;
  }

  private Row[] snapshot(SiteModel s, ProjectRec p, List<Sort> order, long now) {
    boolean lagging = s.searchLagMs > 0;
    String key = p.id + "|" + order;
    Object cached = lagging ? null : s.snapshotCache.get(key);
    if (cached instanceof Object[] pair && (Long) pair[0] == s.version) {
      return (Row[]) pair[1];
    }
    List<Row> list = new ArrayList<>(p.issues.size());
    for (IssueRec is : p.issues) {
      long updated = lagging ? s.searchUpdated(is, now) : is.updated;
      if (updated >= 0) {
        list.add(new Row(is.id, updated, is.created, p.key, is.num, is));
      }
    }
    Row[] rows = list.toArray(new Row[0]);
    Arrays.sort(rows, comparator(order));
    if (!lagging) {
      s.snapshotCache.put(key, new Object[] {s.version, rows});
    }
    return rows;
  }

  private List<ProjectRec> queryProjects(Ctx c, Query q) {
    List<ProjectRec> out = new ArrayList<>();
    if (q.projects() == null) {
      for (ProjectRec p : c.s.projects) {
        if (c.s.visible(c.accountId, p)) {
          out.add(p);
        }
      }
      return out;
    }
    for (String ref : q.projects()) {
      ProjectRec p = c.s.project(ref);
      if (p == null) {
        // JQL also accepts a project's name.
        p = c.s.projects.stream().filter(x -> x.name.equalsIgnoreCase(ref)).findFirst().orElse(null);
      }
      if (p == null || !c.s.visible(c.accountId, p)) {
        throw bad("The value '" + ref + "' does not exist for the field 'project'.");
      }
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private Query parseJql(Ctx c, String jql) {
    try {
      // Like Jira, quoted dates are read in the searching user's time zone.
      int idx = c.userIndex();
      java.time.ZoneId zone = idx < 0 ? ZoneOffset.UTC : java.time.ZoneId.of(c.s.user(idx).timeZone());
      Query q = Jql.parse(jql, c.now, zone);
      if (!q.bounded()) {
        throw bad("Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
      }
      return q;
    } catch (JqlException e) {
      throw bad(e.getMessage());
    }
  }

  private Resp searchJql(Ctx c, Map<String, Object> body) {
    String jql;
    String token;
    Integer maxResults;
    List<String> fields;
    String expand;
    if (body == null) {
      jql = c.req.param("jql");
      token = c.req.param("nextPageToken");
      String mr = c.req.param("maxResults");
      maxResults = mr == null ? null : intParam(c, "maxResults", 50);
      fields = c.req.params("fields");
      expand = String.join(",", c.req.params("expand"));
    } else {
      jql = body.get("jql") instanceof String s ? s : null;
      token = body.get("nextPageToken") instanceof String s ? s : null;
      maxResults = body.containsKey("maxResults") ? intOf(body.get("maxResults"), 50) : null;
      fields = strings(body.get("fields"));
      expand = body.get("expand") == null ? "" : String.join(",", strings(body.get("expand")));
    }
    Query q = parseJql(c, jql);
    FieldSet fs = FieldSet.parse(fields, "id");
    boolean changelog = expand.contains("changelog");
    int cap = fs.idOnly() && !changelog ? 5000 : 100;
    int max = maxResults == null ? 50 : Math.max(1, Math.min(maxResults, cap));
    List<Sort> order = effectiveOrder(q);
    Comparator<Row> cmp = comparator(order);
    String fingerprint = Integer.toHexString((jql == null ? "" : jql.trim()).hashCode());
    Row cursor = null;
    if (token != null && !token.isEmpty()) {
      cursor = decodeSearchToken(c, token, fingerprint);
    }
    List<ProjectRec> projects = queryProjects(c, q);
    // Walked by ascending id (a census of an id range): seek the range's start and stop after its end.
    boolean byIdAsc = order.get(0).field() == SortField.ID && order.get(0).asc();
    long[] idBounds = idBounds(q.ids());
    record Cur(Row[] rows, int pos) {}
    PriorityQueue<Cur> heap = new PriorityQueue<>((a, b) -> cmp.compare(a.rows()[a.pos()], b.rows()[b.pos()]));
    for (ProjectRec p : projects) {
      Row[] rows = snapshot(c.s, p, order, c.now);
      int start = 0;
      if (cursor != null) {
        int lo = 0;
        int hi = rows.length;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (cmp.compare(rows[mid], cursor) <= 0) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        start = lo;
      }
      if (byIdAsc) {
        int lo = 0;
        int hi = rows.length;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (rows[mid].id() < idBounds[0]) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        start = Math.max(start, lo);
      }
      if (start < rows.length) {
        heap.add(new Cur(rows, start));
      }
    }
    List<Row> pageRows = new ArrayList<>();
    boolean more = false;
    while (!heap.isEmpty()) {
      Cur cur = heap.poll();
      Row row = cur.rows()[cur.pos()];
      if (byIdAsc && row.id() > idBounds[1]) {
        continue; // this project's rows are past the range
      }
      if (cur.pos() + 1 < cur.rows().length) {
        heap.add(new Cur(cur.rows(), cur.pos() + 1));
      }
      if (!matches(c.s, q, row)) {
        continue;
      }
      if (pageRows.size() == max) {
        more = true;
        break;
      }
      pageRows.add(row);
    }
    List<Object> issues = new ArrayList<>(pageRows.size());
    for (Row row : pageRows) {
      issues.add(Render.issue(c.base, c.s, row.rec(), fs, changelog, 20, c.s.changelogCap));
    }
    Map<String, Object> out = obj("issues", issues);
    if (more) {
      out.put("nextPageToken", encodeSearchToken(c, fingerprint, pageRows.get(pageRows.size() - 1)));
    }
    out.put("isLast", !more);
    Resp r = Resp.json(200, out);
    r.points = 1 + issues.size();
    return r;
  }

  private static boolean matches(SiteModel s, Query q, Row row) {
    if (!q.hasIssueConditions()) {
      return q.matches(row.id(), row.updated(), row.created());
    }
    return q.matches(row.id(), row.updated(), row.created(), Render.labels(s, row.rec()));
  }

  private String encodeSearchToken(Ctx c, String fingerprint, Row last) {
    String raw = "s1|" + c.now + "|" + fingerprint + "|" + last.id() + "|" + last.updated() + "|" + last.created() + "|"
        + last.pkey() + "|" + last.num();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private Row decodeSearchToken(Ctx c, String token, String fingerprint) {
    String[] p;
    try {
      p = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
    } catch (IllegalArgumentException e) {
      throw bad("The provided next page token is invalid or expired.");
    }
    try {
      if (p.length != 8 || !p[0].equals("s1") || !p[2].equals(fingerprint)) {
        throw bad("The provided next page token is invalid or expired.");
      }
      long issued = Long.parseLong(p[1]);
      if (c.now - issued > PAGE_TOKEN_LIFETIME_MS) {
        throw bad("The provided next page token is invalid or expired.");
      }
      return new Row(Long.parseLong(p[3]), Long.parseLong(p[4]), Long.parseLong(p[5]), p[6], Integer.parseInt(p[7]), null);
    } catch (NumberFormatException e) {
      throw bad("The provided next page token is invalid or expired.");
    }
  }

  private Resp approximateCount(Ctx c) {
    Map<String, Object> body = bodyObject(c);
    Query q = parseJql(c, body.get("jql") instanceof String s ? s : null);
    // The estimate trails writes by countLagMs: issues created within it are not counted yet, issues deleted
    // within it still are.
    long horizon = c.now - c.s.countLagMs;
    long n = 0;
    List<ProjectRec> projects = queryProjects(c, q);
    if (q.dates().isEmpty() && !q.hasIssueConditions() && c.s.searchLagMs == 0 && c.s.countLagMs == 0) {
      // Only id conditions: binary searches over each project's sorted ids, not a walk of every issue.
      for (ProjectRec p : projects) {
        n += countByIds(c.s, p, q.ids());
      }
      return Resp.json(200, obj("count", n));
    }
    for (ProjectRec p : projects) {
      for (IssueRec is : p.issues) {
        long updated = c.s.searchUpdated(is, c.now);
        if (updated >= 0 && is.created <= horizon && q.matches(is.id, updated, is.created, Render.labels(c.s, is))) {
          n++;
        }
      }
    }
    for (SiteModel.DeletedIssue d : c.s.recentlyDeleted) {
      if (d.deletedAt() > horizon && d.created() <= horizon && projects.contains(d.project())
          && !q.hasIssueConditions() && q.matches(d.id(), d.updated(), d.created())) {
        n++;
      }
    }
    return Resp.json(200, obj("count", n));
  }

  /** The smallest and largest id the range conditions ({@code >= > <= < =}) allow, both inclusive. */
  private static long[] idBounds(List<Jql.IdCond> conds) {
    long lo = Long.MIN_VALUE;
    long hi = Long.MAX_VALUE;
    for (Jql.IdCond cond : conds) {
      long v = cond.value();
      switch (cond.op()) {
        case ">=" -> lo = Math.max(lo, v);
        case ">" -> lo = Math.max(lo, v == Long.MAX_VALUE ? v : v + 1);
        case "<=" -> hi = Math.min(hi, v);
        case "<" -> hi = Math.min(hi, v == Long.MIN_VALUE ? v : v - 1);
        case "=" -> {
          lo = Math.max(lo, v);
          hi = Math.min(hi, v);
        }
        default -> {
          // != narrows nothing
        }
      }
    }
    return new long[] {lo, hi};
  }

  /** Issues of {@code p} whose id passes every condition, from the project's sorted ids (cached per site version). */
  private static long countByIds(SiteModel s, ProjectRec p, List<Jql.IdCond> conds) {
    String key = "ids|" + p.id;
    Object cached = s.snapshotCache.get(key);
    long[] ids;
    if (cached instanceof Object[] pair && (Long) pair[0] == s.version) {
      ids = (long[]) pair[1];
    } else {
      ids = new long[p.issues.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = p.issues.get(i).id;
      }
      Arrays.sort(ids);
      s.snapshotCache.put(key, new Object[] {s.version, ids});
    }
    long[] bounds = idBounds(conds);
    long lo = bounds[0];
    long hi = bounds[1];
    List<Long> excluded = new ArrayList<>();
    for (Jql.IdCond cond : conds) {
      if (cond.op().equals("!=")) {
        excluded.add(cond.value());
      }
    }
    if (lo > hi) {
      return 0;
    }
    long n = firstAbove(ids, hi) - firstAtLeast(ids, lo);
    for (long v : new java.util.TreeSet<>(excluded)) {
      if (v >= lo && v <= hi && Arrays.binarySearch(ids, v) >= 0) {
        n--;
      }
    }
    return n;
  }

  private static int firstAtLeast(long[] sorted, long v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int firstAbove(long[] sorted, long v) {
    return v == Long.MAX_VALUE ? sorted.length : firstAtLeast(sorted, v + 1);
  }

  private Resp bulkFetch(Ctx c) {
    Map<String, Object> body = bodyObject(c);
    List<String> ids = strings(body.get("issueIdsOrKeys"));
    if (ids.isEmpty()) {
      throw bad("issueIdsOrKeys must contain at least one issue.");
    }
    if (ids.size() > 100) {
      throw bad("The number of issues requested exceeds the maximum allowed: 100.");
    }
    FieldSet fs = FieldSet.parse(strings(body.get("fields")), "*navigable");
    boolean changelog = strings(body.get("expand")).stream().anyMatch(e -> e.trim().equals("changelog"));
    List<Object> issues = new ArrayList<>();
    for (String id : ids) {
      IssueRec is = c.s.visibleIssue(c.accountId, id.trim());
      if (is != null && is.archivedAt == 0) { // archived issues are left out, like deleted ones
        issues.add(Render.issue(c.base, c.s, is, fs, changelog, 20, c.s.changelogCap));
      }
    }
    Resp r = Resp.json(200, obj("issues", issues, "issueErrors", arr()));
    r.points = 1 + issues.size();
    return r;
  }

  private Resp changelogBulk(Ctx c) {
    Map<String, Object> body = bodyObject(c);
    List<String> ids = strings(body.get("issueIdsOrKeys"));
    if (ids.isEmpty() || ids.size() > 1000) {
      throw bad("issueIdsOrKeys must contain between 1 and 1000 issues.");
    }
    int max = Math.max(1, Math.min(intOf(body.get("maxResults"), 1000), 10_000));
    List<String> fieldIds = strings(body.get("fieldIds"));
    String fp = Integer.toHexString(ids.hashCode());
    int issueIdx = 0;
    int histIdx = 0;
    Object tok = body.get("nextPageToken");
    if (tok instanceof String t && !t.isEmpty()) {
      try {
        String[] p = new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8).split("\\|");
        if (p.length != 5 || !p[0].equals("c1") || !p[2].equals(fp) || c.now - Long.parseLong(p[1]) > PAGE_TOKEN_LIFETIME_MS) {
          throw bad("The provided next page token is invalid or expired.");
        }
        issueIdx = Integer.parseInt(p[3]);
        histIdx = Integer.parseInt(p[4]);
      } catch (IllegalArgumentException e) {
        throw bad("The provided next page token is invalid or expired.");
      }
    }
    List<Object> logs = new ArrayList<>();
    int count = 0;
    String next = null;
    outer:
    for (int i = issueIdx; i < ids.size(); i++) {
      IssueRec is = c.s.visibleIssue(c.accountId, ids.get(i).trim());
      int from = i == issueIdx ? histIdx : 0;
      if (is == null || is.archivedAt != 0) {
        continue;
      }
      List<Object> hs = new ArrayList<>();
      int total = is.historyCount();
      for (int h = from; h < total; h++) {
        if (count == max) {
          next = Base64.getUrlEncoder().withoutPadding().encodeToString(
              ("c1|" + c.now + "|" + fp + "|" + i + "|" + h).getBytes(StandardCharsets.UTF_8));
          if (!hs.isEmpty()) {
            logs.add(obj("issueId", Long.toString(is.id), "changeHistories", hs));
          }
          break outer;
        }
        Map<String, Object> hist = Render.history(c.base, c.s, is, h);
        if (!fieldIds.isEmpty()) {
          List<?> items = (List<?>) hist.get("items");
          items.removeIf(it -> !fieldIds.contains(String.valueOf(((Map<?, ?>) it).get("fieldId"))));
          if (items.isEmpty()) {
            count++;
            continue;
          }
        }
        hs.add(hist);
        count++;
      }
      if (!hs.isEmpty()) {
        logs.add(obj("issueId", Long.toString(is.id), "changeHistories", hs));
      }
    }
    Map<String, Object> out = obj("issueChangeLogs", logs);
    if (next != null) {
      out.put("nextPageToken", next);
    }
    Resp r = Resp.json(200, out);
    r.points = 1 + logs.size();
    return r;
  }

  // ------------------------------------------------------------------ issues, comments, changelog, worklogs

  static Resp issueNotFound() {
    return Resp.jiraError(404, "Issue does not exist or you do not have permission to see it.");
  }

  private Resp getIssue(Ctx c, String idOrKey) {
    IssueRec is = c.s.visibleIssue(c.accountId, idOrKey);
    if (is == null) {
      return issueNotFound();
    }
    FieldSet fs = FieldSet.parse(c.req.params("fields"), "*all");
    boolean changelog = String.join(",", c.req.params("expand")).contains("changelog");
    Resp r = Resp.json(200, Render.issue(c.base, c.s, is, fs, changelog, 100));
    r.points = 2;
    return r;
  }

  private Resp comments(Ctx c, String idOrKey) {
    IssueRec is = c.s.visibleIssue(c.accountId, idOrKey);
    if (is == null) {
      return issueNotFound();
    }
    int startAt = Math.max(0, intParam(c, "startAt", 0));
    int max = Math.max(0, Math.min(intParam(c, "maxResults", 5000), 5000));
    List<Map<String, Object>> cs = Render.comments(c.base, c.s, is, startAt, max);
    return Resp.json(200, obj("startAt", startAt, "maxResults", max, "total", is.commentCount(), "comments", cs));
  }

  private Resp issueChangelog(Ctx c, String idOrKey) {
    IssueRec is = c.s.visibleIssue(c.accountId, idOrKey);
    if (is == null) {
      return issueNotFound();
    }
    int startAt = Math.max(0, intParam(c, "startAt", 0));
    int max = Math.max(0, Math.min(intParam(c, "maxResults", 100), 100));
    List<Map<String, Object>> hs = Render.histories(c.base, c.s, is, startAt, max);
    int total = is.historyCount();
    Map<String, Object> m = obj("self", c.base + API + "/issue/" + is.key() + "/changelog?startAt=" + startAt + "&maxResults=" + max);
    if (startAt + hs.size() < total) {
      m.put("nextPage", c.base + API + "/issue/" + is.key() + "/changelog?startAt=" + (startAt + hs.size()) + "&maxResults=" + max);
    }
    m.put("maxResults", max);
    m.put("startAt", startAt);
    m.put("total", total);
    m.put("isLast", startAt + hs.size() >= total);
    m.put("values", hs);
    return Resp.json(200, m);
  }

  private Resp issueWorklogs(Ctx c, String idOrKey) {
    IssueRec is = c.s.visibleIssue(c.accountId, idOrKey);
    if (is == null) {
      return issueNotFound();
    }
    int startAt = Math.max(0, intParam(c, "startAt", 0));
    int max = Math.max(0, Math.min(intParam(c, "maxResults", 5000), 5000));
    List<Object> ws = new ArrayList<>();
    List<WorklogRec> all = is.worklogs();
    for (int i = startAt; i < all.size() && ws.size() < max; i++) {
      ws.add(Render.worklog(c.base, c.s, all.get(i)));
    }
    return Resp.json(200, obj("startAt", startAt, "maxResults", max, "total", all.size(), "worklogs", ws));
  }

  private Resp worklogChanges(Ctx c, boolean deleted) {
    long since = 0;
    String sp = c.req.param("since");
    if (sp != null && !sp.isEmpty()) {
      try {
        since = Long.parseLong(sp);
      } catch (NumberFormatException e) {
        throw bad("The value '" + sp + "' for 'since' is not a number.");
      }
    }
    long horizon = c.now - 60_000L;
    List<long[]> rows = new ArrayList<>();
    if (deleted) {
      for (DeletedWorklog d : c.s.deletedWorklogs) {
        if (d.deletedAt() >= since && d.deletedAt() <= horizon) {
          rows.add(new long[] {d.deletedAt(), d.id()});
        }
      }
    } else {
      for (WorklogRec w : c.s.worklogs) {
        if (w.updated >= since && w.updated <= horizon) {
          IssueRec is = c.s.issuesById.get(w.issueId);
          if (is != null && c.s.visible(c.accountId, is.project)) {
            rows.add(new long[] {w.updated, w.id});
          }
        }
      }
    }
    rows.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    boolean lastPage = rows.size() <= 1000;
    List<long[]> pageRows = lastPage ? rows : rows.subList(0, 1000);
    List<Object> values = new ArrayList<>();
    for (long[] r : pageRows) {
      values.add(obj("worklogId", r[1], "updatedTime", r[0], "properties", arr()));
    }
    long until = pageRows.isEmpty() ? since : pageRows.get(pageRows.size() - 1)[0];
    String path = deleted ? "/worklog/deleted" : "/worklog/updated";
    Map<String, Object> m = obj("values", values, "since", since, "until", until,
        "self", c.base + API + path + "?since=" + since);
    if (!lastPage) {
      m.put("nextPage", c.base + API + path + "?since=" + until);
    }
    m.put("lastPage", lastPage);
    return Resp.json(200, m);
  }

  private Resp worklogList(Ctx c) {
    Map<String, Object> body = bodyObject(c);
    List<String> ids = strings(body.get("ids"));
    if (ids.size() > 1000) {
      throw bad("The number of worklogs requested exceeds the maximum allowed: 1000.");
    }
    List<Object> out = new ArrayList<>();
    for (String id : ids) {
      WorklogRec w;
      try {
        w = c.s.worklogsById.get(Long.parseLong(id.trim()));
      } catch (NumberFormatException e) {
        continue;
      }
      if (w == null) {
        continue;
      }
      IssueRec is = c.s.issuesById.get(w.issueId);
      if (is != null && c.s.visible(c.accountId, is.project)) {
        out.add(Render.worklog(c.base, c.s, w));
      }
    }
    return Resp.json(200, out);
  }

  // ------------------------------------------------------------------ projects, users, config

  private Resp projectSearch(Ctx c) {
    List<String> statuses = new ArrayList<>();
    for (String s : c.req.params("status")) {
      for (String x : s.split(",")) {
        if (!x.isBlank()) {
          statuses.add(x.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    if (statuses.isEmpty()) {
      statuses.add("live");
    }
    List<String> keys = new ArrayList<>();
    for (String k : c.req.params("keys")) {
      keys.addAll(Arrays.asList(k.split(",")));
    }
    String query = c.req.param("query");
    List<ProjectRec> ps = new ArrayList<>();
    for (ProjectRec p : c.s.projects) {
      if (!c.s.notRevoked(c.accountId, p)) {
        continue;
      }
      if (!statuses.contains(p.archived ? "archived" : "live")) {
        continue;
      }
      if (!keys.isEmpty() && !keys.contains(p.key)) {
        continue;
      }
      if (query != null && !query.isEmpty() && !p.key.toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT))
          && !p.name.toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT))) {
        continue;
      }
      ps.add(p);
    }
    ps.sort(Comparator.comparing(p -> p.key));
    int startAt = Math.max(0, intParam(c, "startAt", 0));
    int max = Math.max(0, Math.min(intParam(c, "maxResults", 50), 100));
    List<Object> values = new ArrayList<>();
    for (int i = startAt; i < ps.size() && values.size() < max; i++) {
      values.add(Render.project(c.base, c.s, ps.get(i)));
    }
    Map<String, Object> m = page(c, "/project/search", ps, startAt, max);
    m.put("values", values);
    Resp r = Resp.json(200, m);
    r.points = 1 + values.size();
    return r;
  }

  private Resp projectArray(Ctx c) {
    List<Object> out = new ArrayList<>();
    for (ProjectRec p : c.s.projects) {
      if (c.s.visible(c.accountId, p)) {
        out.add(Render.project(c.base, c.s, p));
      }
    }
    Resp r = Resp.json(200, out);
    r.headers.put("Deprecation", "true");
    r.points = 1 + out.size();
    return r;
  }

  private Resp usersSearch(Ctx c) {
    int startAt = Math.max(0, intParam(c, "startAt", 0));
    int max = Math.max(0, Math.min(intParam(c, "maxResults", 50), 1000));
    List<Object> out = new ArrayList<>();
    for (int i = startAt; i < c.s.users.size() && out.size() < max; i++) {
      out.add(Render.user(c.base, c.s.users.get(i)));
    }
    Resp r = Resp.json(200, out);
    r.points = 1 + 2L * out.size();
    return r;
  }

  private Resp groups(Ctx c) {
    List<Object> all = new ArrayList<>();
    for (GroupRec g : c.s.groups) {
      all.add(obj("name", g.name(), "groupId", g.groupId()));
    }
    int startAt = Math.max(0, intParam(c, "startAt", 0));
    int max = Math.max(0, Math.min(intParam(c, "maxResults", 50), 1000));
    Map<String, Object> m = page(c, "/group/bulk", all, startAt, max);
    Resp r = Resp.json(200, m);
    r.points = 1 + 2L * ((List<?>) m.get("values")).size();
    return r;
  }

  private Resp issueTypes(Ctx c) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < Render.ISSUE_TYPES.length; i++) {
      out.add(Render.issueType(c.base, i));
    }
    return Resp.json(200, out);
  }

  private List<Object> priorities(Ctx c) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < Render.PRIORITIES.length; i++) {
      String[] p = Render.PRIORITIES[i];
      Map<String, Object> m = Render.priority(c.base, i);
      m.put("statusColor", p[2]);
      m.put("description", p[3]);
      m.put("isDefault", i == 2);
      out.add(m);
    }
    return out;
  }

  private static List<Object> statuses() {
    List<Object> out = new ArrayList<>();
    for (String[] s : Render.STATUSES) {
      out.add(obj("id", s[0], "name", s[1], "description", s[2], "statusCategory", s[6], "scope", obj("type", "GLOBAL")));
    }
    return out;
  }

  private static List<Object> resolutions(Ctx c) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < Render.RESOLUTIONS.length; i++) {
      Map<String, Object> m = Render.resolution(c.base, i);
      m.put("default", i == 0);
      out.add(m);
    }
    return out;
  }

  static int fieldCount() {
    return Render.SYSTEM_FIELDS.length + Render.CUSTOM_FIELDS.length;
  }

  private static Map<String, Object> schema(String[] f, boolean custom) {
    Map<String, Object> s = obj("type", f[2]);
    if (custom) {
      if (f[4] != null) {
        s.put("items", f[4]);
      }
      s.put("custom", f[3]);
      s.put("customId", Integer.parseInt(f[0].substring("customfield_".length())));
    } else {
      if (f[3] != null) {
        s.put("items", f[3]);
      }
      s.put("system", f[4]);
    }
    return s;
  }

  private static List<Object> fieldSearch() {
    List<Object> out = new ArrayList<>();
    for (String[] f : Render.SYSTEM_FIELDS) {
      out.add(obj("id", f[0], "key", f[0], "name", f[1], "schema", schema(f, false), "isLocked", true,
          "description", f[1] + " (system field)"));
    }
    for (String[] f : Render.CUSTOM_FIELDS) {
      out.add(obj("id", f[0], "key", f[0], "name", f[1], "schema", schema(f, true), "isLocked", false,
          "searcherKey", f[3].replace("customfieldtypes:", "customfieldtypes:") + "searcher", "screensCount", 2,
          "contextsCount", 1, "projectsCount", 0));
    }
    return out;
  }

  private static List<Object> fieldArray() {
    List<Object> out = new ArrayList<>();
    for (String[] f : Render.SYSTEM_FIELDS) {
      boolean nav = !f[0].equals("comment") && !f[0].equals("worklog") && !f[0].equals("timetracking");
      out.add(obj("id", f[0], "key", f[0], "name", f[1], "custom", false, "orderable", !f[0].equals("created"),
          "navigable", nav, "searchable", true, "clauseNames", arr(f[0]), "schema", schema(f, false)));
    }
    for (String[] f : Render.CUSTOM_FIELDS) {
      String num = f[0].substring("customfield_".length());
      out.add(obj("id", f[0], "key", f[0], "name", f[1], "custom", true, "orderable", true, "navigable", true,
          "searchable", true, "clauseNames", arr("cf[" + num + "]", f[1]), "schema", schema(f, true)));
    }
    return out;
  }

  private Resp workflows(Ctx c) {
    List<Object> all = new ArrayList<>();
    List<Object> statusRefs = new ArrayList<>();
    for (String[] s : Render.STATUSES) {
      statusRefs.add(obj("statusReference", s[0], "deprecated", false, "properties", obj()));
    }
    int i = 0;
    for (ProjectRec p : c.s.projects) {
      all.add(obj("id", SiteModel.uuid(SiteModel.mix(c.s.seed, 900 + i)), "name", p.key + ": Software Simplified Workflow",
          "description", "Generated by Jira Software for project " + p.key, "version", obj("id", SiteModel.uuid(SiteModel.mix(c.s.seed, 950 + i)),
              "versionNumber", 1),
          "scope", obj("type", "PROJECT", "project", obj("id", Long.toString(p.id))), "statuses", statusRefs,
          "transitions", arr(), "isEditable", true));
      i++;
    }
    List<Object> statuses = new ArrayList<>();
    for (String[] s : Render.STATUSES) {
      statuses.add(obj("id", s[0], "name", s[1], "description", s[2], "statusCategory", s[6], "statusReference", s[0],
          "scope", obj("type", "GLOBAL")));
    }
    int startAt = Math.max(0, intParam(c, "startAt", 0));
    int max = Math.max(0, Math.min(intParam(c, "maxResults", 50), 200));
    Map<String, Object> m = page(c, "/workflows/search", all, startAt, max);
    m.put("statuses", statuses);
    return Resp.json(200, m);
  }

  private Resp dashboards(Ctx c) {
    List<Object> all = new ArrayList<>();
    for (NamedRec d : c.s.dashboards) {
      UserRec u = c.s.user(d.owner());
      all.add(obj("id", Long.toString(d.id()), "name", d.name(), "self", c.base + API + "/dashboard/" + d.id(),
          "view", "https://" + c.s.site.name() + ".atlassian.net/jira/dashboards/" + d.id(), "isFavourite", false,
          "owner", obj("accountId", u.user().accountId(), "displayName", u.user().displayName(), "active", true,
              "avatarUrls", Render.avatarUrls(u.user().accountId()), "self", c.base + API + "/user?accountId=" + u.user().accountId()),
          "popularity", 1, "systemDashboard", false, "sharePermissions", arr(obj("type", "global")), "editPermissions", arr()));
    }
    int startAt = Math.max(0, intParam(c, "startAt", 0));
    int max = Math.max(0, Math.min(intParam(c, "maxResults", 50), 100));
    Map<String, Object> m = page(c, "/dashboard/search", all, startAt, max);
    Resp r = Resp.json(200, m);
    r.points = 1 + ((List<?>) m.get("values")).size();
    return r;
  }

  private Resp filters(Ctx c) {
    List<Object> all = new ArrayList<>();
    for (NamedRec f : c.s.filters) {
      all.add(obj("id", Long.toString(f.id()), "name", f.name(), "self", c.base + API + "/filter/" + f.id(),
          "jql", f.extra(), "owner", Render.user(c.base, c.s.user(f.owner())),
          "viewUrl", "https://" + c.s.site.name() + ".atlassian.net/issues/?filter=" + f.id(),
          "searchUrl", c.base + API + "/search/jql?jql=" + Exchange.encode(f.extra()), "favourite", false,
          "favouritedCount", 0, "sharePermissions", arr(), "editPermissions", arr()));
    }
    int startAt = Math.max(0, intParam(c, "startAt", 0));
    int max = Math.max(0, Math.min(intParam(c, "maxResults", 50), 100));
    return Resp.json(200, page(c, "/filter/search", all, startAt, max));
  }

  static final String[][] PERMISSIONS = {
    {"BROWSE_PROJECTS", "Browse Projects", "PROJECT", "Ability to browse projects and the issues within them."},
    {"CREATE_ISSUES", "Create Issues", "PROJECT", "Ability to create issues."},
    {"EDIT_ISSUES", "Edit Issues", "PROJECT", "Ability to edit issues."},
    {"DELETE_ISSUES", "Delete Issues", "PROJECT", "Ability to delete issues."},
    {"ADD_COMMENTS", "Add Comments", "PROJECT", "Ability to comment on issues."},
    {"DELETE_ALL_COMMENTS", "Delete All Comments", "PROJECT", "Ability to delete all comments made on issues."},
    {"WORK_ON_ISSUES", "Work On Issues", "PROJECT", "Ability to log work done against an issue."},
    {"CREATE_ATTACHMENTS", "Create Attachments", "PROJECT", "Users with this permission may create attachments."},
    {"LINK_ISSUES", "Link Issues", "PROJECT", "Ability to link issues together."},
    {"ADMINISTER_PROJECTS", "Administer Projects", "PROJECT", "Ability to administer a project in Jira."},
    {"ADMINISTER", "Administer Jira", "GLOBAL", "Create and administer projects, issue types, fields, workflows and schemes."},
    {"BULK_CHANGE", "Make bulk changes", "GLOBAL", "Modify collections of issues at once."},
    {"USER_PICKER", "Browse users and groups", "GLOBAL", "View and select users or groups from the user picker."},
    {"CREATE_SHARED_OBJECTS", "Share dashboards and filters", "GLOBAL", "Share dashboards and filters with other users."},
  };

  private static Resp permissions() {
    Map<String, Object> perms = new LinkedHashMap<>();
    for (String[] p : PERMISSIONS) {
      perms.put(p[0], obj("key", p[0], "name", p[1], "type", p[2], "description", p[3]));
    }
    Resp r = Resp.json(200, obj("permissions", perms));
    r.points = 1 + 2L * PERMISSIONS.length;
    return r;
  }

  private Resp myself(Ctx c) {
    int idx = c.userIndex();
    if (idx < 0) {
      return Resp.jiraError(404, "User not found.");
    }
    Map<String, Object> u = Render.user(c.base, c.s.user(idx));
    u.put("locale", "en_US");
    return Resp.json(200, u);
  }
}
