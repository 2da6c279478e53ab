package dev.jirasdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.TokenCipher;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleEnvironmentTest {
  @TempDir Path dir;

  @Test
  void withoutAClientIdTheExamplesRunOnTheSimulatedJiraCloud() {
    try (ExampleEnvironment env = ExampleEnvironment.fromEnvironment(Map.of(), "http://127.0.0.1:9/auth/callback")) {
      assertTrue(env.isSandbox());
      AtlassianOAuth oauth = env.oauth().build();
      assertEquals(env.fake().authBaseUrl() + "/", oauth.authBaseUrl().toString());
      assertEquals("http://127.0.0.1:9/auth/callback", oauth.redirectUri());
      assertEquals(env.fake().users().get(0).accountId(),
          oauth.jiraClient(env.connection(oauth)).myself().get("accountId"));
    }
  }

  @Test
  void aClientIdSwitchesToRealAtlassianWithTheConnectionStoredBySqlite() {
    Map<String, String> vars = Map.of("JIRA_CLIENT_ID", "my-app", "JIRA_CLIENT_SECRET", "s3cret",
        "JIRA_TOKEN_KEY", TokenCipher.generateKey(), "JIRA_DB", dir.resolve("examples.db").toString());
    try (ExampleEnvironment env = ExampleEnvironment.fromEnvironment(vars, "unused")) {
      assertFalse(env.isSandbox());
      AtlassianOAuth oauth = env.oauth().build();
      assertEquals(AtlassianOAuth.DEFAULT_AUTH_BASE_URL + "/", oauth.authBaseUrl().toString());
      assertEquals(ExampleEnvironment.DEFAULT_REDIRECT_URI, oauth.redirectUri());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.connection(oauth));
      assertTrue(e.getMessage().contains("run ConnectSiteExample first"), e.getMessage());
    }
  }

  @Test
  void aClientIdWithoutItsSecretIsRefusedByName() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ExampleEnvironment.fromEnvironment(Map.of("JIRA_CLIENT_ID", "my-app"), "unused"));
    assertEquals("JIRA_CLIENT_SECRET is not set (JIRA_CLIENT_ID is)", e.getMessage());
  }
}
