package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncEvent;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Deletion detection for the issues of one project: after a pass that read the project from scratch, its ids
 * are compared with the store's; otherwise an id census runs (every full run, and incremental runs at most
 * every {@code censusInterval}). Stored ids Jira did not list are confirmed with {@code issue/bulkfetch} and
 * tombstoned, unless so many vanished at once that the mass-vanish guard refuses.
 */
final class Deletions {
  static final String CENSUS = "issues.census";

  private final RunContext ctx;
  private final IssueStreams issues;

  Deletions(RunContext ctx, IssueStreams issues) {
    this.ctx = ctx;
    this.issues = issues;
  }

  /** After a project's issue pass; {@code seen} holds every live id when the pass read the project whole. */
  void afterPass(StreamState s, String projectId, LongSet seen) {
    Map<String, Object> census = ctx.readCheckpoint(CENSUS, projectId);
    long last = RunContext.longOr(census.get("at"), Long.MIN_VALUE);
    if (seen != null) {
      reconcile(s, projectId, seen, "full read");
    } else if (ctx.request.mode() == SyncMode.FULL || last == Long.MIN_VALUE
        || ctx.now().toEpochMilli() - last >= ctx.settings.censusInterval().toMillis()) {
      if (!ctx.budgetAllows(s, projectId, SyncEvent.DeferredWork.DELETION_CENSUS, censusCost(projectId))) return;
      LongSet ids = new LongSet();
      String idJql = "project = " + projectId + " ORDER BY id ASC";
      int size = ctx.settings.idPageSize();
      Function<String, JiraRequest> req = t -> IssueStreams.searchRequest(idJql, t, size, List.of("id"), false);
      Endpoints.Endpoint ep = Endpoints.of(Entity.ISSUES);
      TokenPaginator census2 = new TokenPaginator(ctx.fetcher(s, ep.weight()), req, ep.itemsField(), null);
      while (census2.hasNext()) {
        for (RawItem it : census2.next().items()) {
          String id = Json.str(it.value(), "id");
          if (id != null) ids.add(id);
        }
      }
      reconcile(s, projectId, ids, "census");
    }
  }

  /** A census reads every id of the project: count it at a point per id (unconfirmed, so cautious) plus pages. */
  private long censusCost(String projectId) {
    long stored = ctx.store.count(ctx.conn, Entity.ISSUES, projectId);
    return stored + stored / ctx.settings.idPageSize() + 1;
  }

  /** Stored issues of the project that Jira did not list are confirmed with issue/bulkfetch, then tombstoned. */
  private void reconcile(StreamState s, String projectId, LongSet present, String how) {
    long stored = ctx.store.count(ctx.conn, Entity.ISSUES, projectId);
    double threshold = ctx.settings.massVanishThreshold();
    long allowed = (long) Math.floor(stored * threshold);
    List<String> missing = new ArrayList<>();
    long[] missingCount = {0};
    ctx.store.forEachId(ctx.conn, Entity.ISSUES, projectId, id -> {
      if (!present.contains(id)) {
        missingCount[0]++;
        if (missing.size() <= allowed) missing.add(id);
      }
    });
    Checkpoint done = ctx.checkpoint(CENSUS, projectId, Map.of("at", ctx.now().toEpochMilli()));
    if (missingCount[0] > allowed && missingCount[0] >= ctx.settings.massVanishMinimum()) {
      ctx.note(IssueStreams.ISSUES, "mass-vanish refused: " + missingCount[0] + " of " + stored
          + " stored issues of project " + projectId + " are missing from the " + how + " (threshold "
          + (int) (threshold * 100) + " %); nothing was deleted");
      return;
    }
    for (int i = 0; i < missing.size(); i += 100) {
      List<String> batch = missing.subList(i, Math.min(missing.size(), i + 100));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("issueIdsOrKeys", batch);
      body.put("fields", IssueStreams.SEARCH_FIELDS);
      if (ctx.request.includes(Entity.CHANGELOGS)) body.put("expand", List.of("changelog"));
      JiraRequest r = JiraRequest.post(Endpoints.ISSUE_BULKFETCH).jsonBody(Json.write(body)).safeToRetry().build();
      JsonPage page = ctx.fetchPage(s, 1, r, "issues", false);
      IssueStreams.IssueBatch found = issues.processIssues(s, page.items());
      Set<String> alive = new HashSet<>(found.issueIds);
      List<Tombstone> tombs = new ArrayList<>(found.tombstones);
      Instant at = ctx.now();
      for (String id : batch) {
        if (!alive.contains(id)) tombs.add(new Tombstone(Entity.ISSUES, id, at, how + "+bulkfetch"));
      }
      boolean lastBatch = i + 100 >= missing.size();
      ctx.commit(s, projectId, found.records, tombs, lastBatch ? done : null, page.items().size());
    }
    if (missing.isEmpty()) ctx.commit(s, projectId, List.of(), List.of(), done, 0);
  }
}
