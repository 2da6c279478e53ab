package dev.jirasdk.store.postgres;

import dev.jirasdk.store.jdbc.EntityColumns;
import dev.jirasdk.store.jdbc.RecordCodec;
import dev.jirasdk.store.jdbc.RunCodec;
import dev.jirasdk.store.jdbc.StoredTimes;
import dev.jirasdk.sync.Archival;
import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.PageResult;
import dev.jirasdk.sync.RecordCursor;
import dev.jirasdk.sync.RecordPage;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.StoredRecord;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncStore;
import dev.jirasdk.sync.Tombstone;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@link dev.jirasdk.sync.SyncStore} half of {@link PostgresStore}: entity tables, tombstones, checkpoints,
 * runs. A page is one transaction: one statement per entity upserts what is new or changed, skips what is
 * unchanged, says which rows it created or updated, and replaces the checkpoint ({@link #upsertSql}); one
 * statement per tombstone marks rows deleted and logs them.
 */
final class PgSyncTables {
  private static final String SELECT_COLUMNS =
      "id, parent_id, updated, raw_json, columns_json, content_hash, synced_at, deleted_at";
  /** Archived issues (V003): not live, so deleted_at is set too (reason 'archived'); archived_at tells them apart. */
  static final String ARCHIVE_SQL = "UPDATE jira_issues SET deleted_at = ?, deleted_reason = 'archived',"
      + " archived_at = ? WHERE connection_id = ? AND id = ? AND deleted_at IS NULL";

  /** The columns {@link #stored} reads: the common ones, then archived_at (issues only, else NULL). */
  private static String selectColumns(Entity entity) {
    return SELECT_COLUMNS + (entity == Entity.ISSUES ? ", archived_at" : ", NULL");
  }
  /** Rows per upsert statement: 1,000 issues bind 27,000 parameters, well under the protocol's 65,535. */
  static final int ROWS_PER_STATEMENT = 1_000;

  private static final String CHECKPOINT_UPSERT = "INSERT INTO sync_checkpoints (connection_id, stream,"
      + " partition_key, value, saved_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (connection_id, stream, partition_key)"
      + " DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at";

  /**
   * A live row's id as a number, when it is a decimal number of 1 to 18 digits (null otherwise): the key of the
   * issues' index {@code jira_issues_live_by_number} (schema version 7), word for word, so the planner matches it.
   */
  static final String ID_NUMBER = "(CASE WHEN id ~ '^[0-9]{1,18}$' THEN id::bigint END)";
  /** The predicate of that partial index, word for word: live rows with a numeric id. */
  static final String NUMERIC_LIVE = "deleted_at IS NULL AND id ~ '^[0-9]{1,18}$'";

  private final PgDatabase db;
  private final Clock clock;

  PgSyncTables(PgDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * One statement that upserts {@code rows} records of {@code entity} and says which it wrote: {@code INSERT …
   * ON CONFLICT (connection_id, id) DO UPDATE … WHERE} the stored row's hash differs or it is a tombstone,
   * {@code RETURNING} for each written row whether it was inserted ({@code xmax = 0}). A record whose stored
   * twin is live with the same hash is not written at all, not even its {@code synced_at}, and not returned.
   * With {@code checkpoint}, the same statement replaces the page's checkpoint. The raw JSON is bound as its
   * UTF-8 bytes and stored as text ({@code convert_from}, which also refuses bytes that are not UTF-8), lists
   * as jsonb.
   */
  static String upsertSql(Entity entity, int rows, boolean checkpoint) {
    StringBuilder names = new StringBuilder("connection_id, id, parent_id, updated");
    StringBuilder row = new StringBuilder("(?, ?, ?, ?");
    StringBuilder updates = new StringBuilder("parent_id = excluded.parent_id, updated = excluded.updated");
    for (EntityColumns.Column col : EntityColumns.of(entity)) {
      names.append(", ").append(col.sqlName());
      row.append(col.type() == EntityColumns.Type.LIST ? ", ?::jsonb" : ", ?");
      updates.append(", ").append(col.sqlName()).append(" = excluded.").append(col.sqlName());
    }
    row.append(", convert_from(?, 'UTF8'), ?, ?, ?, NULL, NULL)");
    StringBuilder sql = new StringBuilder("WITH written AS (INSERT INTO ").append(EntityColumns.table(entity))
        .append(" AS stored (").append(names)
        .append(", raw_json, columns_json, content_hash, synced_at, deleted_at, deleted_reason) VALUES ");
    for (int i = 0; i < rows; i++) sql.append(i == 0 ? "" : ", ").append(row);
    sql.append(" ON CONFLICT (connection_id, id) DO UPDATE SET ").append(updates)
        .append(", raw_json = excluded.raw_json, columns_json = excluded.columns_json,"
            + " content_hash = excluded.content_hash, synced_at = excluded.synced_at, deleted_at = NULL,"
            + " deleted_reason = NULL" + (entity == Entity.ISSUES ? ", archived_at = NULL" : "")
            + " WHERE stored.content_hash <> excluded.content_hash OR stored.deleted_at IS NOT NULL"
            + " RETURNING xmax = 0 AS inserted)");
    if (checkpoint) sql.append(", checkpoint AS (").append(CHECKPOINT_UPSERT).append(")");
    return sql.append(" SELECT inserted FROM written").toString();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Writes

  PageResult commitPage(String connectionId, SyncPage page) {
    return commitPage(connectionId, page, null);
  }

  /**
   * Commits a page; {@code fence}, if given, runs first in the same transaction and throws to refuse the page (the
   * claim check of a fenced commit).
   */
  PageResult commitPage(String connectionId, SyncPage page, dev.jirasdk.store.jdbc.@Nullable JdbcWork<Void> fence) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(page, "page == null");
    String now = StoredTimes.format(clock.instant());
    // Bind everything before the transaction: a column of the wrong type fails without touching the database.
    Map<Entity, List<BoundRecord>> byEntity = new EnumMap<>(Entity.class);
    for (SyncRecord r : page.records()) {
      byEntity.computeIfAbsent(r.entity(), k -> new ArrayList<>()).add(BoundRecord.of(connectionId, r, now));
    }
    String checkpointText = page.checkpoint() == null ? ""
        : " (checkpoint " + page.checkpoint().stream() + "/" + page.checkpoint().partition() + ")";
    return db.write("commit a page of connection " + connectionId + checkpointText, false, c -> {
      if (fence != null) fence.run(c);
      Map<Entity, long[]> counts = new EnumMap<>(Entity.class);
      Checkpoint checkpoint = page.checkpoint();
      for (Map.Entry<Entity, List<BoundRecord>> group : byEntity.entrySet()) {
        long[] n = counts.computeIfAbsent(group.getKey(), k -> new long[4]);
        for (List<BoundRecord> statement : statements(group.getValue())) {
          upsert(c, connectionId, group.getKey(), statement, checkpoint, n);
          checkpoint = null; // replaced by the first statement
        }
      }
      for (Tombstone t : page.tombstones()) {
        tombstone(c, connectionId, t, t.entity(), "id", counts);
        if (t.entity() == Entity.ISSUES) {
          for (Entity child : Entity.values()) {
            if (child.isIssueChild()) tombstone(c, connectionId, t, child, "parent_id", counts);
          }
          // Links of other issues that point at it (a link is stored only under the issue naming its outwardIssue).
          tombstone(c, connectionId, t, Entity.ISSUE_LINKS, "outward_issue_id", counts);
        }
      }
      archive(c, connectionId, page.archivals());
      if (checkpoint != null) saveCheckpoint(c, connectionId, checkpoint);
      Map<Entity, Counts> result = new EnumMap<>(Entity.class);
      counts.forEach((e, n) -> {
        if (n[0] + n[1] + n[2] + n[3] > 0) result.put(e, new Counts(n[0], n[1], n[2], n[3]));
      });
      return new PageResult(result);
    });
  }

  /**
   * Splits an entity's records into statements of at most {@link #ROWS_PER_STATEMENT} rows in which no id
   * repeats (one INSERT … ON CONFLICT may not touch a row twice): a record repeated within the page goes into
   * the next statement and is compared with what the previous one wrote, as if the page were applied in order.
   */
  static List<List<BoundRecord>> statements(List<BoundRecord> records) {
    List<List<BoundRecord>> out = new ArrayList<>();
    List<BoundRecord> current = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (BoundRecord r : records) {
      if (current.size() == ROWS_PER_STATEMENT || !ids.add(r.id())) {
        out.add(current);
        current = new ArrayList<>();
        ids.clear();
        ids.add(r.id());
      }
      current.add(r);
    }
    if (!current.isEmpty()) out.add(current);
    return out;
  }

  /** Upserts one statement's records; counts: created, updated, unchanged, deleted. */
  private static void upsert(Connection c, String connectionId, Entity entity, List<BoundRecord> records,
      Checkpoint checkpoint, long[] counts) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(upsertSql(entity, records.size(), checkpoint != null))) {
      int next = 1;
      for (BoundRecord r : records) next = r.bindTo(ps, next);
      if (checkpoint != null) bindCheckpoint(ps, next, connectionId, checkpoint);
      long written = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          written++;
          counts[rs.getBoolean(1) ? 0 : 1]++;
        }
      }
      counts[2] += records.size() - written;
    }
  }

  /** Marks the live rows matching {@code column = t.id()} deleted and logs each in {@code tombstones}. */
  private static void tombstone(Connection c, String connectionId, Tombstone t, Entity entity, String column,
      Map<Entity, long[]> counts) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("WITH deleted AS (UPDATE " + EntityColumns.table(entity)
        + " SET deleted_at = ?, deleted_reason = ? WHERE connection_id = ? AND " + column + " = ?"
        + " AND deleted_at IS NULL RETURNING connection_id, id, parent_id, deleted_at, deleted_reason)"
        + " INSERT INTO tombstones (connection_id, entity, id, parent_id, deleted_at, reason)"
        + " SELECT connection_id, ?, id, parent_id, deleted_at, deleted_reason FROM deleted ORDER BY id")) {
      ps.setString(1, StoredTimes.format(t.deletedAt()));
      ps.setString(2, t.reason());
      ps.setString(3, connectionId);
      ps.setString(4, t.id());
      ps.setString(5, entity.streamName());
      int n = ps.executeUpdate();
      if (n > 0) counts.computeIfAbsent(entity, k -> new long[4])[3] += n;
    }
  }

  private static void saveCheckpoint(Connection c, String connectionId, Checkpoint cp) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CHECKPOINT_UPSERT)) {
      bindCheckpoint(ps, 1, connectionId, cp);
      ps.executeUpdate();
    }
  }

  private static void bindCheckpoint(PreparedStatement ps, int first, String connectionId, Checkpoint cp)
      throws SQLException {
    ps.setString(first, connectionId);
    ps.setString(first + 1, cp.stream());
    ps.setString(first + 2, cp.partition());
    ps.setString(first + 3, cp.value());
    ps.setString(first + 4, StoredTimes.format(cp.savedAt()));
  }

  int clearCheckpoints(String connectionId, String stream) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(stream, "stream == null");
    return db.write("clear the checkpoints of stream " + stream + " of connection " + connectionId, false, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM sync_checkpoints WHERE connection_id = ?"
          + " AND stream = ?")) {
        ps.setString(1, connectionId);
        ps.setString(2, stream);
        return ps.executeUpdate();
      }
    });
  }

  void saveRun(SyncRun run) {
    Objects.requireNonNull(run, "run == null");
    Counts sum = Counts.ZERO;
    for (Counts x : run.counts().values()) sum = sum.plus(x);
    Object[] values = {run.runId(), run.connectionId(), run.mode().name(), run.status().name(),
        StoredTimes.format(run.startedAt()), StoredTimes.format(run.finishedAt()), run.requests(), run.points(),
        run.estimatedIssues(), sum.created(), sum.updated(), sum.unchanged(), sum.deleted(),
        (long) run.errors().size(), run.errors().isEmpty() ? null : run.errors().get(0).describe(),
        RunCodec.encodeStreams(run.streams()), RunCodec.encodeErrors(run.errors()),
        RunCodec.encodeNotes(run.notes())};
    db.write("save sync run " + run.runId() + " of connection " + run.connectionId(), false, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_runs (run_id, connection_id, mode, status,"
          + " started_at, finished_at, requests, points, estimated_issues, created, updated, unchanged, deleted,"
          + " error_count, first_error, streams_json, errors_json, notes_json)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET"
          + " connection_id = excluded.connection_id, mode = excluded.mode, status = excluded.status,"
          + " started_at = excluded.started_at, finished_at = excluded.finished_at, requests = excluded.requests,"
          + " points = excluded.points, estimated_issues = excluded.estimated_issues, created = excluded.created,"
          + " updated = excluded.updated, unchanged = excluded.unchanged, deleted = excluded.deleted,"
          + " error_count = excluded.error_count, first_error = excluded.first_error,"
          + " streams_json = excluded.streams_json, errors_json = excluded.errors_json,"
          + " notes_json = excluded.notes_json")) {
        for (int i = 0; i < values.length; i++) {
          if (values[i] instanceof Long l) {
            ps.setLong(i + 1, l);
          } else {
            ps.setString(i + 1, (String) values[i]);
          }
        }
        return ps.executeUpdate();
      }
    });
  }

  void deleteConnection(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    db.write("delete the synced data of connection " + connectionId, false, c -> {
      List<String> tables = new ArrayList<>();
      for (Entity e : Entity.values()) tables.add(EntityColumns.table(e));
      tables.addAll(List.of("tombstones", "sync_checkpoints", "sync_runs"));
      for (String table : tables) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE connection_id = ?")) {
          ps.setString(1, connectionId);
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reads

  Optional<Checkpoint> checkpoint(String connectionId, String stream, String partition) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(stream, "stream == null");
    Objects.requireNonNull(partition, "partition == null");
    return db.read("read a checkpoint of connection " + connectionId, c -> {
      List<Checkpoint> found = checkpoints(c, connectionId, stream, partition);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    });
  }

  List<Checkpoint> checkpoints(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return db.read("list the checkpoints of connection " + connectionId, c -> checkpoints(c, connectionId, null, null));
  }

  private static List<Checkpoint> checkpoints(Connection c, String connectionId, String stream, String partition)
      throws SQLException {
    List<Checkpoint> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT stream, partition_key, value, saved_at FROM"
        + " sync_checkpoints WHERE connection_id = ?" + (stream == null ? "" : " AND stream = ? AND partition_key = ?")
        + " ORDER BY stream, partition_key")) {
      ps.setString(1, connectionId);
      if (stream != null) {
        ps.setString(2, stream);
        ps.setString(3, partition);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Checkpoint(rs.getString(1), rs.getString(2), rs.getString(3),
              StoredTimes.parse(rs.getString(4))));
        }
      }
    }
    return out;
  }

  Optional<StoredRecord> find(String connectionId, Entity entity, String id) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    Objects.requireNonNull(id, "id == null");
    return db.read("read " + entity.streamName() + " " + id + " of connection " + connectionId, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + selectColumns(entity) + " FROM "
          + EntityColumns.table(entity) + " WHERE connection_id = ? AND id = ?")) {
        ps.setString(1, connectionId);
        ps.setString(2, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(stored(entity, rs)) : Optional.empty();
        }
      }
    });
  }

  /**
   * The paged read, in the order of the by-updated index {@code (connection_id, coalesce(updated, ''), id)};
   * PostgreSQL turns the row comparison after the cursor into a range of that index, so a page costs O(limit).
   */
  static String recordsSql(Entity entity, boolean hasCursor, boolean includeDeleted) {
    return "SELECT " + selectColumns(entity) + " FROM " + EntityColumns.table(entity) + " WHERE connection_id = ?"
        + (hasCursor ? " AND (coalesce(updated, ''), id) > (?, ?)" : "")
        + (includeDeleted ? "" : " AND deleted_at IS NULL")
        + " ORDER BY coalesce(updated, ''), id LIMIT ?";
  }

  RecordPage records(String connectionId, Entity entity, RecordCursor after, int limit, boolean includeDeleted) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
    return db.read("read a page of " + entity.streamName() + " of connection " + connectionId, c -> {
      List<StoredRecord> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(recordsSql(entity, after != null, includeDeleted))) {
        int i = 1;
        ps.setString(i++, connectionId);
        if (after != null) {
          ps.setString(i++, after.updated() == null ? "" : StoredTimes.format(after.updated()));
          ps.setString(i++, after.id());
        }
        ps.setLong(i, limit == Integer.MAX_VALUE ? limit : limit + 1L);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) items.add(stored(entity, rs));
        }
      }
      if (items.size() <= limit) return new RecordPage(items, Optional.empty());
      List<StoredRecord> page = items.subList(0, limit);
      return new RecordPage(page, Optional.of(RecordCursor.after(page.get(limit - 1).record())));
    });
  }

  List<String> ids(String connectionId, Entity entity, String parentId, String afterId, int limit) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
    return db.read("list ids of " + entity.streamName() + " of connection " + connectionId, c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + EntityColumns.table(entity)
          + " WHERE connection_id = ?" + (parentId == null ? " AND parent_id IS NULL" : " AND parent_id = ?")
          + (afterId == null ? "" : " AND id > ?") + " AND deleted_at IS NULL ORDER BY id LIMIT ?")) {
        int i = 1;
        ps.setString(i++, connectionId);
        if (parentId != null) ps.setString(i++, parentId);
        if (afterId != null) ps.setString(i++, afterId);
        ps.setInt(i, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  /** Live ids of the children of all {@code parentIds}: one query ({@code parent_id = ANY(?)}). */
  Map<String, Set<String>> idsByParent(String connectionId, Entity entity, Collection<String> parentIds) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    List<String> parents = new ArrayList<>(new LinkedHashSet<>(parentIds));
    if (parents.isEmpty()) return new HashMap<>();
    return db.read("list ids of " + entity.streamName() + " by parent of connection " + connectionId, c -> {
      Map<String, Set<String>> out = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT parent_id, id FROM " + EntityColumns.table(entity)
          + " WHERE connection_id = ? AND parent_id = ANY(?) AND deleted_at IS NULL")) {
        ps.setString(1, connectionId);
        ps.setArray(2, textArray(c, parents));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        }
      }
      return out;
    });
  }

  /** The live rows of one parent whose id is numeric; binds connection and parent (when not null). */
  private static String numericIdsOf(Entity entity, String parentId) {
    return " FROM " + EntityColumns.table(entity) + " WHERE connection_id = ?"
        + (parentId == null ? " AND parent_id IS NULL" : " AND parent_id = ?") + " AND " + NUMERIC_LIVE;
  }

  /** Two descents of the numeric index (PostgreSQL turns min and max into ordered index scans, LIMIT 1). */
  static String idSpanSql(Entity entity, String parentId) {
    return "SELECT min(" + ID_NUMBER + "), max(" + ID_NUMBER + ")" + numericIdsOf(entity, parentId);
  }

  /**
   * One range scan of the numeric index from the first bound to the last, each id counted in its range
   * ({@code width_bucket} over the bounds array): one statement however many ranges.
   */
  static String countByIdRangeSql(Entity entity, String parentId) {
    return "SELECT width_bucket(" + ID_NUMBER + ", ?::bigint[]) AS range, count(*)" + numericIdsOf(entity, parentId)
        + " AND " + ID_NUMBER + " >= ? AND " + ID_NUMBER + " < ? GROUP BY 1";
  }

  /** An ordered range scan of the numeric index, read from the index alone. */
  static String idsInRangeSql(Entity entity, String parentId) {
    return "SELECT id" + numericIdsOf(entity, parentId) + " AND " + ID_NUMBER + " >= ? AND " + ID_NUMBER
        + " < ? ORDER BY " + ID_NUMBER + ", id LIMIT ?";
  }

  Optional<SyncStore.IdSpan> idSpan(String connectionId, Entity entity, String parentId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    return db.read("find the id span of " + entity.streamName() + " of connection " + connectionId, c -> {
      try (PreparedStatement ps = c.prepareStatement(idSpanSql(entity, parentId))) {
        bindParent(ps, 1, connectionId, parentId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long min = rs.getLong(1);
          if (rs.wasNull()) return Optional.<SyncStore.IdSpan>empty();
          return Optional.of(new SyncStore.IdSpan(min, rs.getLong(2)));
        }
      }
    });
  }

  long[] countByIdRange(String connectionId, Entity entity, String parentId, long[] bounds) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    Objects.requireNonNull(bounds, "bounds == null");
    if (bounds.length < 2) throw new IllegalArgumentException("need at least two bounds, got " + bounds.length);
    for (int i = 1; i < bounds.length; i++) {
      if (bounds[i] <= bounds[i - 1]) {
        throw new IllegalArgumentException("bounds must ascend strictly: bounds[" + (i - 1) + "] = " + bounds[i - 1]
            + ", bounds[" + i + "] = " + bounds[i]);
      }
    }
    long[] counts = new long[bounds.length - 1];
    return db.read("count " + entity.streamName() + " per id range of connection " + connectionId, c -> {
      try (PreparedStatement ps = c.prepareStatement(countByIdRangeSql(entity, parentId))) {
        int p = 1;
        Long[] boxed = new Long[bounds.length];
        for (int i = 0; i < bounds.length; i++) boxed[i] = bounds[i];
        ps.setArray(p++, c.createArrayOf("bigint", boxed));
        p = bindParent(ps, p, connectionId, parentId);
        ps.setLong(p++, bounds[0]);
        ps.setLong(p, bounds[bounds.length - 1]);
        try (ResultSet rs = ps.executeQuery()) {
          // width_bucket gives i for bounds[i - 1] <= n < bounds[i] (1-based over the array): range i - 1.
          while (rs.next()) counts[rs.getInt(1) - 1] = rs.getLong(2);
        }
      }
      return counts;
    });
  }

  List<String> idsInRange(String connectionId, Entity entity, String parentId, long from, long to, int limit) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
    return db.read("list ids of " + entity.streamName() + " in an id range of connection " + connectionId, c -> {
      List<String> out = new ArrayList<>();
      if (from >= to) return out;
      try (PreparedStatement ps = c.prepareStatement(idsInRangeSql(entity, parentId))) {
        int p = bindParent(ps, 1, connectionId, parentId);
        ps.setLong(p++, from);
        ps.setLong(p++, to);
        ps.setInt(p, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  /** Binds the connection and the parent (when not null) from {@code index}; returns the next index. */
  private static int bindParent(PreparedStatement ps, int index, String connectionId, String parentId)
      throws SQLException {
    ps.setString(index++, connectionId);
    if (parentId != null) ps.setString(index++, parentId);
    return index;
  }

  long count(String connectionId, Entity entity) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    return db.read("count " + entity.streamName() + " of connection " + connectionId,
        c -> count(c, connectionId, entity, false, null));
  }

  long count(String connectionId, Entity entity, String parentId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    return db.read("count " + entity.streamName() + " of connection " + connectionId,
        c -> count(c, connectionId, entity, true, parentId));
  }

  Map<Entity, Long> counts(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return db.read("count the records of connection " + connectionId, c -> {
      Map<Entity, Long> out = new EnumMap<>(Entity.class);
      for (Entity e : Entity.values()) {
        long n = count(c, connectionId, e, false, null);
        if (n > 0) out.put(e, n);
      }
      return out;
    });
  }

  /** Counts live rows; the partial index of live rows by parent answers it. */
  private static long count(Connection c, String connectionId, Entity entity, boolean byParent, String parentId)
      throws SQLException {
    String parent = !byParent ? "" : parentId == null ? " AND parent_id IS NULL" : " AND parent_id = ?";
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + EntityColumns.table(entity)
        + " WHERE connection_id = ?" + parent + " AND deleted_at IS NULL")) {
      ps.setString(1, connectionId);
      if (byParent && parentId != null) ps.setString(2, parentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  List<SyncRun> runs(String connectionId, int limit) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    if (limit < 0) throw new IllegalArgumentException("limit < 0: " + limit);
    return db.read("list the sync runs of connection " + connectionId,
        c -> runs(c, " WHERE connection_id = ? ORDER BY started_at DESC, run_id LIMIT ?", connectionId, limit));
  }

  Optional<SyncRun> run(String runId) {
    Objects.requireNonNull(runId, "runId == null");
    return db.read("read sync run " + runId, c -> {
      List<SyncRun> found = runs(c, " WHERE run_id = ?", runId, -1);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    });
  }

  private static List<SyncRun> runs(Connection c, String filter, String arg, int limit) throws SQLException {
    List<SyncRun> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT run_id, connection_id, mode, status, started_at,"
        + " finished_at, requests, points, estimated_issues, streams_json, errors_json, notes_json FROM sync_runs"
        + filter)) {
      ps.setString(1, arg);
      if (limit >= 0) ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new SyncRun(rs.getString(1), rs.getString(2), SyncMode.valueOf(rs.getString(3)),
              RunStatus.valueOf(rs.getString(4)), StoredTimes.parse(rs.getString(5)),
              StoredTimes.parse(rs.getString(6)), RunCodec.decodeStreams(rs.getString(10)), rs.getLong(7),
              rs.getLong(8), rs.getLong(9), RunCodec.decodeErrors(rs.getString(11)),
              RunCodec.decodeNotes(rs.getString(12))));
        }
      }
    }
    return out;
  }

  private static StoredRecord stored(Entity entity, ResultSet rs) throws SQLException {
    SyncRecord record = new SyncRecord(entity, rs.getString(1), rs.getString(2), StoredTimes.parse(rs.getString(3)),
        RecordCodec.decodeColumns(rs.getString(5)), rs.getString(4));
    String archivedAt = rs.getString(9);
    if (archivedAt != null) {
      return new StoredRecord(record, rs.getString(6), StoredTimes.parse(rs.getString(7)), null,
          StoredTimes.parse(archivedAt));
    }
    return new StoredRecord(record, rs.getString(6), StoredTimes.parse(rs.getString(7)),
        StoredTimes.parse(rs.getString(8)));
  }

  /** Marks the live issues among {@code archivals} archived; nothing is logged or taken along. */
  private static void archive(Connection c, String connectionId, List<Archival> archivals) throws SQLException {
    if (archivals.isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement(ARCHIVE_SQL)) {
      for (Archival a : archivals) {
        String at = StoredTimes.format(a.archivedAt());
        ps.setString(1, at);
        ps.setString(2, at);
        ps.setString(3, connectionId);
        ps.setString(4, a.issueId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static Array textArray(Connection c, List<String> values) throws SQLException {
    return c.createArrayOf("text", values.toArray());
  }

  // ---------------------------------------------------------------------------------------------------------
  // Binding

  /** A record's parameters of {@link #upsertSql}, checked against the SQL types of its table's columns. */
  record BoundRecord(String id, String hash, Object[] values, int[] sqlTypes) {
    static BoundRecord of(String connectionId, SyncRecord r, String now) {
      List<EntityColumns.Column> columns = EntityColumns.of(r.entity());
      Object[] v = new Object[4 + columns.size() + 4];
      int[] types = new int[v.length];
      int i = 0;
      for (String text : new String[] {connectionId, r.id(), r.parentId(), StoredTimes.format(r.updated())}) {
        types[i] = Types.VARCHAR;
        v[i++] = text;
      }
      for (EntityColumns.Column col : columns) {
        Object raw = r.column(col.key());
        types[i] = sqlType(col);
        v[i++] = value(r, col, raw);
      }
      types[i] = Types.BINARY;
      v[i++] = r.rawJsonUtf8();
      types[i] = Types.VARCHAR;
      v[i++] = RecordCodec.encodeColumns(r);
      String hash = r.contentHash(); // SHA-256 of the whole item: computed once
      types[i] = Types.VARCHAR;
      v[i++] = hash;
      types[i] = Types.VARCHAR;
      v[i] = now;
      return new BoundRecord(r.id(), hash, v, types);
    }

    private static int sqlType(EntityColumns.Column col) {
      return switch (col.type()) {
        case INTEGER -> Types.BIGINT;
        case REAL -> Types.DOUBLE;
        case TEXT, LIST -> Types.VARCHAR;
      };
    }

    /** The value for {@code col}'s SQL type; a value that does not fit it is refused naming the column. */
    private static Object value(SyncRecord r, EntityColumns.Column col, Object raw) {
      Object v = RecordCodec.sqlValue(r, col.key(), raw);
      if (v == null) return null;
      if (col.type() == EntityColumns.Type.TEXT) return String.valueOf(v); // as SQLite's text affinity would
      boolean fits = switch (col.type()) {
        case TEXT -> true;
        case INTEGER -> v instanceof Long;
        case REAL -> v instanceof Double || v instanceof Long;
        case LIST -> raw instanceof List;
      };
      if (!fits) {
        throw new IllegalArgumentException("column '" + col.key() + "' of " + r.entity().streamName() + " " + r.id()
            + " is stored in the " + col.type().name().toLowerCase(java.util.Locale.ROOT) + " column "
            + col.sqlName() + " but has type " + raw.getClass().getName());
      }
      return col.type() == EntityColumns.Type.REAL ? ((Number) v).doubleValue() : v;
    }

    /** Binds the record's parameters from index {@code first}; returns the index after them. */
    int bindTo(PreparedStatement ps, int first) throws SQLException {
      for (int i = 0; i < values.length; i++) {
        Object v = values[i];
        int at = first + i;
        if (v == null) {
          ps.setNull(at, sqlTypes[i]);
        } else if (v instanceof Long l) {
          ps.setLong(at, l);
        } else if (v instanceof Double d) {
          ps.setDouble(at, d);
        } else if (v instanceof byte[] bytes) {
          ps.setBytes(at, bytes);
        } else {
          ps.setString(at, (String) v);
        }
      }
      return first + values.length;
    }
  }
}
