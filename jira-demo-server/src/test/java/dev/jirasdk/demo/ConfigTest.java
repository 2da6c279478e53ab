package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  @Test
  void defaultsRunTheSandboxOnLoopbackPort3000() {
    Config c = Config.from(Map.of());
    assertTrue(c.sandbox());
    assertEquals(3000, c.port());
    assertEquals("127.0.0.1", c.bindAddress());
    assertEquals("http://localhost:3000/auth/callback", c.redirectUri());
    assertEquals("https://auth.atlassian.com", c.authBaseUrl());
    assertEquals("https://api.atlassian.com", c.apiBaseUrl());
    assertEquals(Path.of("./data/jira-demo.db"), c.databasePath());
    assertEquals(Duration.ofMinutes(30), c.tokenRefreshInterval());
    assertEquals(Duration.ofHours(1), c.syncInterval());
    assertEquals(Duration.ofMinutes(5), c.healthCheckInterval());
    assertTrue(c.scopes().contains("offline_access"));
    assertFalse(c.adminTokenRequired());
  }

  @Test
  void aClientIdTurnsTheSandboxOffUnlessForced() {
    Map<String, String> real = Map.of("JIRA_CLIENT_ID", "id", "JIRA_CLIENT_SECRET", "secret");
    assertFalse(Config.from(real).sandbox());
    Config forced = Config.from(Map.of("JIRA_CLIENT_ID", "id", "JIRA_CLIENT_SECRET", "secret", "SANDBOX", "yes"));
    assertTrue(forced.sandbox());
  }

  @Test
  void everyProblemIsReportedOnItsOwnLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> Config.from(Map.of(
        "SANDBOX", "false", "PORT", "http", "JIRA_REDIRECT_URI", "localhost/cb", "TOKEN_ENCRYPTION_KEY", "c2hvcnQ=",
        "SYNC_INTERVAL", "soon", "DEBUG", "maybe", "ADMIN_TOKEN", "short", "JIRA_SCOPES", "read:jira-work")));
    assertEquals(9, e.problems().size(), String.join("\n", e.problems()));
    assertTrue(e.problems().get(0).startsWith("JIRA_CLIENT_ID is required"), e.problems().get(0));
    assertTrue(e.getMessage().contains("PORT must be a whole number, got 'http'"));
    assertTrue(e.getMessage().contains("TOKEN_ENCRYPTION_KEY must be 32 bytes"));
    assertTrue(e.getMessage().contains("JIRA_SCOPES must include offline_access"));
    assertEquals(e.problems().size() + 1, e.getMessage().split("\n").length);
  }

  @Test
  void secretsNeverAppearInToStringOrProblems() {
    Config c = Config.from(Map.of("JIRA_CLIENT_ID", "id", "JIRA_CLIENT_SECRET", "s3cr3t-value",
        "ADMIN_TOKEN", "admin-token-value-123", "TOKEN_ENCRYPTION_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    assertFalse(c.toString().contains("s3cr3t-value"));
    assertFalse(c.toString().contains("admin-token-value-123"));
    assertFalse(c.toString().contains("AAAAAAAA"));
    ConfigException e = assertThrows(ConfigException.class,
        () -> Config.from(Map.of("TOKEN_ENCRYPTION_KEY", "not base64 secret!!")));
    assertFalse(e.getMessage().contains("secret!!"));
  }

  @Test
  void durationsAcceptUnitsIsoAndOff() {
    assertEquals(Duration.ofSeconds(90), Config.parseDuration("90s"));
    assertEquals(Duration.ofSeconds(90), Config.parseDuration("90"));
    assertEquals(Duration.ofMinutes(30), Config.parseDuration("PT30M"));
    assertEquals(Duration.ofHours(2), Config.parseDuration("2h"));
    assertEquals(Duration.ZERO, Config.parseDuration("off"));
    assertTrue(Config.from(Map.of("SYNC_INTERVAL", "off")).syncInterval().isZero());
  }

  @Test
  void dotEnvIsReadAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "# comment\nexport PORT=4000\nJIRA_CLIENT_ID=\"from-file\"\n"
        + "JIRA_CLIENT_SECRET='s' # trailing\nDEBUG=true\n");
    Map<String, String> file = Config.readDotEnv(dir.resolve(".env"));
    assertEquals("4000", file.get("PORT"));
    assertEquals("from-file", file.get("JIRA_CLIENT_ID"));
    assertEquals("s", file.get("JIRA_CLIENT_SECRET"));
    assertTrue(Config.readDotEnv(dir.resolve("missing.env")).isEmpty());
    Files.writeString(dir.resolve("bad.env"), "JUSTTEXT\n");
    assertThrows(ConfigException.class, () -> Config.readDotEnv(dir.resolve("bad.env")));
  }

  @Test
  void aGeneratedKeyIsStoredOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("data/jira-demo.db");
    var first = KeyFile.cipher(Optional.empty(), db);
    Path keyFile = KeyFile.pathFor(db);
    assertTrue(Files.exists(keyFile));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    String sealed = first.seal("g1", "token");
    var second = KeyFile.cipher(Optional.empty(), db);
    assertEquals("token", second.open("g1", sealed));
    var configured = KeyFile.cipher(Optional.of(dev.jirasdk.auth.TokenCipher.generateKey()), db);
    assertEquals("token", configured.open("g1", sealed), "the old file key still opens old tokens");
  }

  @Test
  void withoutJiraDbUrlTheSqliteFileIsTheStore() {
    Config c = Config.from(Map.of());
    assertTrue(c.postgres().isEmpty());
    assertTrue(c.toString().contains("databasePath=./data/jira-demo.db"), c.toString());
  }

  @Test
  void jiraDbUrlWithUserAndPasswordSwitchesToPostgresqlAndNeverShowsThePassword() {
    Config c = Config.from(Map.of("JIRA_DB_URL", "jdbc:postgresql://db.internal:5432/jira?sslmode=require",
        "JIRA_DB_USER", "jira", "JIRA_DB_PASSWORD", "pg-pass-value", "JIRA_CLIENT_ID", "id",
        "JIRA_CLIENT_SECRET", "secret", "TOKEN_ENCRYPTION_KEY", dev.jirasdk.auth.TokenCipher.generateKey()));
    Config.Postgres pg = c.postgres().orElseThrow();
    assertEquals("jdbc:postgresql://db.internal:5432/jira?sslmode=require", pg.url());
    assertEquals("jira", pg.user());
    assertEquals("pg-pass-value", pg.password());
    assertEquals("db.internal:5432/jira", pg.description());
    assertFalse(c.toString().contains("pg-pass-value"), c.toString());
    assertFalse(pg.toString().contains("pg-pass-value"));
    assertTrue(c.toString().contains("database=postgresql://db.internal:5432/jira as jira"), c.toString());
    assertFalse(c.toString().contains("databasePath"), "the SQLite file is not in use");
  }

  @Test
  void aUrlWithoutCredentialsNeedsNeitherUserNorPassword() {
    Config c = Config.from(Map.of("JIRA_DB_URL", "jdbc:postgresql://[::1]:5433/jira_demo"));
    assertEquals("[::1]:5433/jira_demo", c.postgres().orElseThrow().description());
    assertTrue(c.sandbox(), "the sandbox may run on PostgreSQL too, with a key of its own");
  }

  @Test
  void invalidPostgresqlSettingsAreReportedClearlyWithoutEchoingSecrets() {
    assertProblem(Map.of("JIRA_DB_URL", "jdbc:mysql://db/jira?password=hunter2-value"),
        "JIRA_DB_URL must be a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/database, got 'jdbc:mysql://db/jira'");
    assertProblem(Map.of("JIRA_DB_URL", "postgres://db/jira"), "JIRA_DB_URL must be a PostgreSQL JDBC URL");
    assertProblem(Map.of("JIRA_DB_URL", "jdbc:postgresql://db.internal:5432"), "JIRA_DB_URL must look like");
    assertProblem(Map.of("JIRA_DB_URL", "jdbc:postgresql://jira:hunter2-value@db/jira"),
        "JIRA_DB_URL must not hold credentials (user:password@host): set JIRA_DB_USER and JIRA_DB_PASSWORD instead");
    assertProblem(Map.of("JIRA_DB_URL", "jdbc:postgresql://db/jira?user=jira&password=hunter2-value"),
        "JIRA_DB_URL must not name the user or the password");
    assertProblem(Map.of("JIRA_DB_URL", "jdbc:postgresql://db/jira", "JIRA_DB_USER", "jira"),
        "JIRA_DB_PASSWORD is required with JIRA_DB_USER");
    assertProblem(Map.of("JIRA_DB_URL", "jdbc:postgresql://db/jira", "JIRA_DB_PASSWORD", "hunter2-value"),
        "JIRA_DB_USER is required with JIRA_DB_PASSWORD");
    assertProblem(Map.of("JIRA_DB_USER", "jira", "JIRA_DB_PASSWORD", "hunter2-value"),
        "JIRA_DB_USER is set but JIRA_DB_URL is not");
    assertProblem(Map.of("JIRA_DB_URL", "jdbc:postgresql://db/jira", "DATABASE_PATH", "./data/x.db"),
        "set either DATABASE_PATH (the SQLite file) or JIRA_DB_URL (PostgreSQL), not both");
    assertProblem(Map.of("JIRA_DB_URL", "jdbc:postgresql://db/jira", "JIRA_CLIENT_ID", "id",
        "JIRA_CLIENT_SECRET", "secret"), "TOKEN_ENCRYPTION_KEY is required with JIRA_DB_URL");
  }

  private static void assertProblem(Map<String, String> env, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> Config.from(env));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2-value"), e.getMessage());
  }
}
