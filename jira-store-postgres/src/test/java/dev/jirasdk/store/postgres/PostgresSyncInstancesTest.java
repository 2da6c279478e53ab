package dev.jirasdk.store.postgres;

import dev.jirasdk.sync.SyncInstancesContract;
import dev.jirasdk.sync.SyncStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two JiraSync instances on one PostgreSQL schema, each through its own PostgresStore and pool, as two machines
 * would run them: one run per connection, a refusal naming the other's run, and the takeover of a frozen
 * instance's run with exact data.
 */
@ExtendWith(PostgresServer.class)
class PostgresSyncInstancesTest extends SyncInstancesContract {
  private final List<PostgresStore> opened = new ArrayList<>();

  @Override
  protected List<SyncStore> openShared(Clock clock) {
    String schema = PostgresServer.newSchema();
    for (int i = 0; i < 2; i++) {
      opened.add(PostgresStore.builder().jdbcUrl(PostgresServer.url()).schema(schema).clock(clock).maxConnections(4)
          .build());
    }
    return List.copyOf(opened);
  }

  @Override
  protected void closeShared() {
    opened.forEach(PostgresStore::close);
    opened.clear();
  }
}
