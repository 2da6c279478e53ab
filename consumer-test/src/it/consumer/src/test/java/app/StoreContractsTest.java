package app;

import dev.jirasdk.auth.InMemoryTokenStore;
import dev.jirasdk.auth.TokenStore;
import dev.jirasdk.auth.TokenStoreContract;
import dev.jirasdk.sync.InMemorySyncStore;
import dev.jirasdk.sync.SyncStore;
import dev.jirasdk.sync.SyncStoreContract;
import org.junit.jupiter.api.Nested;

/** The published contract test jars resolve under the BOM (no version given) and run, as docs/authentication.md shows. */
class StoreContractsTest {

  @Nested
  class TokenStores extends TokenStoreContract {
    @Override
    protected TokenStore newStore() {
      return new InMemoryTokenStore();
    }
  }

  @Nested
  class SyncStores extends SyncStoreContract {
    @Override
    protected SyncStore newStore() {
      return new InMemorySyncStore();
    }
  }
}
