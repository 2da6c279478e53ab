package dev.jirasdk.store.sqlite;

import dev.jirasdk.store.jdbc.StoredTimes;
import dev.jirasdk.store.jdbc.RecordCodec;
import dev.jirasdk.store.jdbc.RunCodec;
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
import dev.jirasdk.sync.SyncStore.IdSpan;
import dev.jirasdk.sync.Tombstone;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The {@link dev.jirasdk.sync.SyncStore} half of {@link SqliteStore}: entity tables, checkpoints, runs. */
final class SyncTables {
  /** Bound parameters per {@code IN (...)} lookup; well under SQLite's limit. */
  private static final int LOOKUP_CHUNK = 500;
  /** The links that point at an issue (by the outward index of schema version 4). */
  static final String INBOUND_LINKS = "outward_issue_id = ?";
  /** Ranges per {@code UNION ALL} count statement (four parameters each). */
  private static final int RANGE_CHUNK = 100;

  private final Database db;
  private final Clock clock;

  SyncTables(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
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
    String checkpointText = page.checkpoint() == null ? ""
        : " (checkpoint " + page.checkpoint().stream() + "/" + page.checkpoint().partition() + ")";
    // Bind everything before taking the write lock: a bad column type fails without a transaction.
    Map<Entity, List<SyncRecord>> byEntity = new EnumMap<>(Entity.class);
    for (SyncRecord r : page.records()) byEntity.computeIfAbsent(r.entity(), k -> new ArrayList<>()).add(r);
    Map<SyncRecord, Object[]> bound = new IdentityHashMap<>();
    for (SyncRecord r : page.records()) bound.put(r, bind(connectionId, r, now));
    return db.write("commit a page of connection " + connectionId + checkpointText, false, c -> {
      if (fence != null) fence.run(c);
      Map<Entity, long[]> counts = new EnumMap<>(Entity.class);
      for (Map.Entry<Entity, List<SyncRecord>> group : byEntity.entrySet()) {
        upsert(c, connectionId, EntityTable.of(group.getKey()), group.getValue(), bound,
            counts.computeIfAbsent(group.getKey(), k -> new long[4]));
      }
      for (Tombstone t : page.tombstones()) {
        tombstone(c, connectionId, t, "id = ?", t.id(), t.entity(), counts);
        if (t.entity() == Entity.ISSUES) {
          for (Entity child : Entity.values()) {
            if (child.isIssueChild()) tombstone(c, connectionId, t, "parent_id = ?", t.id(), child, counts);
          }
          // Links of other issues that point at it (a link is stored only under the issue naming its outwardIssue).
          tombstone(c, connectionId, t, INBOUND_LINKS, t.id(), Entity.ISSUE_LINKS, counts);
        }
      }
      archive(c, connectionId, page.archivals());
      if (page.checkpoint() != null) saveCheckpoint(c, connectionId, page.checkpoint());
      Map<Entity, Counts> result = new EnumMap<>(Entity.class);
      counts.forEach((e, n) -> {
        if (n[0] + n[1] + n[2] + n[3] > 0) result.put(e, new Counts(n[0], n[1], n[2], n[3]));
      });
      return new PageResult(result);
    });
  }

  private static void upsert(Connection c, String connectionId, EntityTable table, List<SyncRecord> records,
      Map<SyncRecord, Object[]> bound, long[] counts) throws SQLException {
    Map<String, String[]> existing = existing(c, connectionId, table, records);
    try (PreparedStatement ps = c.prepareStatement(table.upsertSql)) {
      int batched = 0;
      for (SyncRecord r : records) {
        Object[] values = bound.get(r);
        String hash = (String) values[values.length - 2];
        String[] old = existing.get(r.id());
        if (old == null) {
          counts[0]++;
        } else if (old[1] == null && old[0].equals(hash)) {
          counts[2]++; // same content, live: nothing is written, not even synced_at
          continue;
        } else {
          counts[1]++;
        }
        for (int i = 0; i < values.length; i++) setObject(ps, i + 1, values[i]);
        ps.addBatch();
        batched++;
        existing.put(r.id(), new String[] {hash, null});
      }
      if (batched > 0) ps.executeBatch();
    }
  }

  /** Content hash and deleted_at of the stored rows among {@code records}, by id. */
  private static Map<String, String[]> existing(Connection c, String connectionId, EntityTable table,
      List<SyncRecord> records) throws SQLException {
    List<String> ids = records.stream().map(SyncRecord::id).distinct().toList();
    Map<String, String[]> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
      String marks = "?" + ", ?".repeat(chunk.size() - 1);
      try (PreparedStatement ps = c.prepareStatement("SELECT id, content_hash, deleted_at FROM " + table.table
          + " WHERE connection_id = ? AND id IN (" + marks + ")")) {
        ps.setString(1, connectionId);
        for (int i = 0; i < chunk.size(); i++) ps.setString(i + 2, chunk.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
        }
      }
    }
    return out;
  }

  /** Parameter values of {@link EntityTable#upsertSql}, in order; the content hash is second to last. */
  private static Object[] bind(String connectionId, SyncRecord r, String now) {
    EntityTable table = EntityTable.of(r.entity());
    Object[] v = new Object[4 + table.columns.size() + 4];
    int i = 0;
    v[i++] = connectionId;
    v[i++] = r.id();
    v[i++] = r.parentId();
    v[i++] = StoredTimes.format(r.updated());
    for (EntityTable.Column col : table.columns) v[i++] = RecordCodec.sqlValue(r, col.key(), r.column(col.key()));
    v[i++] = r.rawJsonUtf8();
    v[i++] = RecordCodec.encodeColumns(r);
    v[i++] = r.contentHash();
    v[i] = now;
    return v;
  }

  private static void setObject(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.NULL);
    } else if (value instanceof String s) {
      ps.setString(index, s);
    } else if (value instanceof Long l) {
      ps.setLong(index, l);
    } else if (value instanceof Double d) {
      ps.setDouble(index, d);
    } else if (value instanceof byte[] bytes) {
      ps.setBytes(index, bytes);
    } else {
      throw new IllegalStateException("unexpected bound type " + value.getClass());
    }
  }

  private static void tombstone(Connection c, String connectionId, Tombstone t, String where, String key,
      Entity entity, Map<Entity, long[]> counts) throws SQLException {
    String table = EntityTable.of(entity).table;
    String at = StoredTimes.format(t.deletedAt());
    try (PreparedStatement log = c.prepareStatement(tombstoneLogSql(table, where))) {
      log.setString(1, entity.streamName());
      log.setString(2, at);
      log.setString(3, t.reason());
      log.setString(4, connectionId);
      log.setString(5, key);
      log.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET deleted_at = ?, deleted_reason = ?"
        + " WHERE connection_id = ? AND " + where + " AND deleted_at IS NULL")) {
      ps.setString(1, at);
      ps.setString(2, t.reason());
      ps.setString(3, connectionId);
      ps.setString(4, key);
      int n = ps.executeUpdate();
      if (n > 0) counts.computeIfAbsent(entity, k -> new long[4])[3] += n;
    }
  }

  /** Logs the live rows of {@code table} matching {@code where} (one parameter) as tombstones. */
  static String tombstoneLogSql(String table, String where) {
    return "INSERT INTO tombstones (connection_id, entity, id, parent_id, deleted_at, reason) SELECT connection_id, ?,"
        + " id, parent_id, ?, ? FROM " + table + " WHERE connection_id = ? AND " + where
        + " AND deleted_at IS NULL ORDER BY id";
  }

  private static void saveCheckpoint(Connection c, String connectionId, Checkpoint cp) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_checkpoints (connection_id, stream,"
        + " partition_key, value, saved_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (connection_id, stream, partition_key)"
        + " DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at")) {
      ps.setString(1, connectionId);
      ps.setString(2, cp.stream());
      ps.setString(3, cp.partition());
      ps.setString(4, cp.value());
      ps.setString(5, StoredTimes.format(cp.savedAt()));
      ps.executeUpdate();
    }
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
    Counts total = Counts.ZERO;
    for (Counts x : run.counts().values()) total = total.plus(x);
    Counts sum = total;
    db.write("save sync run " + run.runId() + " of connection " + run.connectionId(), false, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO sync_runs (run_id, connection_id, mode,"
          + " status, started_at, finished_at, requests, points, estimated_issues, created, updated, unchanged,"
          + " deleted, error_count, first_error, streams_json, errors_json, notes_json)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, run.runId());
        ps.setString(2, run.connectionId());
        ps.setString(3, run.mode().name());
        ps.setString(4, run.status().name());
        ps.setString(5, StoredTimes.format(run.startedAt()));
        ps.setString(6, StoredTimes.format(run.finishedAt()));
        ps.setLong(7, run.requests());
        ps.setLong(8, run.points());
        ps.setLong(9, run.estimatedIssues());
        ps.setLong(10, sum.created());
        ps.setLong(11, sum.updated());
        ps.setLong(12, sum.unchanged());
        ps.setLong(13, sum.deleted());
        ps.setInt(14, run.errors().size());
        ps.setString(15, run.errors().isEmpty() ? null : run.errors().get(0).describe());
        ps.setString(16, RunCodec.encodeStreams(run.streams()));
        ps.setString(17, RunCodec.encodeErrors(run.errors()));
        ps.setString(18, RunCodec.encodeNotes(run.notes()));
        return ps.executeUpdate();
      }
    });
  }

  void deleteConnection(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    db.write("delete the synced data of connection " + connectionId, false, c -> {
      List<String> tables = new ArrayList<>();
      for (Entity e : Entity.values()) tables.add(EntityTable.of(e).table);
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
      List<Checkpoint> found = checkpoints(c, connectionId, " AND stream = ? AND partition_key = ?", stream, partition);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    });
  }

  List<Checkpoint> checkpoints(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return db.read("list the checkpoints of connection " + connectionId, c -> checkpoints(c, connectionId, ""));
  }

  private static List<Checkpoint> checkpoints(Connection c, String connectionId, String filter, String... args)
      throws SQLException {
    List<Checkpoint> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT stream, partition_key, value, saved_at FROM"
        + " sync_checkpoints WHERE connection_id = ?" + filter + " ORDER BY stream, partition_key")) {
      ps.setString(1, connectionId);
      for (int i = 0; i < args.length; i++) ps.setString(i + 2, args[i]);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Checkpoint(rs.getString(1), rs.getString(2), rs.getString(3), StoredTimes.parse(rs.getString(4))));
        }
      }
    }
    return out;
  }

  Optional<StoredRecord> find(String connectionId, Entity entity, String id) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    Objects.requireNonNull(id, "id == null");
    EntityTable table = EntityTable.of(entity);
    return db.read("read " + entity.streamName() + " " + id + " of connection " + connectionId, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + table.selectColumns + " FROM " + table.table
          + " WHERE connection_id = ? AND id = ?")) {
        ps.setString(1, connectionId);
        ps.setString(2, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(stored(entity, rs)) : Optional.empty();
        }
      }
    });
  }

  /**
   * The paged read, ordered by {@code (ifnull(updated, ''), id)} so that it walks the by-updated index. The
   * cursor is spelled as a range on the index's second column ({@code >= ?}) plus the tie-break, because
   * SQLite does not turn a row-value comparison on an expression index into a range: with
   * {@code (ifnull(updated, ''), id) > (?, ?)} it would scan the connection's rows from the start, making a
   * page near the end of a million rows cost the whole table.
   */
  static String recordsSql(EntityTable table, boolean hasCursor, boolean includeDeleted) {
    return "SELECT " + table.selectColumns + " FROM " + table.table + " WHERE connection_id = ?"
        + (hasCursor ? " AND ifnull(updated, '') >= ? AND (ifnull(updated, '') > ? OR id > ?)" : "")
        + (includeDeleted ? "" : " AND deleted_at IS NULL")
        + " ORDER BY ifnull(updated, ''), id LIMIT ?";
  }

  RecordPage records(String connectionId, Entity entity, RecordCursor after, int limit, boolean includeDeleted) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
    EntityTable table = EntityTable.of(entity);
    return db.read("read a page of " + entity.streamName() + " of connection " + connectionId, c -> {
      List<StoredRecord> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(recordsSql(table, after != null, includeDeleted))) {
        int i = 1;
        ps.setString(i++, connectionId);
        if (after != null) {
          String updated = after.updated() == null ? "" : StoredTimes.format(after.updated());
          ps.setString(i++, updated);
          ps.setString(i++, updated);
          ps.setString(i++, after.id());
        }
        ps.setInt(i, limit == Integer.MAX_VALUE ? limit : limit + 1);
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
    EntityTable table = EntityTable.of(entity);
    return db.read("list ids of " + entity.streamName() + " of connection " + connectionId, c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table.table + " WHERE connection_id = ?"
          + (parentId == null ? " AND parent_id IS NULL" : " AND parent_id = ?")
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

  /** Live ids of the children of {@code parents} parents; walks the by-parent index. */
  static String idsByParentSql(EntityTable table, int parents) {
    return "SELECT parent_id, id FROM " + table.table + " WHERE connection_id = ? AND parent_id IN (?"
        + ", ?".repeat(parents - 1) + ") AND deleted_at IS NULL";
  }

  Map<String, Set<String>> idsByParent(String connectionId, Entity entity, Collection<String> parentIds) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    List<String> parents = new ArrayList<>(new LinkedHashSet<>(parentIds));
    Map<String, Set<String>> out = new HashMap<>();
    if (parents.isEmpty()) return out;
    EntityTable table = EntityTable.of(entity);
    return db.read("list ids of " + entity.streamName() + " by parent of connection " + connectionId, c -> {
      for (int from = 0; from < parents.size(); from += LOOKUP_CHUNK) {
        List<String> chunk = parents.subList(from, Math.min(parents.size(), from + LOOKUP_CHUNK));
        try (PreparedStatement ps = c.prepareStatement(idsByParentSql(table, chunk.size()))) {
          ps.setString(1, connectionId);
          for (int i = 0; i < chunk.size(); i++) ps.setString(i + 2, chunk.get(i));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
          }
        }
      }
      return out;
    });
  }

  /**
   * The live rows of one parent whose id is a decimal number of at most 18 digits, as that number ({@code n}); the
   * issues table answers it from its index on {@code CAST(id AS INTEGER)} (schema version 4).
   */
  private static String numericIdsOf(EntityTable table, String parentId) {
    return " FROM " + table.table + " WHERE connection_id = ?"
        + (parentId == null ? " AND parent_id IS NULL" : " AND parent_id = ?")
        + " AND deleted_at IS NULL AND id <> '' AND length(id) <= 18 AND id NOT GLOB '*[^0-9]*'";
  }

  static String idSpanSql(EntityTable table, String parentId) {
    String from = numericIdsOf(table, parentId);
    return "SELECT (SELECT min(CAST(id AS INTEGER))" + from + "), (SELECT max(CAST(id AS INTEGER))" + from + ")";
  }

  /** One count per range, each a seek on the numeric index: {@code SELECT i, count(*) ... UNION ALL ...}. */
  static String countByIdRangeSql(EntityTable table, String parentId, int ranges) {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < ranges; i++) {
      if (i > 0) sql.append(" UNION ALL ");
      sql.append("SELECT ").append(i).append(", count(*)").append(numericIdsOf(table, parentId))
          .append(" AND CAST(id AS INTEGER) >= ? AND CAST(id AS INTEGER) < ?");
    }
    return sql.toString();
  }

  static String idsInRangeSql(EntityTable table, String parentId) {
    return "SELECT id" + numericIdsOf(table, parentId)
        + " AND CAST(id AS INTEGER) >= ? AND CAST(id AS INTEGER) < ? ORDER BY CAST(id AS INTEGER) LIMIT ?";
  }

  /** Binds connection and parent (if not null) from {@code index}; returns the next index. */
  private static int bindParent(PreparedStatement ps, int index, String connectionId, String parentId)
      throws SQLException {
    ps.setString(index++, connectionId);
    if (parentId != null) ps.setString(index++, parentId);
    return index;
  }

  Optional<IdSpan> idSpan(String connectionId, Entity entity, String parentId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    EntityTable table = EntityTable.of(entity);
    return db.read("find the id span of " + entity.streamName() + " of connection " + connectionId, c -> {
      try (PreparedStatement ps = c.prepareStatement(idSpanSql(table, parentId))) {
        int i = bindParent(ps, 1, connectionId, parentId);
        bindParent(ps, i, connectionId, parentId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long min = rs.getLong(1);
          if (rs.wasNull()) return Optional.<IdSpan>empty();
          return Optional.of(new IdSpan(min, rs.getLong(2)));
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
    EntityTable table = EntityTable.of(entity);
    long[] counts = new long[bounds.length - 1];
    return db.read("count " + entity.streamName() + " per id range of connection " + connectionId, c -> {
      for (int from = 0; from < counts.length; from += RANGE_CHUNK) {
        int n = Math.min(RANGE_CHUNK, counts.length - from);
        try (PreparedStatement ps = c.prepareStatement(countByIdRangeSql(table, parentId, n))) {
          int p = 1;
          for (int r = from; r < from + n; r++) {
            p = bindParent(ps, p, connectionId, parentId);
            ps.setLong(p++, bounds[r]);
            ps.setLong(p++, bounds[r + 1]);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) counts[from + rs.getInt(1)] = rs.getLong(2);
          }
        }
      }
      return counts;
    });
  }

  List<String> idsInRange(String connectionId, Entity entity, String parentId, long from, long to, int limit) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
    EntityTable table = EntityTable.of(entity);
    return db.read("list ids of " + entity.streamName() + " in an id range of connection " + connectionId, c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(idsInRangeSql(table, parentId))) {
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

  long count(String connectionId, Entity entity) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    return db.read("count " + entity.streamName() + " of connection " + connectionId,
        c -> count(c, connectionId, EntityTable.of(entity), false, null));
  }

  long count(String connectionId, Entity entity, String parentId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(entity, "entity == null");
    return db.read("count " + entity.streamName() + " of connection " + connectionId,
        c -> count(c, connectionId, EntityTable.of(entity), true, parentId));
  }

  Map<Entity, Long> counts(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return db.read("count the records of connection " + connectionId, c -> {
      Map<Entity, Long> out = new EnumMap<>(Entity.class);
      for (Entity e : Entity.values()) {
        long n = count(c, connectionId, EntityTable.of(e), false, null);
        if (n > 0) out.put(e, n);
      }
      return out;
    });
  }

  private static long count(Connection c, String connectionId, EntityTable table, boolean byParent, String parentId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(countSql(table, byParent, parentId))) {
      ps.setString(1, connectionId);
      if (byParent && parentId != null) ps.setString(2, parentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** Counts live rows, from the partial index of live rows by parent (never reading the rows themselves). */
  static String countSql(EntityTable table, boolean byParent, String parentId) {
    String parent = !byParent ? "" : parentId == null ? " AND parent_id IS NULL" : " AND parent_id = ?";
    return "SELECT count(*) FROM " + table.table + " WHERE connection_id = ?" + parent + " AND deleted_at IS NULL";
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
              RunStatus.valueOf(rs.getString(4)), StoredTimes.parse(rs.getString(5)), StoredTimes.parse(rs.getString(6)),
              RunCodec.decodeStreams(rs.getString(10)), rs.getLong(7), rs.getLong(8), rs.getLong(9),
              RunCodec.decodeErrors(rs.getString(11)), RunCodec.decodeNotes(rs.getString(12))));
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
    return new StoredRecord(record, rs.getString(6), StoredTimes.parse(rs.getString(7)), StoredTimes.parse(rs.getString(8)));
  }

  /**
   * Marks the live issues among {@code archivals} archived (V007): not live, so deleted_at is set too (reason
   * 'archived'), and archived_at tells them from deleted ones; nothing is logged or taken along.
   */
  private static void archive(Connection c, String connectionId, List<Archival> archivals) throws SQLException {
    if (archivals.isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement("UPDATE jira_issues SET deleted_at = ?, deleted_reason = 'archived',"
        + " archived_at = ? WHERE connection_id = ? AND id = ? AND deleted_at IS NULL")) {
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
}
