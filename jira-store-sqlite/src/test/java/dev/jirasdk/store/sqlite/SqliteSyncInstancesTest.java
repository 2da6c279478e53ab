package dev.jirasdk.store.sqlite;

import dev.jirasdk.sync.SyncInstancesContract;
import dev.jirasdk.sync.SyncStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Two JiraSync instances on one SQLite file, each through its own SqliteStore and pool. */
class SqliteSyncInstancesTest extends SyncInstancesContract {
  @TempDir Path dir;
  private final List<SqliteStore> opened = new ArrayList<>();

  @Override
  protected List<SyncStore> openShared(Clock clock) {
    Path file = dir.resolve("shared-" + opened.size() + ".db");
    for (int i = 0; i < 2; i++) opened.add(SqliteStore.builder().path(file).clock(clock).build());
    return List.copyOf(opened);
  }

  @Override
  protected void closeShared() {
    opened.forEach(SqliteStore::close);
    opened.clear();
  }
}
