package dev.jirasdk.store.sqlite;

import dev.jirasdk.sync.SyncStore;
import dev.jirasdk.sync.SyncStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** jira-sync-core's SyncStore contract, run against a fresh SQLite file. */
class SqliteSyncStoreContractTest extends SyncStoreContract {
  @TempDir Path dir;
  final List<SqliteStore> opened = new ArrayList<>();

  @Override
  protected SyncStore newStore() {
    SqliteStore s = SqliteStore.open(dir.resolve("sync-" + opened.size() + ".db"));
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(SqliteStore::close);
  }
}
