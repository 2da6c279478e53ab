package dev.jirasdk.store.sqlite;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.AccountStoreContract;
import dev.jirasdk.auth.PendingAuthorizationStore;
import dev.jirasdk.auth.PendingAuthorizationStoreContract;
import dev.jirasdk.auth.TokenStore;
import dev.jirasdk.auth.TokenStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The SPI contracts published by jira-auth-core, run against a fresh SQLite file each. */
class SqliteStoreContractsTest {
  @TempDir Path dir;
  final List<SqliteStore> opened = new ArrayList<>();

  SqliteStore fresh() {
    SqliteStore store = SqliteStore.open(dir.resolve("store-" + opened.size() + ".db"));
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(SqliteStore::close);
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
}
