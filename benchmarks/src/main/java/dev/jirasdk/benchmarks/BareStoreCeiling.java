package dev.jirasdk.benchmarks;

import dev.jirasdk.store.sqlite.SqliteStore;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RecordCursor;
import dev.jirasdk.sync.RecordPage;
import dev.jirasdk.sync.StoredRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The storing ceiling of the sync benchmark: every row a full sync stored, written again with bare
 * sqlite-jdbc into tables that hold only {@code (connection_id, id, parent_id, raw_json)} with a primary key
 * (no typed columns, no secondary index, no content hash, no checkpoint rows), in transactions of as many rows
 * as 100 issues bring on average, WAL and {@code synchronous=NORMAL} like the store. Only the inserts and
 * commits are timed (reading the rows back is not). A sync must store at least this much, so this bounds its
 * rate from above on the machine, whatever the engine does.
 */
final class BareStoreCeiling {
  private BareStoreCeiling() {}

  record Result(long rows, long nanos) {}

  static Result run(SqliteStore store, String connectionId, Path file, long issues) throws SQLException {
    long rows = 0;
    for (long n : store.counts(connectionId).values()) rows += n;
    long perCommit = Math.max(100, rows * 100 / Math.max(1, issues));
    long nanos = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
        for (Entity e : Entity.values()) {
          s.execute("CREATE TABLE bare_" + e.streamName() + " (connection_id TEXT NOT NULL, id TEXT NOT NULL,"
              + " parent_id TEXT, raw_json TEXT NOT NULL, PRIMARY KEY (connection_id, id))");
        }
      }
      c.setAutoCommit(false);
      long pending = 0;
      for (Entity e : Entity.values()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bare_" + e.streamName()
            + " VALUES (?, ?, ?, CAST(? AS TEXT))")) {
          RecordCursor cursor = null;
          do {
            RecordPage page = store.records(connectionId, e, cursor, 1000, false);
            List<byte[]> raw = new ArrayList<>(page.items().size());
            for (StoredRecord r : page.items()) raw.add(r.record().rawJsonUtf8());
            long t0 = System.nanoTime();
            for (int i = 0; i < raw.size(); i++) {
              StoredRecord r = page.items().get(i);
              ps.setString(1, connectionId);
              ps.setString(2, r.record().id());
              ps.setString(3, r.record().parentId());
              ps.setBytes(4, raw.get(i));
              ps.addBatch();
              if (++pending >= perCommit) {
                ps.executeBatch();
                c.commit();
                pending = 0;
              }
            }
            ps.executeBatch();
            nanos += System.nanoTime() - t0;
            cursor = page.next().orElse(null);
          } while (cursor != null);
        }
      }
      long t0 = System.nanoTime();
      c.commit();
      nanos += System.nanoTime() - t0;
    }
    return new Result(rows, nanos);
  }
}
