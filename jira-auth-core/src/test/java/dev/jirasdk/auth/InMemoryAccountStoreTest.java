package dev.jirasdk.auth;

class InMemoryAccountStoreTest extends AccountStoreContract {
  @Override
  protected AccountStore newStore() {
    return new InMemoryAccountStore();
  }
}
