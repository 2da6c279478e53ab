package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraApiException;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.sync.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issues stream with its children (comments, attachments, links, changelogs), one project partition at a
 * time: {@code search/jql} on {@code updated} from the partition's cursor, each page mapped with its children
 * and committed with the new cursor (and the page token while a pass is in flight). After the pass,
 * {@link Deletions} looks for issues deleted in Jira.
 */
final class IssueStreams {
  private static final Logger log = LoggerFactory.getLogger(IssueStreams.class);

  static final String ISSUES = Entity.ISSUES.streamName();
  static final Set<Entity> FAMILY =
      EnumSet.of(Entity.ISSUES, Entity.COMMENTS, Entity.ATTACHMENTS, Entity.ISSUE_LINKS, Entity.CHANGELOGS,
          Entity.ISSUE_FIELD_VALUES, Entity.FIELD_CHANGES, Entity.SPRINT_ISSUES);
  /** Everything but worklogs, which come from the worklog feed (so they are never read twice). */
  static final List<String> SEARCH_FIELDS = List.of("*all", "-worklog");

  private final RunContext ctx;
  private final Deletions deletions;
  private final Object catalogueLock = new Object();
  private FieldCatalogue catalogue;
  /** The approximate number of issues in the run's projects (all, not only changed ones), or -1. */
  private volatile long issueCeiling = -1;

  IssueStreams(RunContext ctx) {
    this.ctx = ctx;
    this.deletions = new Deletions(ctx, this);
  }

  // ------------------------------------------------------------------------------------------- planning

  /**
   * The site's custom fields (names, types and roles such as story points), read once per run by the first issue
   * partition that needs them (on the executor, through the guarded path, capped like any listing), never on the
   * run's own thread. It also names the Sprint field for sprint membership. A failure leaves custom fields
   * unnamed, story points unmapped and sprint membership as it was, and is logged.
   */
  private FieldCatalogue catalogue(StreamState s) {
    synchronized (catalogueLock) {
      if (catalogue != null) return catalogue;
      List<RawItem> all = new ArrayList<>();
      String failure = null;
      try {
        PageBeanPaginator p = new PageBeanPaginator(ctx.fetcher(s, 0), Endpoints.CUSTOM_FIELDS,
            List.of(Map.entry("type", "custom")), 100, "values");
        while (p.hasNext()) all.addAll(p.next().items());
      } catch (RunContext.Cancelled c) {
        throw c;
      } catch (RuntimeException e) {
        if (ctx.cancelled()) throw new RunContext.Cancelled();
        log.debug("could not read the custom field catalogue: {}", e.toString());
        failure = e.getMessage();
      }
      catalogue = FieldCatalogue.of(all);
      if (ctx.request.includes(Entity.SPRINT_ISSUES) && SprintMembership.fieldId(catalogue) == null) {
        ctx.note(ISSUES, failure != null
            ? "could not read the custom field catalogue (" + failure + "): sprint membership was left as it was"
            : "the site has no Sprint field (gh-sprint): no sprint membership");
      }
      return catalogue;
    }
  }

  /** Whether the run reads changelogs: for the changelog records, the field changes derived from them, or both. */
  boolean readsChangelogs() {
    return ctx.request.includes(Entity.CHANGELOGS) || ctx.request.includes(Entity.FIELD_CHANGES);
  }

  /**
   * The JQL of a project partition: the project, and the request's filter when it has one
   * ({@code project = 10000 AND (labels = customer)}).
   */
  String scope(String projectId) {
    String filter = ctx.request.jql();
    return "project = " + projectId + (filter == null ? "" : " AND (" + filter + ")");
  }

  /** Issues this run will read, from {@code search/approximate-count}, or -1. */
  long estimate(List<RawItem> partitions) {
    List<String> ids = new ArrayList<>();
    Long minCursor = null;
    boolean anyWithout = false;
    for (RawItem p : partitions) {
      if (Boolean.TRUE.equals(Json.bool(p.value(), "archived"))) continue;
      String id = Json.str(p.value(), "id");
      if (!Ids.numeric(id)) continue;
      ids.add(id);
      Object c = ctx.readCheckpoint(ISSUES, id).get("cursor");
      if (c instanceof Number n) minCursor = minCursor == null ? n.longValue() : Math.min(minCursor, n.longValue());
      else anyWithout = true;
    }
    if (ids.isEmpty()) return 0;
    String filter = ctx.request.jql() == null ? "" : " AND (" + ctx.request.jql() + ")";
    String jql = "project in (" + String.join(",", ids) + ")" + filter;
    if (ctx.request.mode() == SyncMode.INCREMENTAL && !anyWithout && minCursor != null) {
      jql += " AND updated >= " + (minCursor - ctx.settings.overlap().toMillis());
    }
    String all = "project in (" + String.join(",", ids) + ")" + filter;
    long count = approximateCount(jql);
    issueCeiling = jql.equals(all) ? count : approximateCount(all);
    return count;
  }

  /** {@code search/approximate-count} of a JQL, or -1 when Jira did not say. */
  private long approximateCount(String jql) {
    try {
      JiraRequest r = JiraRequest.post(Endpoints.APPROXIMATE_COUNT)
          .jsonBody(Json.write(Map.of("jql", jql))).safeToRetry().build();
      Long count = ctx.execute(r, body -> Json.lng(Json.read(body), "count"));
      return count == null || count < 0 ? -1 : count;
    } catch (RuntimeException e) {
      log.debug("approximate-count failed: {}", e.toString());
      return -1;
    }
  }

  // ------------------------------------------------------------------------------------------- requests

  private String childrenKey() {
    List<String> n = new ArrayList<>();
    for (Entity e : FAMILY) if (ctx.request.includes(e)) n.add(e.streamName());
    Collections.sort(n);
    return String.join(",", n);
  }

  private String issueJql(String projectId, Long sinceMs) {
    return scope(projectId) + (sinceMs == null ? "" : " AND updated >= " + sinceMs)
        + " ORDER BY updated ASC, id ASC";
  }

  static JiraRequest searchRequest(String jql, String token, int max, List<String> fields, boolean changelog) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jql", jql);
    body.put("maxResults", max);
    body.put("fields", fields);
    if (changelog) body.put("expand", "changelog");
    if (token != null) body.put("nextPageToken", token);
    return JiraRequest.post(Endpoints.SEARCH_JQL).jsonBody(Json.write(body)).safeToRetry().build();
  }

  private TokenPaginator issuePaginator(StreamState s, String projectId, String jql, String token) {
    boolean changelog = readsChangelogs();
    int size = ctx.settings.issuePageSize();
    Function<String, JiraRequest> req = t -> searchRequest(jql, t, size, SEARCH_FIELDS, changelog);
    Endpoints.Endpoint ep = Endpoints.of(Entity.ISSUES);
    TokenPaginator p = new TokenPaginator(ctx.fetcher(s, ep.weight(), projectId), req, ep.itemsField(), token);
    long ceiling = issueCeiling;
    // approximate-count lags and may be off: twice it, plus ten pages, is still a bound.
    if (ceiling >= 0) {
      p.capItems(2 * ceiling + 10L * size, size, "twice the approximate-count of the run's projects ("
          + ceiling + " issues)");
    }
    return p;
  }

  // ------------------------------------------------------------------------------------------- one partition

  /** A project Jira lists as archived: see {@link Deletions#projectArchived}. */
  void projectArchived(StreamState s, String projectId) {
    deletions.projectArchived(s, projectId);
  }

  /** Reads one project's issues from its cursor (or resumes the pass in flight), then looks for deletions. */
  void partition(StreamState s, String projectId) {
    Map<String, Object> cp = ctx.readCheckpoint(ISSUES, projectId);
    String children = childrenKey();
    // The cursor is only good for the filter that built it: a changed filter re-reads what it covers now.
    String filter = ctx.request.jql();
    boolean sameScope = children.equals(cp.get("children")) && java.util.Objects.equals(filter, cp.get("filter"));
    String storedToken = cp.get("token") instanceof String t ? t : null;
    String storedJql = cp.get("jql") instanceof String j ? j : null;
    Long storedCursor = cp.get("cursor") instanceof Number n ? n.longValue() : null;
    Repairs repairs = new Repairs(cp.get("repair"));
    boolean resume = sameScope && storedToken != null && storedJql != null;
    Long startCursor;
    if (resume) startCursor = storedCursor;
    else if (ctx.request.mode() == SyncMode.FULL || !sameScope) startCursor = null;
    else startCursor = storedCursor;
    long overlapMs = ctx.settings.overlap().toMillis();
    String jql = resume ? storedJql : issueJql(projectId, startCursor == null ? null : startCursor - overlapMs);
    boolean fromScratch = !resume && startCursor == null;
    // A pass that reads the whole project from the start sees every live id: no census needed afterwards.
    LongSet seen = fromScratch ? new LongSet() : null;
    Long maxUpdated = startCursor;
    if (!repairs.isEmpty() && !fromScratch) repair(s, projectId, repairs, cp);
    else repairs.clear();
    TokenPaginator pag = issuePaginator(s, projectId, jql, resume ? storedToken : null);
    int restarts = 0;
    while (pag.hasNext()) {
      JsonPage page;
      String tokenInUse = pag.token();
      try {
        page = pag.next();
      } catch (JiraApiException e) {
        if (e.status() == 400 && tokenInUse != null && restarts < 2) {
          restarts++;
          ctx.note(ISSUES, "page token of project " + projectId + " was rejected ("
              + String.join("; ", e.errorMessages()) + "): restarting from the stored updated cursor");
          jql = issueJql(projectId, maxUpdated == null ? null : maxUpdated - overlapMs);
          if (maxUpdated != null) seen = null;
          pag = issuePaginator(s, projectId, jql, null);
          continue;
        }
        throw e;
      }
      IssueBatch batch = processIssues(s, projectId, page.items());
      repairs.addAll(batch.needRepair);
      if (seen != null) for (String id : batch.issueIds) seen.add(id);
      if (batch.maxUpdated != null && (maxUpdated == null || batch.maxUpdated > maxUpdated)) {
        maxUpdated = batch.maxUpdated;
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("cursor", maxUpdated);
      v.put("children", children);
      if (filter != null) v.put("filter", filter);
      if (pag.hasNext()) {
        v.put("token", pag.token());
        v.put("jql", jql);
      }
      repairs.putInto(v);
      ctx.commit(s, projectId, batch.records, batch.tombstones, ctx.checkpoint(ISSUES, projectId, v),
          page.items().size());
    }
    if (!ctx.request.includes(Entity.ISSUES)) return;
    deletions.afterPass(s, projectId, seen);
  }

  /**
   * Issues whose children could not be read completely in an earlier run are read again with
   * {@code issue/bulkfetch} before the pass, and leave the repair list once their children were read whole.
   */
  private void repair(StreamState s, String projectId, Repairs repairs, Map<String, Object> cp) {
    List<String> ids = repairs.drain();
    for (int i = 0; i < ids.size(); i += 100) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + 100));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("issueIdsOrKeys", batch);
      body.put("fields", SEARCH_FIELDS);
      if (readsChangelogs()) body.put("expand", List.of("changelog"));
      JiraRequest r = JiraRequest.post(Endpoints.ISSUE_BULKFETCH).jsonBody(Json.write(body)).safeToRetry().build();
      JsonPage page = ctx.fetchPage(s, 1, r, "issues", false);
      IssueBatch found = processIssues(s, projectId, page.items());
      // Still broken ones stay; the batches not read yet stay; issues gone meanwhile leave (deletions finds them).
      repairs.addAll(found.needRepair);
      Repairs pending = new Repairs(List.of());
      pending.addAll(repairs.ids);
      pending.addAll(ids.subList(Math.min(ids.size(), i + 100), ids.size()));
      Map<String, Object> v = new LinkedHashMap<>(cp);
      pending.putInto(v);
      ctx.commit(s, projectId, found.records, found.tombstones, ctx.checkpoint(ISSUES, projectId, v),
          page.items().size());
    }
  }

  /** Issues of a partition whose children must be read again; kept in the checkpoint ({@code repair}). */
  static final class Repairs {
    /** More than this many are not remembered one by one: the next full run reads everything anyway. */
    static final int MAX = 1_000;
    private final java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();

    Repairs(Object stored) {
      if (stored instanceof List<?> l) for (Object o : l) if (o instanceof String id && Ids.numeric(id)) add(id);
    }

    void add(String id) {
      if (ids.size() < MAX) ids.add(id);
    }

    void addAll(java.util.Collection<String> more) {
      for (String id : more) add(id);
    }

    boolean isEmpty() {
      return ids.isEmpty();
    }

    void clear() {
      ids.clear();
    }

    List<String> drain() {
      List<String> out = new ArrayList<>(ids);
      ids.clear();
      return out;
    }

    void putInto(Map<String, Object> checkpoint) {
      if (ids.isEmpty()) checkpoint.remove("repair");
      else checkpoint.put("repair", new ArrayList<>(ids));
    }
  }

  // ------------------------------------------------------------------------------------------- one page

  /** Records and tombstones of one page of issues with their children. */
  static final class IssueBatch {
    final List<SyncRecord> records = new ArrayList<>();
    final List<Tombstone> tombstones = new ArrayList<>();
    final List<String> issueIds = new ArrayList<>();
    /** Issues whose children could not be read whole (reported; read again next run). */
    final Set<String> needRepair = new java.util.LinkedHashSet<>();
    /** Issues already written by a chunk (they are not written again with the page). */
    final Set<String> flushedIssues = new java.util.HashSet<>();
    int flushes;
    Long maxUpdated;
  }

  /**
   * Children held before a chunk is written. An issue with 5,000 comments or changelog entries is written in
   * chunks of this many records (with the page's issues read so far, parents first), so memory is bounded by a
   * page and a chunk, never by an issue's history. A chunk carries no checkpoint: a crash after it leaves the
   * partition's cursor and token where they were, so the next run reads the same page again and rewrites the
   * same rows; the tombstones of children that left go only with the page's own commit.
   */
  static final int CHUNK_RECORDS = 1_000;

  private void flushIfFull(StreamState s, String partition, IssueBatch b, Map<String, SyncRecord> byId) {
    if (b.records.size() < CHUNK_RECORDS) return;
    List<SyncRecord> chunk = new ArrayList<>();
    if (ctx.request.includes(Entity.ISSUES)) {
      for (SyncRecord issue : byId.values()) if (b.flushedIssues.add(issue.id())) chunk.add(issue);
    }
    chunk.addAll(b.records);
    ctx.commit(s, partition, chunk, List.of(), null, 0);
    b.records.clear();
    b.flushes++;
  }

  IssueBatch processIssues(StreamState s, List<RawItem> items) {
    return processIssues(s, null, items);
  }

  /**
   * Maps a page of issues with their children, paging in comments and changelogs beyond what is embedded. An
   * anomaly in one issue's children (a comment listing that breaks its paging, a garbled answer, an issue gone
   * meanwhile) is a {@code SyncError} naming that issue: what that listing handed out is not stored, none of its
   * stored children is tombstoned, the issue goes on the partition's repair list, and the rest of the page goes
   * on.
   */
  IssueBatch processIssues(StreamState s, String projectId, List<RawItem> items) {
    String partition = projectId == null ? dev.jirasdk.sync.Checkpoint.GLOBAL : projectId;
    IssueBatch b = new IssueBatch();
    List<String> moreChangelogs = new ArrayList<>();
    Map<String, Long> changelogTotals = new java.util.HashMap<>();
    Map<String, SyncRecord> byId = new LinkedHashMap<>();
    Instant at = ctx.now();
    boolean fieldValues = ctx.request.includes(Entity.ISSUE_FIELD_VALUES);
    FieldCatalogue fields = ctx.request.includes(Entity.ISSUES) || fieldValues
        || ctx.request.includes(Entity.SPRINT_ISSUES) ? catalogue(s) : FieldCatalogue.EMPTY;
    List<String> spFields = fields.withRole(dev.jirasdk.sync.FieldRole.STORY_POINTS);
    // The children stored for this page's issues, one query per child entity, to tombstone those that left.
    List<String> pageIssueIds = new ArrayList<>();
    for (RawItem item : items) {
      String id = Json.str(item.value(), "id");
      if (id != null && Ids.numeric(id)) pageIssueIds.add(id);
    }
    Map<Entity, Map<String, Set<String>>> stored = new EnumMap<>(Entity.class);
    String sprintField = ctx.request.includes(Entity.SPRINT_ISSUES) ? SprintMembership.fieldId(fields) : null;
    for (Entity child : List.of(Entity.COMMENTS, Entity.ATTACHMENTS, Entity.ISSUE_LINKS, Entity.ISSUE_FIELD_VALUES,
        Entity.SPRINT_ISSUES)) {
      if (child == Entity.SPRINT_ISSUES && sprintField == null) continue;
      if (ctx.request.includes(child)) stored.put(child, ctx.store.idsByParent(ctx.conn, child, pageIssueIds));
    }
    for (RawItem item : items) {
      SyncRecord issue = Mapper.issue(item, spFields);
      if (issue == null) continue;
      String id = issue.id();
      if (!Ids.numeric(id)) {
        ctx.invalidId(ISSUES, partition, "issue", id, "POST /" + Endpoints.SEARCH_JQL);
        continue;
      }
      if (byId.put(id, issue) == null) b.issueIds.add(id);
      if (issue.updated() != null) {
        long u = issue.updated().toEpochMilli();
        if (b.maxUpdated == null || u > b.maxUpdated) b.maxUpdated = u;
      }
      Object v = item.value();
      if (ctx.request.includes(Entity.COMMENTS)) {
        Set<String> commentIds = new HashSet<>();
        Object field = Json.at(v, "fields", "comment");
        List<?> vals = Json.list(v, "fields", "comment", "comments");
        Long total = Json.lng(v, "fields", "comment", "total");
        if (field == null || (total != null && total > vals.size())) {
          Endpoints.Endpoint ep = Endpoints.of(Entity.COMMENTS);
          Paginator p = ep.paginator(ctx.fetcher(s, ep.weight(), partition + ", issue " + id), 100, id);
          int mark = b.records.size();
          int flushesBefore = b.flushes;
          try {
            while (p.hasNext()) {
              for (RawItem c : p.next().items()) addChild(b, commentIds, Mapper.comment(c, id));
              flushIfFull(s, partition, b, byId);
            }
            tombstoneLeft(b, Entity.COMMENTS, id, commentIds, at, stored);
          } catch (RuntimeException e) {
            if (!childAnomaly(e)) throw e;
            ctx.recordItemError(ISSUES, partition, "comments of issue " + id, e);
            b.needRepair.add(id);
            // What the broken listing handed out and is still held is dropped; a chunk already written is
            // corrected by the repair (its re-read tombstones what Jira does not have).
            if (b.flushes == flushesBefore) b.records.subList(mark, b.records.size()).clear();
            else b.records.removeIf(r -> r.entity() == Entity.COMMENTS && id.equals(r.parentId()));
          }
        } else {
          for (RawItem c : Json.items(v, "fields", "comment", "comments")) addChild(b, commentIds, Mapper.comment(c, id));
          tombstoneLeft(b, Entity.COMMENTS, id, commentIds, at, stored);
        }
      }
      if (ctx.request.includes(Entity.ATTACHMENTS)) {
        Set<String> ids = new HashSet<>();
        for (RawItem a : Json.items(v, "fields", "attachment")) addChild(b, ids, Mapper.attachment(a, id));
        tombstoneLeft(b, Entity.ATTACHMENTS, id, ids, at, stored);
      }
      if (ctx.request.includes(Entity.ISSUE_LINKS)) {
        Set<String> ids = new HashSet<>();
        for (RawItem l : Json.items(v, "fields", "issuelinks")) addChild(b, ids, Mapper.issueLink(l, id));
        tombstoneLeft(b, Entity.ISSUE_LINKS, id, ids, at, stored);
      }
      if (fieldValues) {
        Set<String> ids = new HashSet<>();
        for (SyncRecord fv : Mapper.fieldValues(item, id, fields)) addChild(b, ids, fv);
        tombstoneLeft(b, Entity.ISSUE_FIELD_VALUES, id, ids, at, stored);
      }
      if (sprintField != null) {
        Set<String> ids = new HashSet<>();
        for (SyncRecord m : SprintMembership.of(v, id, sprintField)) addChild(b, ids, m);
        tombstoneLeft(b, Entity.SPRINT_ISSUES, id, ids, at, stored);
      }
      flushIfFull(s, partition, b, byId);
      if (readsChangelogs()) {
        List<?> vals = Json.list(v, "changelog", "histories");
        Long total = Json.lng(v, "changelog", "total");
        if (Json.at(v, "changelog") == null || (total != null && total > vals.size())) {
          moreChangelogs.add(id);
          changelogTotals.put(id, total);
        } else {
          for (RawItem h : Json.items(v, "changelog", "histories")) addHistory(b, h, id);
        }
      }
    }
    if (ctx.request.includes(Entity.ISSUES)) {
      // Issues first so a store with foreign keys sees parents before children.
      List<SyncRecord> unwritten = new ArrayList<>();
      for (SyncRecord issue : byId.values()) if (b.flushedIssues.add(issue.id())) unwritten.add(issue);
      b.records.addAll(0, unwritten);
    }
    Endpoints.Endpoint changelogs = Endpoints.of(Entity.CHANGELOGS);
    for (int i = 0; i < moreChangelogs.size(); i += 1000) {
      List<String> batch = moreChangelogs.subList(i, Math.min(moreChangelogs.size(), i + 1000));
      Function<String, JiraRequest> req = t -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issueIdsOrKeys", batch);
        body.put("maxResults", 1000);
        if (t != null) body.put("nextPageToken", t);
        return JiraRequest.post(changelogs.path()).jsonBody(Json.write(body)).safeToRetry().build();
      };
      long histories = 0;
      for (String id : batch) {
        Long t = changelogTotals.remove(id);
        histories += t == null || t < 0 || t > Endpoints.MAX_HISTORIES_PER_ISSUE ? Endpoints.MAX_HISTORIES_PER_ISSUE : t;
      }
      String label = batch.size() == 1 ? "issue " + batch.get(0)
          : batch.size() + " issues " + batch.get(0) + "…" + batch.get(batch.size() - 1);
      TokenPaginator p = new TokenPaginator(ctx.fetcher(s, changelogs.weight(), partition + ", " + label), req,
          changelogs.itemsField(), null);
      // Each page brings at least one history of one issue: the totals Jira gave bound the pages.
      p.capPages(histories + batch.size() + 1, "the changelog totals Jira gave for " + label + " (" + histories
          + " histories)");
      try {
        while (p.hasNext()) {
          for (RawItem log : p.next().items()) {
            String issueId = Json.str(log.value(), "issueId");
            if (!batch.contains(issueId)) continue;
            for (RawItem h : Json.items(log.value(), "changeHistories")) addHistory(b, h, issueId);
          }
          flushIfFull(s, partition, b, byId);
        }
      } catch (RuntimeException e) {
        if (!childAnomaly(e)) throw e;
        ctx.recordItemError(ISSUES, partition, "changelogs of " + label, e);
        b.needRepair.addAll(batch);
      }
    }
    return b;
  }

  /**
   * Failures that concern one issue's children and not the connection: broken paging, a garbled or misshapen
   * answer, an issue gone (404) or refused (400) meanwhile. Rate limits, auth, transport and the store still
   * fail the partition, as they would for the next issue too.
   */
  private static boolean childAnomaly(RuntimeException e) {
    if (e instanceof dev.jirasdk.sync.PaginationException) return true;
    if (e instanceof dev.jirasdk.auth.UnexpectedResponseException) return true;
    return e instanceof JiraApiException a && !(a instanceof dev.jirasdk.auth.JiraRateLimitException)
        && (a.status() == 404 || a.status() == 400);
  }

  /** Adds a child record (if it mapped) and remembers its id. */
  private static void addChild(IssueBatch b, Set<String> ids, SyncRecord r) {
    if (r == null) return;
    b.records.add(r);
    ids.add(r.id());
  }

  /** Tombstones the stored children of an issue that its complete child list no longer has. */
  private static void tombstoneLeft(IssueBatch b, Entity entity, String issueId, Set<String> ids, Instant at,
      Map<Entity, Map<String, Set<String>>> stored) {
    Set<String> before = stored.get(entity).getOrDefault(issueId, Set.of());
    for (String id : new TreeSet<>(before)) {
      if (!ids.contains(id)) b.tombstones.add(new Tombstone(entity, id, at, "no longer on issue " + issueId));
    }
  }

  /** A changelog entry as the run selected it: its record, its field changes, or both. */
  private void addHistory(IssueBatch b, RawItem history, String issueId) {
    if (ctx.request.includes(Entity.CHANGELOGS)) {
      SyncRecord r = Mapper.changelog(history, issueId);
      if (r != null) b.records.add(r);
    }
    if (ctx.request.includes(Entity.FIELD_CHANGES)) b.records.addAll(Mapper.fieldChanges(history, issueId));
  }
}
