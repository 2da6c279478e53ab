package dev.jirasdk.store.sqlite;

import dev.jirasdk.store.jdbc.EntityColumns;
import dev.jirasdk.sync.Entity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link Entity}'s table {@code jira_<stream>} in SQLite: its typed columns (shared with every SQL store,
 * {@link EntityColumns}) and the SQLite statements that use them.
 */
final class EntityTable {
  /** A typed SQL column filled from the record's column {@code key}. */
  record Column(String sqlName, String key) {}

  private static final Map<Entity, EntityTable> TABLES = new EnumMap<>(Entity.class);

  static {
    for (Entity e : Entity.values()) {
      List<Column> columns = new ArrayList<>();
      for (EntityColumns.Column c : EntityColumns.of(e)) columns.add(new Column(c.sqlName(), c.key()));
      TABLES.put(e, new EntityTable(e, columns));
    }
  }

  final Entity entity;
  final String table;
  final List<Column> columns;
  final String upsertSql;
  /** What {@code SyncTables.stored} reads: the common columns, then archived_at (issues only, V007; else NULL). */
  final String selectColumns;

  private EntityTable(Entity entity, List<Column> columns) {
    this.entity = entity;
    this.table = EntityColumns.table(entity);
    this.columns = List.copyOf(columns);
    this.selectColumns = "id, parent_id, updated, raw_json, columns_json, content_hash, synced_at, deleted_at, "
        + (entity == Entity.ISSUES ? "archived_at" : "NULL");
    StringBuilder names = new StringBuilder("connection_id, id, parent_id, updated");
    StringBuilder marks = new StringBuilder("?, ?, ?, ?");
    StringBuilder updates = new StringBuilder("parent_id = excluded.parent_id, updated = excluded.updated");
    for (Column col : columns) {
      names.append(", ").append(col.sqlName());
      marks.append(", ?");
      updates.append(", ").append(col.sqlName()).append(" = excluded.").append(col.sqlName());
    }
    names.append(", raw_json, columns_json, content_hash, synced_at, deleted_at, deleted_reason");
    // The raw JSON is bound as its UTF-8 bytes and stored as TEXT: no decode to a String and no re-encode.
    marks.append(", CAST(? AS TEXT), ?, ?, ?, NULL, NULL");
    updates.append(", raw_json = excluded.raw_json, columns_json = excluded.columns_json,"
        + " content_hash = excluded.content_hash, synced_at = excluded.synced_at, deleted_at = NULL,"
        + " deleted_reason = NULL" + (entity == Entity.ISSUES ? ", archived_at = NULL" : ""));
    this.upsertSql = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")"
        + " ON CONFLICT (connection_id, id) DO UPDATE SET " + updates;
  }

  static EntityTable of(Entity entity) {
    return TABLES.get(entity);
  }
}
