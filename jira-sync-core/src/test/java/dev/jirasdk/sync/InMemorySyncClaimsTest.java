package dev.jirasdk.sync;

/** The claims contract, in memory. */
class InMemorySyncClaimsTest extends SyncClaimsContract {
  @Override
  protected SyncClaims newClaims() {
    return new InMemorySyncStore();
  }
}
