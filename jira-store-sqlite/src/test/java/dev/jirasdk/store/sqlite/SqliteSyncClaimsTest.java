package dev.jirasdk.store.sqlite;

import dev.jirasdk.sync.SyncClaims;
import dev.jirasdk.sync.SyncClaimsContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** jira-sync-core's SyncClaims contract against a SQLite file. */
class SqliteSyncClaimsTest extends SyncClaimsContract {
  @TempDir Path dir;
  final List<SqliteStore> opened = new ArrayList<>();

  @Override
  protected SyncClaims newClaims() {
    SqliteStore s = SqliteStore.open(dir.resolve("claims-" + opened.size() + ".db"));
    opened.add(s);
    return s;
  }

  @Override
  protected void closeClaims() {
    opened.forEach(SqliteStore::close);
  }
}
