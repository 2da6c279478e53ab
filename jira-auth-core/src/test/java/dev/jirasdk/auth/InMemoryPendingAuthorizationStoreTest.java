package dev.jirasdk.auth;

class InMemoryPendingAuthorizationStoreTest extends PendingAuthorizationStoreContract {
  @Override
  protected PendingAuthorizationStore newStore() {
    return new InMemoryPendingAuthorizationStore();
  }
}
