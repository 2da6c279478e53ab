package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraApiException;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.Archival;
import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncEvent;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncStore.IdSpan;
import dev.jirasdk.sync.Tombstone;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Deletion detection for the issues of one project, after its pass. Jira has no tombstones, so deletions are
 * pulled, in three ways from cheapest to dearest:
 *
 * <ol>
 *   <li><b>Every incremental run: counts by id range.</b> The store's live issues of the project (between its
 *       smallest and largest stored id) are counted and compared with {@code search/approximate-count} of the same
 *       range. If Jira counts fewer, the range is split in {@value #FAN_OUT} and the parts that still count fewer
 *       are split again, until censusing a part ({@code search/jql}, ids only) costs less than splitting it
 *       further. Cost: O(ranges + deletions) points, one point when nothing was deleted. The estimate lags and
 *       may be off, so it only chooses where to look: an id is tombstoned only when the range census did not list
 *       it and {@code issue/bulkfetch} did not return it.
 *   <li><b>The periodic census</b> (the safety net for what counts cannot see, such as a deletion and a moved-in
 *       issue in one range): every id of the project, at most every {@code censusInterval}, within the run's
 *       {@code censusPointsCap}. A census that runs out of points stops after a page and goes on from there in
 *       the next run ({@code issues.census} checkpoint {@code {at, from}}).
 *   <li>A pass that read the project from scratch (a full run) saw every live id and compares them all.
 * </ol>
 *
 * <p>Whatever found the candidates, stored ids that Jira did not list are confirmed with {@code issue/bulkfetch}
 * (an issue that comes back, e.g. moved to another project, is updated); each one it leaves out is asked for once
 * more with {@code GET issue/{id}}: an issue Jira still answers there is archived (Premium and Enterprise archive
 * issues: they leave search and the bulk reads like deleted ones but stay readable by id) and is marked archived,
 * never tombstoned; the ones Jira answers 404 for are tombstoned. All this happens unless so many vanished at once
 * that the mass-vanish guard refuses. The issues of a project Jira lists as archived are marked archived without a
 * request ({@link #projectArchived}). One instance serves one run; its census budget is shared
 * by the run's project partitions, which may call it concurrently.
 */
final class Deletions {
  static final String CENSUS = "issues.census";
  /** Parts a range with missing issues is split into. */
  static final int FAN_OUT = 4;
  /** A range with at most this many stored issues is censused rather than split. */
  static final int MIN_RANGE = 16;
  private static final int BULKFETCH_MAX = 100;
  private static final int STORE_PAGE = 1000;

  private final RunContext ctx;
  private final IssueStreams issues;
  private final AtomicLong censusPointsLeft;

  Deletions(RunContext ctx, IssueStreams issues) {
    this.ctx = ctx;
    this.issues = issues;
    this.censusPointsLeft = new AtomicLong(ctx.settings.censusPointsCap());
  }

  /** After a project's issue pass; {@code seen} holds every live id when the pass read the project whole. */
  void afterPass(StreamState s, String projectId, LongSet seen) {
    Map<String, Object> census = ctx.readCheckpoint(CENSUS, projectId);
    long last = RunContext.longOr(census.get("at"), Long.MIN_VALUE);
    Long from = census.get("from") instanceof Number n ? n.longValue() : null;
    if (seen != null) {
      reconcile(s, projectId, seen, 0, Long.MAX_VALUE, "full read", doneCheckpoint(projectId));
      return;
    }
    if (ctx.request.mode() == SyncMode.FULL) {
      census(s, projectId, 0, false);
      return;
    }
    try {
      detectByRanges(s, projectId);
    } catch (RunContext.Cancelled c) {
      throw c;
    } catch (RuntimeException e) {
      // The check failing (an answer it cannot read, a project no longer visible) deletes nothing; the run says so.
      ctx.recordError(IssueStreams.ISSUES, projectId, e);
    }
    boolean due = from != null || last == Long.MIN_VALUE
        || ctx.now().toEpochMilli() - last >= ctx.settings.censusInterval().toMillis();
    if (due && ctx.settings.censusPointsCap() > 0
        && ctx.budgetAllows(s, projectId, SyncEvent.DeferredWork.DELETION_CENSUS, censusCost(projectId))) {
      census(s, projectId, from == null ? 0 : from, true);
    }
  }

  /** A census reads every id of the project: count it at a point per id (unconfirmed, so cautious) plus pages. */
  private long censusCost(String projectId) {
    long stored = ctx.store.count(ctx.conn, Entity.ISSUES, projectId);
    return stored + stored / ctx.settings.idPageSize() + 1;
  }

  // ------------------------------------------------------------------------------------------- counts by range

  /** A range of ids {@code [from, to)} with the store's live count and Jira's estimate. */
  private record Range(long from, long to, long stored, long estimate) {
    long missing() {
      return stored - estimate;
    }
  }

  private void detectByRanges(StreamState s, String projectId) {
    IdSpan span = ctx.store.idSpan(ctx.conn, Entity.ISSUES, projectId).orElse(null);
    if (span == null) return; // nothing stored, nothing can have been deleted: no request at all
    long to = span.max() == Long.MAX_VALUE ? Long.MAX_VALUE : span.max() + 1;
    long stored = ctx.store.countByIdRange(ctx.conn, Entity.ISSUES, projectId, new long[] {span.min(), to})[0];
    long projectStored = ctx.store.count(ctx.conn, Entity.ISSUES, projectId);
    Deque<Range> todo = new ArrayDeque<>();
    Range top = new Range(span.min(), to, stored, estimate(projectId, span.min(), to));
    if (top.missing() > 0) todo.add(top);
    List<String> missing = new ArrayList<>();
    long allowed = allowedToVanish(projectStored);
    while (!todo.isEmpty()) {
      Range r = todo.poll();
      if (shouldCensus(r)) {
        LongSet listed = censusRange(s, projectId, r.from(), r.to(), false).listed;
        storedIdsNotListed(projectId, r.from(), r.to(), listed, missing, allowed);
        if (refuseMassVanish(projectId, projectStored, missing.size(), "id-range check")) return;
        continue;
      }
      for (Range part : split(projectId, r)) {
        if (part.missing() > 0) todo.add(part);
      }
    }
    confirmAndTombstone(s, projectId, missing, "range check", null);
  }

  /** Jira's estimate of the project's issues with ids in {@code [from, to)}. */
  private long estimate(String projectId, long from, long to) {
    String jql = issues.scope(projectId) + " AND id >= " + from + (to == Long.MAX_VALUE ? "" : " AND id < " + to);
    JiraRequest r = JiraRequest.post(Endpoints.APPROXIMATE_COUNT).jsonBody(Json.write(Map.of("jql", jql)))
        .safeToRetry().build();
    Long count = ctx.execute(r, body -> Json.lng(Json.read(body), "count"));
    if (count == null || count < 0) {
      throw new dev.jirasdk.auth.UnexpectedResponseException(r.endpoint(), 200,
          "expected a non-negative number at $.count, found " + count);
    }
    return count;
  }

  /**
   * Census a range when that costs no more than splitting on: splitting costs about {@link #FAN_OUT} counts per
   * level for each missing issue, plus the census of a small range at the bottom.
   */
  private boolean shouldCensus(Range r) {
    if (r.stored() <= MIN_RANGE || r.to() - r.from() <= FAN_OUT) return true;
    long pages = (r.stored() + ctx.settings.idPageSize() - 1) / ctx.settings.idPageSize();
    long censusCost = r.stored() + pages;
    int levels = Math.max(1, (int) Math.ceil(Math.log((double) r.stored() / MIN_RANGE) / Math.log(FAN_OUT)));
    long splitCost = r.missing() * ((long) FAN_OUT * levels + MIN_RANGE + 1);
    return censusCost <= splitCost;
  }

  /** The parts of {@code r} that hold stored issues, with their counts (one store query) and Jira's estimates. */
  private List<Range> split(String projectId, Range r) {
    long width = Math.max(1, (r.to() - r.from() + FAN_OUT - 1) / FAN_OUT);
    List<Long> b = new ArrayList<>();
    for (long at = r.from(); at < r.to(); at += width) {
      b.add(at);
      if (r.to() - at <= width) break;
    }
    b.add(r.to());
    long[] bounds = b.stream().mapToLong(Long::longValue).toArray();
    long[] stored = ctx.store.countByIdRange(ctx.conn, Entity.ISSUES, projectId, bounds);
    List<Range> parts = new ArrayList<>();
    for (int i = 0; i < stored.length; i++) {
      // A part without stored issues has nothing that could have been deleted: Jira is not asked about it.
      if (stored[i] == 0) continue;
      parts.add(new Range(bounds[i], bounds[i + 1], stored[i], estimate(projectId, bounds[i], bounds[i + 1])));
    }
    return parts;
  }

  // ------------------------------------------------------------------------------------------- census

  /** What one census walk listed, and where it stopped if it ran out of points (else null). */
  private static final class CensusWalk {
    final LongSet listed = new LongSet();
    Long stoppedAfter;
  }

  /**
   * Lists the ids Jira has in {@code [from, to)}, page by page, ascending; when {@code capped}, each page is paid
   * from the run's census budget first and the walk stops where the next page might not be paid for.
   */
  private CensusWalk censusRange(StreamState s, String projectId, long from, long to, boolean capped) {
    CensusWalk walk = new CensusWalk();
    String jql = issues.scope(projectId) + " AND id >= " + from + (to == Long.MAX_VALUE ? "" : " AND id < " + to)
        + " ORDER BY id ASC";
    int size = ctx.settings.idPageSize();
    Function<String, JiraRequest> req = t -> IssueStreams.searchRequest(jql, t, size, List.of("id"), false);
    Endpoints.Endpoint ep = Endpoints.of(Entity.ISSUES);
    String label = projectId + ", ids " + from + (to == Long.MAX_VALUE ? "+" : ".." + (to - 1));
    TokenPaginator pages = new TokenPaginator(ctx.fetcher(s, ep.weight(), label), req, ep.itemsField(), null);
    long maxPageCost = 1L + size;
    long largest = -1;
    while (pages.hasNext()) {
      if (capped && !reserve(maxPageCost)) {
        walk.stoppedAfter = largest;
        return walk;
      }
      int items = 0;
      try {
        for (RawItem it : pages.next().items()) {
          items++;
          String id = Json.str(it.value(), "id");
          if (id == null) continue;
          walk.listed.add(id);
          try {
            largest = Math.max(largest, Long.parseLong(id));
          } catch (NumberFormatException e) {
            // not a numeric id: listed, but it moves no position
          }
        }
      } finally {
        if (capped) censusPointsLeft.addAndGet(maxPageCost - (1L + items));
      }
    }
    return walk;
  }

  /** Takes {@code points} from the run's census budget if that many are left. */
  private boolean reserve(long points) {
    while (true) {
      long left = censusPointsLeft.get();
      if (left < points) return false;
      if (censusPointsLeft.compareAndSet(left, left - points)) return true;
    }
  }

  /**
   * Census of the project from id {@code from} on: to the end when {@code capped} is false (full runs), else as
   * far as the run's census budget goes, then the rest in later runs.
   */
  private void census(StreamState s, String projectId, long from, boolean capped) {
    CensusWalk walk = censusRange(s, projectId, from, Long.MAX_VALUE, capped);
    if (walk.stoppedAfter == null) {
      reconcile(s, projectId, walk.listed, from, Long.MAX_VALUE, "census", doneCheckpoint(projectId));
      return;
    }
    long next = walk.stoppedAfter + 1;
    if (next <= from) {
      ctx.note(IssueStreams.ISSUES, "census of project " + projectId + " deferred: the run's census points cap ("
          + ctx.settings.censusPointsCap() + ") is spent");
      return;
    }
    Map<String, Object> previous = ctx.readCheckpoint(CENSUS, projectId);
    Map<String, Object> v = new LinkedHashMap<>();
    if (previous.get("at") != null) v.put("at", previous.get("at"));
    v.put("from", next);
    reconcile(s, projectId, walk.listed, from, next, "census", ctx.checkpoint(CENSUS, projectId, v));
  }

  /** The census of the project is complete now. */
  private Checkpoint doneCheckpoint(String projectId) {
    return ctx.checkpoint(CENSUS, projectId, Map.of("at", ctx.now().toEpochMilli()));
  }

  // ------------------------------------------------------------------------------------------- reconciling

  /** Stored issues of the project in {@code [from, to)} that Jira did not list are confirmed, then tombstoned. */
  private void reconcile(StreamState s, String projectId, LongSet listed, long from, long to, String how,
      Checkpoint done) {
    long stored = ctx.store.count(ctx.conn, Entity.ISSUES, projectId);
    long allowed = allowedToVanish(stored);
    List<String> missing = new ArrayList<>();
    long missingCount;
    if (from == 0 && to == Long.MAX_VALUE) {
      // Every stored id, numeric or not.
      long[] n = {0};
      ctx.store.forEachId(ctx.conn, Entity.ISSUES, projectId, id -> {
        if (!listed.contains(id)) {
          n[0]++;
          if (missing.size() <= allowed) missing.add(id);
        }
      });
      missingCount = n[0];
    } else {
      missingCount = storedIdsNotListed(projectId, from, to, listed, missing, allowed);
    }
    if (refuseMassVanish(projectId, stored, missingCount, how)) return;
    confirmAndTombstone(s, projectId, missing, how, done);
  }

  /**
   * Adds the stored ids in {@code [from, to)} that {@code listed} lacks to {@code missing} (at most
   * {@code allowed + 1} in all, enough to know the guard refuses); returns how many there were.
   */
  private long storedIdsNotListed(String projectId, long from, long to, LongSet listed, List<String> missing,
      long allowed) {
    long count = 0;
    long next = from;
    while (true) {
      List<String> page = ctx.store.idsInRange(ctx.conn, Entity.ISSUES, projectId, next, to, STORE_PAGE);
      for (String id : page) {
        if (listed.contains(id)) continue;
        count++;
        if (missing.size() <= allowed) missing.add(id);
      }
      if (page.size() < STORE_PAGE) return count;
      next = Long.parseLong(page.get(page.size() - 1)) + 1;
    }
  }

  private long allowedToVanish(long stored) {
    return (long) Math.floor(stored * ctx.settings.massVanishThreshold());
  }

  private boolean refuseMassVanish(String projectId, long stored, long missing, String how) {
    if (missing <= allowedToVanish(stored) || missing < ctx.settings.massVanishMinimum()) return false;
    ctx.note(IssueStreams.ISSUES, "mass-vanish refused: " + missing + " of " + stored + " stored issues of project "
        + projectId + " are missing from the " + how + " (threshold "
        + (int) (ctx.settings.massVanishThreshold() * 100) + " %); nothing was deleted");
    return true;
  }

  /**
   * The issues of a project Jira lists as archived: its stored live issues are marked archived (not deleted; their
   * children stay), a thousand per page, without a request, and its issue checkpoint is reset, so that once the
   * project is restored its next pass reads it whole and its issues come back live. Nothing to do, and only one
   * store query, when none is stored live.
   */
  void projectArchived(StreamState s, String projectId) {
    long marked = 0;
    while (true) {
      List<String> ids = ctx.store.ids(ctx.conn, Entity.ISSUES, projectId, null, STORE_PAGE);
      if (ids.isEmpty()) break;
      Instant at = ctx.now();
      List<Archival> archivals = new ArrayList<>(ids.size());
      for (String id : ids) archivals.add(new Archival(id, at, "project archived"));
      boolean last = ids.size() < STORE_PAGE;
      ctx.commit(s, projectId, List.of(), List.of(), archivals,
          last ? ctx.checkpoint(IssueStreams.ISSUES, projectId, Map.of()) : null, 0);
      marked += ids.size();
      if (last) break;
    }
    if (marked > 0) {
      ctx.note(IssueStreams.ISSUES, marked + " issues of archived project " + projectId + " marked archived");
    }
  }

  /**
   * Asks {@code issue/bulkfetch} for the candidates, 100 at a time: those it returns are alive (and updated, e.g.
   * moved to another project); each one it leaves out is asked for with {@code GET issue/{id}}: answered, it is
   * archived; 404, it is tombstoned with its children and inbound links. {@code done} (may be null) is committed
   * with the last batch.
   */
  private void confirmAndTombstone(StreamState s, String projectId, List<String> candidates, String how,
      Checkpoint done) {
    for (int i = 0; i < candidates.size(); i += BULKFETCH_MAX) {
      List<String> batch = candidates.subList(i, Math.min(candidates.size(), i + BULKFETCH_MAX));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("issueIdsOrKeys", batch);
      body.put("fields", IssueStreams.SEARCH_FIELDS);
      if (issues.readsChangelogs()) body.put("expand", List.of("changelog"));
      JiraRequest r = JiraRequest.post(Endpoints.ISSUE_BULKFETCH).jsonBody(Json.write(body)).safeToRetry().build();
      JsonPage page = ctx.fetchPage(s, 1, r, "issues", false);
      IssueStreams.IssueBatch found = issues.processIssues(s, page.items());
      Set<String> alive = new HashSet<>(found.issueIds);
      List<Tombstone> tombs = new ArrayList<>(found.tombstones);
      List<Archival> archivals = new ArrayList<>();
      Instant at = ctx.now();
      for (String id : batch) {
        if (alive.contains(id)) continue;
        if (stillReadable(id)) archivals.add(new Archival(id, at, how + "+issue"));
        else tombs.add(new Tombstone(Entity.ISSUES, id, at, how + "+bulkfetch"));
      }
      boolean lastBatch = i + BULKFETCH_MAX >= candidates.size();
      ctx.commit(s, projectId, found.records, tombs, archivals, lastBatch ? done : null, page.items().size());
      if (!archivals.isEmpty()) {
        ctx.note(IssueStreams.ISSUES, archivals.size() + " issues of project " + projectId
            + " left search but Jira still answers them: marked archived, not deleted");
      }
    }
    if (candidates.isEmpty() && done != null) ctx.commit(s, projectId, List.of(), List.of(), done, 0);
  }

  /**
   * Whether Jira still answers {@code GET issue/{id}} for an issue that search and {@code bulkfetch} no longer list:
   * then it is archived, not deleted. 404 means deleted; any other failure is thrown (nothing is tombstoned then).
   */
  private boolean stillReadable(String issueId) {
    JiraRequest r = JiraRequest.get("rest/api/3/issue/" + issueId).query("fields", "id").build();
    try {
      ctx.execute(r, body -> Boolean.TRUE);
      return true;
    } catch (JiraApiException e) {
      if (e.status() == 404) return false;
      throw e;
    }
  }
}
