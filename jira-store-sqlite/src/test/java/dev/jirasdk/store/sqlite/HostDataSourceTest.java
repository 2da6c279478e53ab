package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.auth.StoredTokens;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncPage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostDataSourceTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @TempDir Path dir;

  private HikariDataSource hostPool(Path file) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + file);
    config.setMaximumPoolSize(2);
    config.setPoolName("host-pool");
    return new HikariDataSource(config);
  }

  @Test
  void theStoreUsesTheHostsDataSourceAndNeverClosesIt() throws Exception {
    Path file = dir.resolve("host.db");
    try (HikariDataSource host = hostPool(file)) {
      try (SqliteStore store = SqliteStore.builder().dataSource(host).build()) {
        assertTrue(store.path().isEmpty());
        assertTrue(store.compareAndSet(0, new StoredTokens("g1", 1, "a", "r", T0, T0, "")));
        store.commitPage("c1", SyncPage.of(List.of(SyncFixtures.issue("1", "p", T0, "one")), null));
      }
      assertFalse(host.isClosed(), "the host's pool stays open");
      assertThrows(IllegalStateException.class, () -> closedStore(host).load("g1"));
      try (Connection c = host.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM jira_issues")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1));
      }
      try (SqliteStore again = SqliteStore.builder().dataSource(host).build()) {
        assertEquals(1, again.count("c1", Entity.ISSUES));
        assertEquals(1, again.load("g1").orElseThrow().version());
      }
    }
  }

  private static SqliteStore closedStore(HikariDataSource host) {
    SqliteStore store = SqliteStore.builder().dataSource(host).build();
    store.close();
    store.close(); // idempotent
    return store;
  }

  @Test
  void aNewerSchemaBehindAHostDataSourceIsRefused() throws Exception {
    Path file = dir.resolve("newer.db");
    DbFiles.execute(file, "PRAGMA user_version = 999");
    try (HikariDataSource host = hostPool(file)) {
      StoreException e = assertThrows(StoreException.class, () -> SqliteStore.builder().dataSource(host).build());
      assertTrue(e.getMessage().contains("newer"), e.getMessage());
      assertFalse(host.isClosed());
    }
  }
}
