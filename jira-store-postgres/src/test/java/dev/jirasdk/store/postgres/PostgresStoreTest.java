package dev.jirasdk.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jirasdk.auth.StoreException;
import dev.jirasdk.auth.StoredTokens;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenCipherException;
import dev.jirasdk.sync.Archival;
import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the PostgreSQL store promises beyond the SPI contracts: several instances, migrations, formats, errors. */
@ExtendWith(PostgresServer.class)
class PostgresStoreTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123456789Z");

  static PostgresStore open(String schema) {
    return PostgresStore.builder().jdbcUrl(PostgresServer.url()).schema(schema).maxConnections(2).build();
  }

  static Object query(String schema, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(PostgresServer.url())) {
      c.setSchema(schema);
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    }
  }

  @Test
  void instancesStartingTogetherMigrateTheSchemaOnce() throws Exception {
    String schema = PostgresServer.newSchema();
    int instances = 4;
    CyclicBarrier start = new CyclicBarrier(instances);
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    List<Future<PostgresStore>> opening = new ArrayList<>();
    try {
      for (int i = 0; i < instances; i++) {
        opening.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return open(schema);
        }));
      }
      for (Future<PostgresStore> f : opening) f.get(60, TimeUnit.SECONDS).close();
    } finally {
      pool.shutdownNow();
    }
    assertEquals(PostgresStore.SCHEMA_VERSION, ((Number) query(schema, "SELECT version FROM jira_sdk_schema")).intValue());
    assertEquals(1L, ((Number) query(schema, "SELECT count(*) FROM jira_sdk_schema")).longValue());
  }

  @Test
  void aSchemaWrittenByANewerLibraryIsRefusedAndLeftAsItWas() throws Exception {
    String schema = PostgresServer.newSchema();
    open(schema).close();
    PostgresServer.execute("UPDATE " + schema + ".jira_sdk_schema SET version = 99");
    StoreException e = assertThrows(StoreException.class, () -> open(schema));
    assertTrue(e.getMessage().contains("schema version 99 was written by a newer jira-store-postgres"), e.getMessage());
    assertTrue(e.getMessage().contains("supports up to " + PostgresStore.SCHEMA_VERSION), e.getMessage());
    assertEquals(99, ((Number) query(schema, "SELECT version FROM jira_sdk_schema")).intValue());
  }

  @Test
  void tokensThatDoNotOpenWithTheConfiguredCipherAreRefusedAtOpenNamingTheKey() {
    String schema = PostgresServer.newSchema();
    TokenCipher old = TokenCipher.of("old", TokenCipher.generateKey());
    try (PostgresStore store = open(schema)) {
      store.compareAndSet(0, new StoredTokens("g1", 1, old.seal("g1", "access"), old.seal("g1", "refresh"),
          T0.plusSeconds(3600), T0, "read:jira-work"));
    }
    TokenCipher other = TokenCipher.of("new", TokenCipher.generateKey());
    TokenCipherException e = assertThrows(TokenCipherException.class,
        () -> PostgresStore.builder().jdbcUrl(PostgresServer.url()).schema(schema).cipher(other).build());
    assertTrue(e.getMessage().contains("key id 'old'"), e.getMessage());
  }

  @Test
  void tokensReachTheDatabaseSealedOnly() throws Exception {
    String schema = PostgresServer.newSchema();
    TokenCipher cipher = TokenCipher.of("k1", TokenCipher.generateKey());
    try (PostgresStore store = open(schema)) {
      store.compareAndSet(0, new StoredTokens("g1", 1, cipher.seal("g1", "clear-access-token"),
          cipher.seal("g1", "clear-refresh-token"), T0.plusSeconds(3600), T0, "read:jira-work"));
    }
    String row = (String) query(schema, "SELECT g::text FROM grants g WHERE id = 'g1'");
    assertFalse(row.contains("clear-access-token") || row.contains("clear-refresh-token"), row);
    assertTrue(row.contains("v1.k1."), row);
  }

  @Test
  void aLeaseHeldByOneInstanceIsRefusedToAnotherAndAStaleWriterLosesAfterATakeover() {
    String schema = PostgresServer.newSchema();
    try (PostgresStore a = open(schema); PostgresStore b = open(schema)) {
      assertTrue(a.tryAcquireRefreshLease("g1", "instance-a", T0, T0.plusSeconds(30)));
      assertFalse(b.tryAcquireRefreshLease("g1", "instance-b", T0.plusSeconds(29), T0.plusSeconds(60)));
      // a stalls past its lease; b takes over, refreshes and writes version 1
      assertTrue(b.tryAcquireRefreshLease("g1", "instance-b", T0.plusSeconds(30), T0.plusSeconds(60)));
      StoredTokens fromB = new StoredTokens("g1", 1, "v1.k.b-access", "v1.k.b-refresh", T0.plusSeconds(3600), T0, "s");
      assertTrue(b.compareAndSet(0, fromB));
      // a wakes up with the version it read before (0): the version fences it off
      StoredTokens fromA = new StoredTokens("g1", 1, "v1.k.a-access", "v1.k.a-refresh", T0.plusSeconds(3600), T0, "s");
      assertFalse(a.compareAndSet(0, fromA));
      assertEquals("v1.k.b-refresh", a.load("g1").orElseThrow().sealedRefreshToken());
      a.releaseRefreshLease("g1", "instance-a"); // no longer its lease: changes nothing
      assertFalse(a.tryAcquireRefreshLease("g1", "instance-a", T0.plusSeconds(31), T0.plusSeconds(61)));
    }
  }

  @Test
  void rawJsonIsStoredByteForByteAndListColumnsAreJsonb() throws Exception {
    String schema = PostgresServer.newSchema();
    String raw = "{ \"id\" : \"10001\",\n  \"fields\": {\"summary\": \"caf\u00e9 \u2713 \ud83d\ude80\", \"n\": 1.50e+2 } }";
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put(Columns.Issue.KEY, "P-1");
    columns.put(Columns.Issue.LABELS, List.of("backend", "urgent"));
    try (PostgresStore store = open(schema)) {
      store.commitPage("c1", SyncPage.of(List.of(new SyncRecord(Entity.ISSUES, "10001", "p", T0, columns, raw)), null));
      assertEquals(raw, store.find("c1", Entity.ISSUES, "10001").orElseThrow().record().rawJson());
    }
    assertArrayEquals(raw.getBytes(StandardCharsets.UTF_8),
        (byte[]) query(schema, "SELECT convert_to(raw_json, 'UTF8') FROM jira_issues WHERE id = '10001'"));
    assertEquals("jsonb", query(schema, "SELECT pg_typeof(labels)::text FROM jira_issues"));
    assertEquals(1L, ((Number) query(schema,
        "SELECT count(*) FROM jira_issues WHERE labels @> '[\"urgent\"]'::jsonb")).longValue());
    assertEquals("2026-11-23T10:15:30.123456789Z", query(schema, "SELECT updated FROM jira_issues"));
  }

  @Test
  void anArchivedIssueHasArchivedAtAndALiveQueryLeavesItOutWithoutATombstoneRow() throws Exception {
    String schema = PostgresServer.newSchema();
    Map<String, Object> columns = Map.of(Columns.Issue.KEY, "P-1");
    try (PostgresStore store = open(schema)) {
      store.commitPage("c1", SyncPage.of(List.of(new SyncRecord(Entity.ISSUES, "1", "p", T0, columns, "{\"v\":1}"),
          new SyncRecord(Entity.ISSUES, "2", "p", T0, columns, "{\"v\":1}")), null));
      store.commitPage("c1", new SyncPage(List.of(), List.of(), null,
          List.of(new Archival("1", T0, "project archived"))));
      assertEquals("2026-11-23T10:15:30.123456789Z|2026-11-23T10:15:30.123456789Z|archived", query(schema,
          "SELECT archived_at || '|' || deleted_at || '|' || deleted_reason FROM jira_issues WHERE id = '1'"));
      assertEquals(1L, ((Number) query(schema,
          "SELECT count(*) FROM jira_issues WHERE connection_id = 'c1' AND deleted_at IS NULL")).longValue());
      assertEquals(0L, ((Number) query(schema, "SELECT count(*) FROM tombstones")).longValue());
      store.commitPage("c1", SyncPage.of(List.of(new SyncRecord(Entity.ISSUES, "1", "p", T0, columns, "{\"v\":1}")),
          null));
      assertEquals(1L, ((Number) query(schema, "SELECT count(*) FROM jira_issues WHERE id = '1'"
          + " AND archived_at IS NULL AND deleted_at IS NULL AND deleted_reason IS NULL")).longValue());
    }
  }

  @Test
  void aRecordRepeatedWithinOnePageIsStoredAsItsLastVersionAndCountedOncePerOccurrence() {
    Map<String, Object> columns = Map.of(Columns.Issue.KEY, "P-1");
    try (PostgresStore store = PostgresServer.newStore()) {
      List<SyncRecord> page = List.of(
          new SyncRecord(Entity.ISSUES, "1", "p", T0, columns, "{\"v\":1}"),
          new SyncRecord(Entity.ISSUES, "2", "p", T0, columns, "{\"v\":1}"),
          new SyncRecord(Entity.ISSUES, "1", "p", T0, columns, "{\"v\":2}"),
          new SyncRecord(Entity.ISSUES, "1", "p", T0, columns, "{\"v\":2}"));
      assertEquals(new Counts(2, 1, 1, 0), store.commitPage("c1", SyncPage.of(page, null)).counts(Entity.ISSUES));
      assertEquals("{\"v\":2}", store.find("c1", Entity.ISSUES, "1").orElseThrow().record().rawJson());
      assertEquals(2, store.count("c1", Entity.ISSUES));
    }
  }

  @Test
  void aValueOfTheWrongTypeForItsColumnIsRefusedNamingItAndNothingIsWritten() {
    Map<String, Object> columns = Map.of(Columns.Attachment.SIZE, "large");
    try (PostgresStore store = PostgresServer.newStore()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.commitPage("c1",
          SyncPage.of(List.of(new SyncRecord(Entity.ATTACHMENTS, "a1", "10001", T0, columns, "{}")), null)));
      assertTrue(e.getMessage().contains("'" + Columns.Attachment.SIZE + "' of attachments a1"), e.getMessage());
      assertEquals(0, store.count("c1", Entity.ATTACHMENTS));
    }
  }

  @Test
  void aDatabaseThatIsNotUtf8IsRefused() {
    String name = PostgresServer.newSchema();
    PostgresServer.execute("CREATE DATABASE " + name + " ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'"
        + " TEMPLATE template0");
    try {
      String url = PostgresServer.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
      StoreException e = assertThrows(StoreException.class, () -> PostgresStore.builder().jdbcUrl(url).build());
      assertTrue(e.getMessage().contains("encoding is SQL_ASCII"), e.getMessage());
    } finally {
      PostgresServer.execute("DROP DATABASE " + name);
    }
  }

  @Test
  void anUnreachableServerIsReportedWithoutThePassword() {
    StoreException e = assertThrows(StoreException.class, () -> PostgresStore.builder()
        .jdbcUrl("jdbc:postgresql://127.0.0.1:1/jira?connectTimeout=2").username("jira").password("s3cret-pw").build());
    assertTrue(e.getMessage().contains("PostgreSQL store 127.0.0.1:1/jira"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
  }

  @Test
  void badSettingsAreRefusedNamingWhatIsWrong() {
    PostgresStore.Builder b = PostgresStore.builder();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.jdbcUrl("jdbc:sqlite:x.db")).getMessage()
        .contains("jdbc:postgresql:"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.schema("Robert'); DROP")).getMessage()
        .contains("schema must be"));
    assertTrue(assertThrows(IllegalStateException.class, b::build).getMessage().contains("jdbcUrl and dataSource"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxConnections(0)).getMessage()
        .contains("maxConnections"));
  }

  @Test
  void aHostDataSourceIsUsedInItsCurrentSchemaAndNeverClosed() throws Exception {
    String schema = PostgresServer.newSchema();
    PostgresServer.execute("CREATE SCHEMA " + schema);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(PostgresServer.url());
    config.setSchema(schema);
    config.setMaximumPoolSize(2);
    try (HikariDataSource host = new HikariDataSource(config)) {
      try (PostgresStore store = PostgresStore.builder().dataSource(host).build()) {
        assertTrue(store.compareAndSet(0, new StoredTokens("g1", 1, "v1.k.a", "v1.k.r", T0, T0, "s")));
        assertTrue(store.toString().contains("on a host DataSource"), store.toString());
      }
      assertFalse(host.isClosed(), "the store never closes a host's DataSource");
      assertEquals(1L, ((Number) query(schema, "SELECT token_version FROM grants WHERE id = 'g1'")).longValue());
    }
    assertThrows(IllegalStateException.class, () -> PostgresStore.builder().dataSource(new HikariDataSource())
        .schema("x").build(), "schema applies to a jdbcUrl store only");
  }

  @Test
  void aClosedStoreRefusesWorkAndClosesOnce() {
    PostgresStore store = PostgresServer.newStore();
    store.close();
    store.close();
    assertThrows(IllegalStateException.class, () -> store.load("g1"));
    assertTrue(store.toString().startsWith("PostgresStore["), store.toString());
    assertFalse(store.toString().contains("password"), store.toString());
  }
}
