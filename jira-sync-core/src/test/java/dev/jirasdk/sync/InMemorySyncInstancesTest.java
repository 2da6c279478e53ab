package dev.jirasdk.sync;

import java.time.Clock;
import java.util.List;

/** Two instances in one process on one in-memory store. */
class InMemorySyncInstancesTest extends SyncInstancesContract {
  @Override
  protected List<SyncStore> openShared(Clock clock) {
    InMemorySyncStore store = new InMemorySyncStore(clock);
    return List.of(store, store);
  }
}
