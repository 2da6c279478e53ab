package dev.jirasdk.sync.internal;

import dev.jirasdk.auth.JiraApiException;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.sync.Tombstone;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The Jira Software streams read from the Agile API: boards (one site-wide listing) and sprints (one listing per
 * board, each board a partition with its own checkpoint). Sprint membership is not read here but from the issues'
 * Sprint field ({@link SprintMembership}), which costs no request beyond the issue search.
 *
 * <p>Boards are listed whole on every run, so a deleted board (and its sprints) is tombstoned on the next run. A
 * full run lists every sprint of every board and tombstones those no longer listed. An incremental run lists only
 * {@code state=future,active} sprints of each board, and reads one by one the sprints the board's checkpoint
 * remembers as open but that are no longer listed (closed meanwhile, or deleted: a 404 tombstones them). Closed
 * sprints are therefore read once when they close and again only by a full run.
 */
final class AgileStreams {
  static final String BOARDS = Entity.BOARDS.streamName();
  static final String SPRINTS = Entity.SPRINTS.streamName();
  static final String BOARD_LIST = "rest/agile/1.0/board";
  static final String BOARD_SPRINTS = "rest/agile/1.0/board/{boardId}/sprint";
  static final String SPRINT = "rest/agile/1.0/sprint/";
  /** Jira answers the page size it allows (50); asking for more is harmless, asking for less costs requests. */
  static final int PAGE_SIZE = 50;
  /** No documented limit; a generous bound on one board's sprint listing (on top of the cap from Jira's total). */
  static final long MAX_SPRINTS_PER_BOARD = 5_000;
  /** Most sprints remembered open per board (Jira boards have a handful; a bound keeps checkpoints small). */
  static final int MAX_OPEN = 1_000;

  private final RunContext ctx;

  AgileStreams(RunContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Scopes a stream needs besides its endpoint's: every Agile stream starts from the board listing, which needs
   * {@code read:board-scope:jira-software} and {@code read:project:jira}. Empty for other streams.
   */
  static Set<String> scopes(Entity e) {
    return switch (e) {
      case BOARDS, SPRINTS -> Set.of(Endpoints.READ_BOARD_SCOPE, Endpoints.READ_PROJECT);
      default -> Set.of();
    };
  }

  // ------------------------------------------------------------------------------------------- planning

  /**
   * Lists the boards on the run's thread (like the project listing) and adds the tasks: the boards stream
   * stores the listing, the sprints stream reads each board that may have sprints (one partition per board) and
   * tombstones the sprints of boards that are gone. Streams in {@code skipped} lack a scope and get no task here.
   */
  void plan(Map<String, List<Runnable>> tasks, Set<String> skipped,
      BiFunction<String, Runnable, Runnable> partitionTask) {
    boolean boards = tasks.containsKey(BOARDS) && !skipped.contains(BOARDS);
    boolean sprints = tasks.containsKey(SPRINTS) && !skipped.contains(SPRINTS);
    if (!boards && !sprints) return;
    StreamState listing = ctx.streams.get(boards ? BOARDS : SPRINTS);
    List<RawItem> list;
    try {
      list = listBoards(listing);
    } catch (RuntimeException e) {
      if (boards) tasks.get(BOARDS).add(rethrow(e));
      if (sprints) tasks.get(SPRINTS).add(rethrow(e));
      return;
    }
    if (boards) tasks.get(BOARDS).add(() -> commitBoards(ctx.streams.get(BOARDS), list));
    if (!sprints) return;
    StreamState s = ctx.streams.get(SPRINTS);
    Set<String> boardIds = new HashSet<>();
    for (RawItem b : list) {
      String id = Json.str(b.value(), "id");
      if (!Ids.numeric(id)) {
        ctx.invalidId(SPRINTS, Ids.shown(id), "board", id, "GET /" + BOARD_LIST);
        continue;
      }
      boardIds.add(id);
      if ("kanban".equals(Json.str(b.value(), "type"))) continue;
      tasks.get(SPRINTS).add(partitionTask.apply(id, () -> boardSprints(s, id)));
    }
    tasks.get(SPRINTS).add(() -> sprintsOfGoneBoards(s, boardIds));
  }

  private static Runnable rethrow(RuntimeException e) {
    return () -> {
      throw e;
    };
  }

  /** Every board the connection can see (guarded: progress and a cap from Jira's total). */
  List<RawItem> listBoards(StreamState s) {
    Endpoints.Endpoint ep = Endpoints.of(Entity.BOARDS);
    Paginator p = ep.paginator(ctx.fetcher(s, ep.weight()), PAGE_SIZE, null);
    List<RawItem> all = new ArrayList<>();
    while (p.hasNext()) all.addAll(p.next().items());
    return all;
  }

  // ------------------------------------------------------------------------------------------- boards

  /** Stores the listed boards and tombstones stored boards no longer listed. */
  void commitBoards(StreamState s, List<RawItem> items) {
    Set<String> seen = new HashSet<>();
    List<SyncRecord> records = new ArrayList<>();
    for (RawItem b : items) {
      SyncRecord r = board(b);
      if (r == null || !seen.add(r.id())) continue;
      records.add(r);
      if (records.size() == ctx.settings.pageSize()) {
        ctx.commit(s, Checkpoint.GLOBAL, records, List.of(), null, records.size());
        records = new ArrayList<>();
      }
    }
    Instant at = ctx.now();
    List<Tombstone> gone = new ArrayList<>();
    ctx.store.forEachId(ctx.conn, Entity.BOARDS, null, id -> {
      if (!seen.contains(id)) gone.add(new Tombstone(Entity.BOARDS, id, at, "absent from the board listing"));
    });
    ctx.commit(s, Checkpoint.GLOBAL, records, gone,
        ctx.checkpoint(BOARDS, Checkpoint.GLOBAL, Map.of("at", at.toEpochMilli())), records.size());
  }

  static SyncRecord board(RawItem item) {
    Object v = item.value();
    String id = Json.str(v, "id");
    if (id == null || id.isEmpty()) return null;
    Map<String, Object> c = new LinkedHashMap<>();
    put(c, Columns.Board.NAME, Json.str(v, "name"));
    put(c, Columns.Board.TYPE, Json.str(v, "type"));
    put(c, Columns.Board.PROJECT_ID, Json.str(v, "location", "projectId"));
    put(c, Columns.Board.PROJECT_KEY, Json.str(v, "location", "projectKey"));
    return item.record(Entity.BOARDS, id, null, null, c);
  }

  // ------------------------------------------------------------------------------------------- sprints

  /** One board's sprints (see the class comment); the board's checkpoint remembers its open sprints. */
  void boardSprints(StreamState s, String boardId) {
    Map<String, Object> cp = ctx.readCheckpoint(SPRINTS, boardId);
    boolean full = ctx.request.mode() == SyncMode.FULL || !(cp.get("open") instanceof List);
    Set<String> wasOpen = new HashSet<>();
    if (cp.get("open") instanceof List<?> l) for (Object o : l) if (o instanceof String id) wasOpen.add(id);
    Endpoints.Endpoint ep = Endpoints.of(Entity.SPRINTS);
    List<Map.Entry<String, String>> query = full ? List.of() : List.of(Map.entry("state", "future,active"));
    PageBeanPaginator p = new PageBeanPaginator(ctx.fetcher(s, ep.weight(), boardId),
        BOARD_SPRINTS.replace("{boardId}", boardId), query, PAGE_SIZE, ep.itemsField(), MAX_SPRINTS_PER_BOARD);
    Set<String> seen = new HashSet<>();
    List<String> open = new ArrayList<>();
    try {
      while (p.hasNext()) {
        JsonPage page = p.next();
        List<SyncRecord> records = new ArrayList<>();
        for (RawItem item : page.items()) {
          SyncRecord r = sprint(item, boardId);
          if (r == null || !seen.add(r.id())) continue;
          records.add(r);
          if (!"closed".equals(r.column(Columns.Sprint.STATE)) && open.size() < MAX_OPEN) open.add(r.id());
        }
        if (!records.isEmpty()) ctx.commit(s, boardId, records, List.of(), null, page.items().size());
      }
    } catch (JiraApiException e) {
      // A board without the sprint feature (team-managed boards can turn it off) answers 400: no sprints.
      if (e.status() != 400) throw e;
      ctx.note(SPRINTS, "board " + boardId + " does not support sprints: " + String.join("; ", e.errorMessages()));
    }
    Instant at = ctx.now();
    List<SyncRecord> closed = new ArrayList<>();
    List<Tombstone> gone = new ArrayList<>();
    if (full) {
      ctx.store.forEachId(ctx.conn, Entity.SPRINTS, boardId, id -> {
        if (!seen.contains(id)) gone.add(new Tombstone(Entity.SPRINTS, id, at, "absent from the sprints of board "
            + boardId));
      });
    } else {
      for (String id : new java.util.TreeSet<>(wasOpen)) {
        if (seen.contains(id) || !Ids.numeric(id)) continue;
        RawItem item = readSprint(s, id);
        if (item == null) {
          gone.add(new Tombstone(Entity.SPRINTS, id, at, "sprint no longer exists"));
        } else {
          SyncRecord r = sprint(item, boardId);
          if (r != null) closed.add(r);
        }
      }
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("at", at.toEpochMilli());
    v.put("open", open);
    v.put("fullAt", full ? at.toEpochMilli() : cp.get("fullAt"));
    ctx.commit(s, boardId, closed, gone, ctx.checkpoint(SPRINTS, boardId, v), closed.size());
  }

  /** One sprint by id, or null when Jira says it does not exist (404). */
  private RawItem readSprint(StreamState s, String sprintId) {
    JiraRequest req = JiraRequest.get(SPRINT + sprintId).build();
    try {
      RawItem item = ctx.execute(req, body -> RawItem.of(null, new String(body.readAllBytes(), StandardCharsets.UTF_8)));
      s.addRequest(1);
      return item;
    } catch (JiraApiException e) {
      s.addRequest(1);
      if (e.status() == 404) return null;
      throw e;
    }
  }

  /**
   * Tombstones the stored sprints of boards listed by the previous run but not by this one (a deleted board takes
   * its sprints). The boards of the last listing are kept in the stream's global checkpoint, so this costs one
   * store query per board gone, never a scan of every sprint.
   */
  void sprintsOfGoneBoards(StreamState s, Set<String> boardIds) {
    Map<String, Object> cp = ctx.readCheckpoint(SPRINTS, Checkpoint.GLOBAL);
    Instant at = ctx.now();
    List<Tombstone> gone = new ArrayList<>();
    if (cp.get("boards") instanceof List<?> before) {
      for (Object o : before) {
        if (!(o instanceof String board) || boardIds.contains(board)) continue;
        ctx.store.forEachId(ctx.conn, Entity.SPRINTS, board, id ->
            gone.add(new Tombstone(Entity.SPRINTS, id, at, "board " + board + " is gone")));
      }
    }
    ctx.commit(s, Checkpoint.GLOBAL, List.of(), gone, ctx.checkpoint(SPRINTS, Checkpoint.GLOBAL,
        Map.of("at", at.toEpochMilli(), "boards", new ArrayList<>(new java.util.TreeSet<>(boardIds)))), 0);
  }

  static SyncRecord sprint(RawItem item, String boardId) {
    Object v = item.value();
    String id = Json.str(v, "id");
    if (id == null || id.isEmpty()) return null;
    Map<String, Object> c = new LinkedHashMap<>();
    String origin = Json.str(v, "originBoardId");
    put(c, Columns.Sprint.NAME, Json.str(v, "name"));
    put(c, Columns.Sprint.BOARD_ID, origin != null ? origin : boardId);
    put(c, Columns.Sprint.STATE, Json.str(v, "state"));
    put(c, Columns.Sprint.START_DATE, Json.instant(v, "startDate"));
    put(c, Columns.Sprint.END_DATE, Json.instant(v, "endDate"));
    put(c, Columns.Sprint.COMPLETE_DATE, Json.instant(v, "completeDate"));
    put(c, Columns.Sprint.GOAL, Json.str(v, "goal"));
    return item.record(Entity.SPRINTS, id, boardId, null, c);
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) m.put(k, v);
  }
}
