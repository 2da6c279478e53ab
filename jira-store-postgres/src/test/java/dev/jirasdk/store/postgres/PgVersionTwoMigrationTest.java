package dev.jirasdk.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.PendingAuthorization;
import dev.jirasdk.auth.StoredTokens;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenStatus;
import dev.jirasdk.store.jdbc.StoredTimes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Version 2 of the schema: the refresh-token family start of every stored pair, dated from the grant's last
 * consent for pairs stored before it, and the sealed PKCE verifier of flows in progress.
 */
@ExtendWith(PostgresServer.class)
class PgVersionTwoMigrationTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123456789Z");

  private static String f(Instant t) {
    return StoredTimes.format(t);
  }

  @Test
  void versionTwoDatesTheFamilyOfThePairsAVersionOneSchemaHeldAndKeepsThemReadable() throws Exception {
    String schema = PostgresServer.newSchema();
    PostgresServer.execute("CREATE SCHEMA " + schema);
    TokenCipher cipher = TokenCipher.of("k1", TokenCipher.generateKey());
    Instant firstConsent = T0.minus(Duration.ofDays(400));
    Instant lastConsent = T0.minus(Duration.ofDays(100));
    String sealedAccess = cipher.seal("g1", "access-one");
    String sealedRefresh = cipher.seal("g1", "refresh-one");
    try (Connection c = DriverManager.getConnection(PostgresServer.url())) {
      c.setSchema(schema);
      c.setAutoCommit(false);
      PgMigrations.lock(c);
      assertEquals(0, PgMigrations.migrate(c, 1, "test schema " + schema));
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO grants (id, account_id, created_at, updated_at, token_version, sealed_access_token,"
            + " sealed_refresh_token, access_token_expires_at, tokens_obtained_at, token_scope)"
            + " VALUES ('g1', 'acc-1', '" + f(firstConsent) + "', '" + f(lastConsent) + "', 7, '" + sealedAccess + "', '"
            + sealedRefresh + "', '" + f(T0.plusSeconds(3600)) + "', '" + f(T0)
            + "', 'read:jira-work offline_access')");
        s.execute("INSERT INTO grants (id, created_at, updated_at) VALUES ('g3', '" + f(T0) + "', '" + f(T0) + "')");
        s.execute("INSERT INTO pending_authorizations (state_hash, label, created_at, expires_at) VALUES ('h1',"
            + " 'Work', '" + f(T0) + "', '" + f(T0.plusSeconds(600)) + "')");
      }
      c.commit();
    }
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(PostgresServer.url()).schema(schema).cipher(cipher)
        .maxConnections(2).build()) {
      assertEquals(PostgresStore.SCHEMA_VERSION,
          ((Number) PostgresStoreTest.query(schema, "SELECT version FROM jira_sdk_schema")).intValue());
      assertEquals(new StoredTokens("g1", 7, sealedAccess, sealedRefresh, T0.plusSeconds(3600), T0,
          "read:jira-work offline_access", lastConsent), store.load("g1").orElseThrow());
      assertTrue(store.load("g3").isEmpty());
      assertNull(PostgresStoreTest.query(schema, "SELECT token_family_started_at FROM grants WHERE id = 'g3'"));
      assertEquals(new PendingAuthorization("h1", null, "Work", T0, T0.plusSeconds(600), null),
          store.consume("h1", T0.plusSeconds(1)).orElseThrow());

      AtlassianOAuth oauth = AtlassianOAuth.builder().clientId("client").clientSecret("secret")
          .redirectUri("https://app.example.com/callback").tokenCipher(cipher).stores(store)
          .clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
      assertEquals("access-one", oauth.tokens().accessToken("g1"));
      TokenStatus status = oauth.tokens().status("g1").orElseThrow();
      assertEquals(lastConsent.plus(Duration.ofDays(365)), status.familyExpiresAt());
      assertFalse(status.reconsentDue());
    }
  }
}
