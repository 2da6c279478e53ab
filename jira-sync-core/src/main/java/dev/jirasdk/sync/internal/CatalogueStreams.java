package dev.jirasdk.sync.internal;

import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.StoredRecord;
import dev.jirasdk.sync.SyncError;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.sync.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue streams: projects (which also plan the project partitions of every other stream), the
 * per-project listings (components, versions) and the site-wide listings (users, statuses, fields, ...). Each
 * listing is read whole, then stored records of the same parent it no longer lists are tombstoned.
 */
final class CatalogueStreams {
  static final String PROJECTS = Entity.PROJECTS.streamName();

  private final RunContext ctx;

  CatalogueStreams(RunContext ctx) {
    this.ctx = ctx;
  }

  /** Every project the connection can see, live and archived. */
  List<RawItem> listProjects(StreamState s) {
    Endpoints.Endpoint ep = Endpoints.of(Entity.PROJECTS);
    Paginator p = ep.paginator(ctx.fetcher(s, ep.weight()), ctx.settings.pageSize(), null);
    List<RawItem> all = new ArrayList<>();
    while (p.hasNext()) all.addAll(p.next().items());
    return all;
  }

  /** The projects the request names (all when it names none); a named project not visible is an error. */
  List<RawItem> selectPartitions(List<RawItem> projects) {
    if (ctx.request.projects().isEmpty()) return projects;
    List<RawItem> out = new ArrayList<>();
    Set<String> found = new HashSet<>();
    for (RawItem p : projects) {
      String id = Json.str(p.value(), "id");
      String key = Json.str(p.value(), "key");
      if (ctx.request.projects().contains(id)) {
        out.add(p);
        found.add(id);
      } else if (key != null && ctx.request.projects().contains(key)) {
        out.add(p);
        found.add(key);
      }
    }
    for (String wanted : ctx.request.projects()) {
      if (!found.contains(wanted)) {
        ctx.addError(new SyncError(PROJECTS, wanted, SyncError.Kind.PERMISSION, "GET /rest/api/3/project/search", 0,
            List.of("project " + wanted + " is not visible to this connection (missing, or access lost)"), null,
            ctx.now()), null);
      }
    }
    return out;
  }

  /** Stores the listed projects; a stored project no longer listed is marked access-lost, never deleted. */
  void commitProjects(StreamState s, List<RawItem> items) {
    int pageSize = ctx.settings.pageSize();
    List<SyncRecord> records = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RawItem p : items) {
      SyncRecord r = Mapper.simple(Entity.PROJECTS, p, null);
      if (r == null) continue;
      records.add(r);
      seen.add(r.id());
      if (records.size() == pageSize) {
        ctx.commit(s, Checkpoint.GLOBAL, records, List.of(), null, records.size());
        records = new ArrayList<>();
      }
    }
    List<SyncRecord> lost = new ArrayList<>();
    if (ctx.request.projects().isEmpty()) {
      List<String> missing = new ArrayList<>();
      ctx.store.forEachId(ctx.conn, Entity.PROJECTS, null, id -> {
        if (!seen.contains(id)) missing.add(id);
      });
      for (String id : missing) {
        StoredRecord old = ctx.store.find(ctx.conn, Entity.PROJECTS, id).orElse(null);
        if (old == null || Boolean.TRUE.equals(old.record().column(Columns.Project.ACCESS_LOST))) continue;
        Map<String, Object> cols = new LinkedHashMap<>(old.record().columns());
        cols.put(Columns.Project.ACCESS_LOST, Boolean.TRUE);
        SyncRecord r = old.record();
        lost.add(new SyncRecord(Entity.PROJECTS, id, r.parentId(), r.updated(), cols, r.rawJson()));
        ctx.note(PROJECTS, "project " + id + " (" + r.column(Columns.Project.KEY)
            + ") is no longer visible: access lost, its rows are kept, nothing is deleted");
      }
    }
    records.addAll(lost);
    ctx.commit(s, Checkpoint.GLOBAL, records, List.of(), ctx.checkpoint(PROJECTS, Checkpoint.GLOBAL,
        Map.of("at", ctx.now().toEpochMilli())), records.size());
  }

  /** Components or versions of one project. */
  void projectListing(StreamState s, Entity e, String projectId) {
    Endpoints.Endpoint ep = Endpoints.of(e);
    listing(s, e, ep.paginator(ctx.fetcher(s, ep.weight(), projectId), ctx.settings.pageSize(), projectId),
        projectId, projectId);
  }

  /** A site-wide listing such as users or statuses. */
  void siteListing(StreamState s, Entity e) {
    Endpoints.Endpoint ep = Endpoints.of(e);
    listing(s, e, ep.paginator(ctx.fetcher(s, ep.weight()), ctx.settings.pageSize(), null), null,
        Checkpoint.GLOBAL);
  }

  /** Reads every page, then tombstones stored records of the same parent that were not seen. */
  private void listing(StreamState s, Entity e, Paginator p, String parentId, String partition) {
    Set<String> seen = new HashSet<>();
    while (p.hasNext()) {
      JsonPage page = p.next();
      List<SyncRecord> records = new ArrayList<>();
      for (RawItem item : page.items()) {
        SyncRecord r = Mapper.simple(e, item, parentId);
        if (r != null && seen.add(r.id())) records.add(r);
      }
      if (!records.isEmpty()) ctx.commit(s, partition, records, List.of(), null, page.items().size());
    }
    List<Tombstone> gone = new ArrayList<>();
    Instant at = ctx.now();
    ctx.store.forEachId(ctx.conn, e, parentId, id -> {
      if (!seen.contains(id)) gone.add(new Tombstone(e, id, at, "absent from " + e.streamName() + " listing"));
    });
    ctx.commit(s, partition, List.of(), gone,
        ctx.checkpoint(e.streamName(), partition, Map.of("at", at.toEpochMilli())), 0);
  }
}
