package dev.jirasdk.store.postgres;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.AccountStoreContract;
import dev.jirasdk.auth.PendingAuthorizationStore;
import dev.jirasdk.auth.PendingAuthorizationStoreContract;
import dev.jirasdk.auth.TokenStore;
import dev.jirasdk.auth.TokenStoreContract;
import dev.jirasdk.sync.QuotaLedger;
import dev.jirasdk.sync.QuotaLedgerContract;
import dev.jirasdk.sync.SyncClaims;
import dev.jirasdk.sync.SyncClaimsContract;
import dev.jirasdk.sync.SyncStore;
import dev.jirasdk.sync.SyncStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every SPI contract published by jira-auth-core and jira-sync-core, unchanged, each on a fresh schema. */
@ExtendWith(PostgresServer.class)
class PostgresStoreContractsTest {
  final List<PostgresStore> opened = new ArrayList<>();

  PostgresStore fresh() {
    PostgresStore store = PostgresServer.newStore();
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(PostgresStore::close);
  }

  @Nested
  class Tokens extends TokenStoreContract {
    @Override
    protected TokenStore newStore() {
      return fresh();
    }
  }

  @Nested
  class Accounts extends AccountStoreContract {
    @Override
    protected AccountStore newStore() {
      return fresh();
    }
  }

  @Nested
  class PendingAuthorizations extends PendingAuthorizationStoreContract {
    @Override
    protected PendingAuthorizationStore newStore() {
      return fresh();
    }
  }

  @Nested
  class SyncData extends SyncStoreContract {
    @Override
    protected SyncStore newStore() {
      return fresh();
    }
  }

  @Nested
  class QuotaBudgets extends QuotaLedgerContract {
    @Override
    protected QuotaLedger newLedger() {
      return fresh().quotaLedger();
    }
  }

  @Nested
  class Claims extends SyncClaimsContract {
    @Override
    protected SyncClaims newClaims() {
      return fresh();
    }
  }
}
