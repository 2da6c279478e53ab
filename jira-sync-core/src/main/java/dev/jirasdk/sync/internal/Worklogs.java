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
 */
final class Worklogs {
  static final String WORKLOGS = Entity.WORKLOGS.streamName();

  private final RunContext ctx;

  Worklogs(RunContext ctx) {
    this.ctx = ctx;
  }

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
