package dev.jirasdk.sync;

class InMemorySyncStoreTest extends SyncStoreContract {
  @Override
  protected SyncStore newStore() {
    return new InMemorySyncStore();
  }
}
