package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.PendingAuthorization;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.auth.StoredTokens;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenStatus;
import dev.jirasdk.store.jdbc.StoredTimes;
import dev.jirasdk.sync.Entity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @TempDir Path dir;

  @Test
  void aNewFileGetsTheLatestSchema() throws Exception {
    Path file = dir.resolve("new.db");
    SqliteStore.open(file).close();
    assertEquals(SqliteStore.SCHEMA_VERSION, DbFiles.queryLong(file, "PRAGMA user_version"));
    assertEquals("wal", DbFiles.queryStrings(file, "PRAGMA journal_mode").get(0));
    assertTrue(DbFiles.schema(file).size() > 20);
  }

  @Test
  void anEmptyExistingFileGetsTheLatestSchema() throws Exception {
    Path file = dir.resolve("empty.db");
    Files.createFile(file);
    SqliteStore.open(file).close();
    assertEquals(SqliteStore.SCHEMA_VERSION, DbFiles.queryLong(file, "PRAGMA user_version"));
  }

  @Test
  void everyEarlierVersionMigratesToTheSameSchemaAsANewFileKeepingItsData() throws Exception {
    Path fresh = dir.resolve("fresh.db");
    SqliteStore.open(fresh).close();
    List<String> expected = DbFiles.schema(fresh);
    for (int version = 0; version < SqliteStore.SCHEMA_VERSION; version++) {
      Path file = dir.resolve("v" + version + ".db");
      try (Connection c = DbFiles.connect(file)) {
        c.setAutoCommit(false);
        Migrations.migrate(c, version);
        c.commit();
      }
      assertEquals(version, DbFiles.queryLong(file, "PRAGMA user_version"));
      if (version >= 1) {
        DbFiles.execute(file, "INSERT INTO grants (id, created_at, updated_at, token_version, sealed_access_token,"
            + " sealed_refresh_token, access_token_expires_at, tokens_obtained_at, token_scope) VALUES ('g1',"
            + " '2026-11-23T10:00:00.000000000Z', '2026-11-23T10:00:00.000000000Z', 4, 'sa', 'sr',"
            + " '2026-11-23T11:00:00.000000000Z', '2026-11-23T10:00:00.000000000Z', 'offline_access')");
      }
      try (SqliteStore store = SqliteStore.open(file)) {
        if (version >= 1) {
          assertEquals(new StoredTokens("g1", 4, "sa", "sr", T0.plusSeconds(3600), T0, "offline_access"),
              store.load("g1").orElseThrow(), "data written at version " + version + " survives");
        }
      }
      assertEquals(SqliteStore.SCHEMA_VERSION, DbFiles.queryLong(file, "PRAGMA user_version"));
      assertEquals(expected, DbFiles.schema(file), "schema migrated from version " + version);
    }
  }

  @Test
  void aFileFromANewerLibraryIsRefusedAndLeftUnchanged() throws Exception {
    Path file = dir.resolve("newer.db");
    SqliteStore.open(file).close();
    DbFiles.execute(file, "PRAGMA user_version = " + (SqliteStore.SCHEMA_VERSION + 1));
    String before = DbFiles.sha256(file);
    StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(file));
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(SqliteStore.SCHEMA_VERSION + 1)), e.getMessage());
    assertEquals(before, DbFiles.sha256(file));
  }

  @Test
  void twoProcessesOpeningANewFileAtOnceMigrateItOnce() throws Exception {
    Path file = dir.resolve("race.db");
    try (SqliteStore a = SqliteStore.open(file); SqliteStore b = SqliteStore.open(file)) {
      assertTrue(a.compareAndSet(0, new StoredTokens("g1", 1, "a", "r", T0, T0, "")));
      assertTrue(b.load("g1").isPresent());
    }
    assertEquals(SqliteStore.SCHEMA_VERSION, DbFiles.queryLong(file, "PRAGMA user_version"));
  }

  @Test
  void storesOpeningANewFileAtTheSameMomentMigrateItOnce() throws Exception {
    Path file = dir.resolve("stampede.db");
    int openers = 4;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(openers);
    List<SqliteStore> stores = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(openers);
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int i = 0; i < openers; i++) {
        done.add(pool.submit(() -> {
          start.await();
          stores.add(SqliteStore.open(file));
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : done) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(stores.get(0).compareAndSet(0, new StoredTokens("g1", 1, "a", "r", T0, T0, "")));
      for (SqliteStore s : stores) assertTrue(s.load("g1").isPresent());
    } finally {
      stores.forEach(SqliteStore::close);
      pool.shutdownNow();
    }
    assertEquals(SqliteStore.SCHEMA_VERSION, DbFiles.queryLong(file, "PRAGMA user_version"));
  }

  @Test
  void everyTypedColumnTheStoreWritesExistsInTheSchema() throws Exception {
    Path file = dir.resolve("columns.db");
    SqliteStore.open(file).close();
    for (Entity entity : Entity.values()) {
      EntityTable table = EntityTable.of(entity);
      Set<String> actual = new HashSet<>(DbFiles.queryStrings(file,
          "SELECT name FROM pragma_table_info('" + table.table + "')"));
      assertFalse(actual.isEmpty(), "table " + table.table + " exists");
      for (EntityTable.Column col : table.columns) {
        assertTrue(actual.contains(col.sqlName()), table.table + "." + col.sqlName());
      }
    }
  }

  /**
   * Version 6 dates the refresh-token family of the pairs a version 5 file held from the grant's last consent
   * (updated_at, or the pair's obtained time when earlier), keeps the sealed tokens readable through the SDK, and
   * leaves flows in progress without a PKCE verifier.
   */
  @Test
  void versionSixDatesTheFamilyOfThePairsAVersionFiveFileHeldAndKeepsThemReadable() throws Exception {
    Path file = dir.resolve("v5-tokens.db");
    try (Connection c = DbFiles.connect(file)) {
      c.setAutoCommit(false);
      Migrations.migrate(c, 5);
      c.commit();
    }
    TokenCipher cipher = TokenCipher.of("k1", TokenCipher.generateKey());
    Instant firstConsent = T0.minus(Duration.ofDays(400));
    Instant lastConsent = T0.minus(Duration.ofDays(100));
    Instant tokenOnlyWrite = T0.minus(Duration.ofDays(50));
    String sealedAccess = cipher.seal("g1", "access-one");
    String sealedRefresh = cipher.seal("g1", "refresh-one");
    // g1: consented 400 days ago, again 100 days ago, refreshed just now. g2: tokens without account data, whose
    // exchange (obtained) preceded the row's first write by a moment.
    DbFiles.execute(file, "INSERT INTO grants (id, account_id, created_at, updated_at, token_version,"
        + " sealed_access_token, sealed_refresh_token, access_token_expires_at, tokens_obtained_at, token_scope)"
        + " VALUES ('g1', 'acc-1', '" + f(firstConsent) + "', '" + f(lastConsent) + "', 7, '"
        + sealedAccess + "', '" + sealedRefresh + "', '"
        + f(T0.plusSeconds(3600)) + "', '" + f(T0) + "', 'read:jira-work offline_access')",
        "INSERT INTO grants (id, created_at, updated_at, token_version, sealed_access_token,"
        + " access_token_expires_at, tokens_obtained_at, token_scope) VALUES ('g2', '" + f(tokenOnlyWrite) + "', '"
        + f(tokenOnlyWrite) + "', 1, '" + cipher.seal("g2", "access-two") + "', '" + f(T0.plusSeconds(60))
        + "', '" + f(tokenOnlyWrite.minusMillis(5)) + "', '')",
        "INSERT INTO grants (id, created_at, updated_at) VALUES ('g3', '" + f(T0) + "', '" + f(T0) + "')",
        "INSERT INTO pending_authorizations (state_hash, label, created_at, expires_at) VALUES ('h1', 'Work', '"
        + f(T0) + "', '" + f(T0.plusSeconds(600)) + "')");
    try (SqliteStore store = SqliteStore.builder().path(file).cipher(cipher).build()) {
      assertEquals(new StoredTokens("g1", 7, sealedAccess, sealedRefresh, T0.plusSeconds(3600), T0,
          "read:jira-work offline_access", lastConsent), store.load("g1").orElseThrow());
      assertEquals(tokenOnlyWrite.minusMillis(5), store.load("g2").orElseThrow().familyStartedAt());
      assertTrue(store.load("g3").isEmpty(), "a row without tokens stays without");
      assertEquals(null, DbFiles.queryStrings(file, "SELECT token_family_started_at FROM grants WHERE id = 'g3'")
          .get(0));
      assertEquals(new PendingAuthorization("h1", null, "Work", T0, T0.plusSeconds(600), null),
          store.consume("h1", T0.plusSeconds(1)).orElseThrow(), "a flow started before: no verifier");

      AtlassianOAuth oauth = AtlassianOAuth.builder().clientId("client")
          .clientSecret("secret").redirectUri("https://app.example.com/callback").tokenCipher(cipher)
          .stores(store).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
      assertEquals("access-one", oauth.tokens().accessToken("g1"), "the sealed token opens as before");
      TokenStatus status = oauth.tokens().status("g1").orElseThrow();
      assertEquals(lastConsent.plus(Duration.ofDays(365)), status.familyExpiresAt());
      assertFalse(status.reconsentDue(), "265 days left");
    }
    assertEquals(SqliteStore.SCHEMA_VERSION, DbFiles.queryLong(file, "PRAGMA user_version"));
  }

  private static String f(Instant t) {
    return StoredTimes.format(t);
  }

  /**
   * Version 4 adds the numeric-id index of live issues and the outward index of live links to a file that already
   * holds rows; the detector's range queries and the inbound-link tombstones then see those rows.
   */
  @Test
  void versionFourIndexesTheRowsAVersionThreeFileAlreadyHeld() throws Exception {
    Path file = dir.resolve("v3-rows.db");
    try (Connection c = DbFiles.connect(file)) {
      c.setAutoCommit(false);
      Migrations.migrate(c, 3);
      c.commit();
    }
    for (String[] row : List.of(new String[] {"jira_issues", "9", "p"}, new String[] {"jira_issues", "10", "p"},
        new String[] {"jira_issues", "100", "p"}, new String[] {"jira_issue_links", "l1", "100"})) {
      DbFiles.execute(file, "INSERT INTO " + row[0] + " (connection_id, id, parent_id, raw_json, columns_json,"
          + " content_hash, synced_at" + (row[0].equals("jira_issue_links") ? ", outward_issue_id" : "") + ") VALUES"
          + " ('c1', '" + row[1] + "', '" + row[2] + "', '{}', '{}', 'h', '2026-11-23T10:00:00.000000000Z'"
          + (row[0].equals("jira_issue_links") ? ", '9'" : "") + ")");
    }
    assertFalse(DbFiles.schema(file).stream().anyMatch(sql -> sql.contains("jira_issues_live_by_number")));
    try (SqliteStore store = SqliteStore.open(file)) {
      assertEquals(java.util.Optional.of(new dev.jirasdk.sync.SyncStore.IdSpan(9, 100)),
          store.idSpan("c1", Entity.ISSUES, "p"));
      org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {1, 2},
          store.countByIdRange("c1", Entity.ISSUES, "p", new long[] {0, 10, 1000}));
      store.commitPage("c1", new dev.jirasdk.sync.SyncPage(List.of(),
          List.of(new dev.jirasdk.sync.Tombstone(Entity.ISSUES, "9", T0, "deleted in Jira")), null));
      assertTrue(store.find("c1", Entity.ISSUE_LINKS, "l1").orElseThrow().deleted(), "the link pointing at 9");
    }
    assertEquals(SqliteStore.SCHEMA_VERSION, DbFiles.queryLong(file, "PRAGMA user_version"));
    assertTrue(DbFiles.schema(file).stream().anyMatch(sql -> sql.contains("jira_issues_live_by_number")));
    assertTrue(DbFiles.schema(file).stream().anyMatch(sql -> sql.contains("jira_issue_links_live_by_outward")));
  }
}
