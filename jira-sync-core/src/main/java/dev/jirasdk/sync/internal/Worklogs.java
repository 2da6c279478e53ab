package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.sync.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worklog stream: the site-wide change feed {@code worklog/updated} (ids, then {@code worklog/list} for
 * the worklogs, at most 1,000 per call) and the deletion feed {@code worklog/deleted}. Checkpoint
 * {@code {since, deletedSince}}, committed with every page.
 *
 * <p>The feed is site-wide; a run limited to some projects or a JQL filter keeps only the worklogs of issues its
 * scope covers: the distinct issue ids of each page are asked once with {@code id in (...) AND <scope>} (ids
 * only), so the answer does not depend on whether the issue pass has stored the issue yet.
 */
final class Worklogs {
  static final String WORKLOGS = Entity.WORKLOGS.streamName();

  private final RunContext ctx;

  Worklogs(RunContext ctx) {
    this.ctx = ctx;
  }

  /** Whether the run is limited to some projects or by a filter. */
  private boolean scoped() {
    return !ctx.request.projects().isEmpty() || ctx.request.jql() != null;
  }

  /** The JQL of the run's scope, without the issue ids: {@code project in ("A","B") AND (<filter>)}. */
  String scopeJql() {
    List<String> parts = new ArrayList<>();
    if (!ctx.request.projects().isEmpty()) {
      List<String> quoted = new ArrayList<>();
      for (String p : new java.util.TreeSet<>(ctx.request.projects())) {
        quoted.add("\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
      }
      parts.add("project in (" + String.join(",", quoted) + ")");
    }
    if (ctx.request.jql() != null) parts.add("(" + ctx.request.jql() + ")");
    return String.join(" AND ", parts);
  }

  /** Which of the records' issues the scope covers, asked of Jira in batches of {@value #ID_BATCH} ids. */
  private java.util.Set<String> covered(StreamState s, List<SyncRecord> records) {
    java.util.TreeSet<String> issueIds = new java.util.TreeSet<>();
    for (SyncRecord r : records) if (Ids.numeric(r.parentId())) issueIds.add(r.parentId());
    java.util.Set<String> covered = new java.util.HashSet<>();
    List<String> all = new ArrayList<>(issueIds);
    String scope = scopeJql();
    Endpoints.Endpoint ep = Endpoints.of(Entity.ISSUES);
    for (int i = 0; i < all.size(); i += ID_BATCH) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + ID_BATCH));
      String jql = "id in (" + String.join(",", batch) + ") AND " + scope;
      int size = ctx.settings.idPageSize();
      TokenPaginator p = new TokenPaginator(ctx.fetcher(s, ep.weight(), "worklog scope"),
          t -> IssueStreams.searchRequest(jql, t, size, List.of("id"), false), ep.itemsField(), null);
      p.capItems(2L * batch.size() + size, size, "the " + batch.size() + " issue ids asked");
      while (p.hasNext()) {
        for (RawItem it : p.next().items()) {
          String id = Json.str(it.value(), "id");
          if (id != null) covered.add(id);
        }
      }
    }
    return covered;
  }

  /** Issue ids per scope query: short enough for any JQL length limit. */
  static final int ID_BATCH = 200;

  void run(StreamState s) {
    Map<String, Object> cp = ctx.readCheckpoint(WORKLOGS, Checkpoint.GLOBAL);
    boolean full = ctx.request.mode() == SyncMode.FULL;
    long since = full ? 0 : RunContext.longOr(cp.get("since"), 0);
    long deletedSince = full ? 0 : RunContext.longOr(cp.get("deletedSince"), 0);
    Endpoints.Endpoint ep = Endpoints.of(Entity.WORKLOGS);
    SinceUntilPaginator updated = new SinceUntilPaginator(ctx.fetcher(s, ep.weight()), ep.path(), since);
    while (updated.hasNext()) {
      JsonPage page = updated.next();
      List<SyncRecord> records = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      for (RawItem it : page.items()) {
        Long id = Json.lng(it.value(), "worklogId");
        if (id != null) ids.add(id);
      }
      for (int i = 0; i < ids.size(); i += 1000) {
        List<Long> batch = ids.subList(i, Math.min(ids.size(), i + 1000));
        JiraRequest r = JiraRequest.post(Endpoints.WORKLOG_LIST).jsonBody(Json.write(Map.of("ids", batch)))
            .safeToRetry().build();
        JsonPage list = ctx.fetchPage(s, 0, r, null, false);
        for (RawItem w : list.items()) {
          SyncRecord rec = Mapper.simple(Entity.WORKLOGS, w, null);
          if (rec != null) records.add(rec);
        }
      }
      if (scoped()) {
        java.util.Set<String> covered = covered(s, records);
        records.removeIf(r -> !covered.contains(r.parentId()));
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("since", updated.since());
      v.put("deletedSince", deletedSince);
      ctx.commit(s, Checkpoint.GLOBAL, records, List.of(), ctx.checkpoint(WORKLOGS, Checkpoint.GLOBAL, v),
          page.items().size());
    }
    long newSince = updated.since();
    SinceUntilPaginator deleted = new SinceUntilPaginator(ctx.fetcher(s, 0), Endpoints.WORKLOG_DELETED,
        deletedSince);
    while (deleted.hasNext()) {
      JsonPage page = deleted.next();
      List<Tombstone> tombs = new ArrayList<>();
      Instant at = ctx.now();
      for (RawItem it : page.items()) {
        String id = Json.str(it.value(), "worklogId");
        if (id != null) tombs.add(new Tombstone(Entity.WORKLOGS, id, at, "worklog/deleted"));
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("since", newSince);
      v.put("deletedSince", deleted.since());
      ctx.commit(s, Checkpoint.GLOBAL, List.of(), tombs, ctx.checkpoint(WORKLOGS, Checkpoint.GLOBAL, v),
          page.items().size());
    }
  }
}
