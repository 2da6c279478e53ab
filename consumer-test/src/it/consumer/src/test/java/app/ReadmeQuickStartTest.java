package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.store.sqlite.SqliteStore;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.JiraSync;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.testkit.AuthorizationCallback;
import dev.jirasdk.testkit.FakeJiraCloud;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's quick start, pasted as written; only the base URLs point at FakeJiraCloud. */
class ReadmeQuickStartTest {

  @Test
  void theQuickStartConnectsCallsJiraAndMirrorsTheWholeSite() {
    String clientId = App.CLIENT_ID;
    String clientSecret = App.CLIENT_SECRET;
    String base64Key = TokenCipher.generateKey();
    String sessionId = "browser-session-1";
    try (FakeJiraCloud fake = App.startFake()) {

      /*@snippet readme-connect via-fake@*/

      // What the browser brings back to the callback after the user clicks Accept.
      AuthorizationCallback callback = fake.completeAuthorization(start.url());
      String code = callback.code();
      String state = callback.state();

      /*@snippet readme-callback@*/

      assertEquals(fake.users().get(0).accountId(), me.get("accountId"));
      SyncRun last = store.runs(jira.connectionId(), 1).get(0);
      assertTrue(last.succeeded(), last.toString());
      assertEquals(fake.data(jira.cloudId()).issueCount(), last.counts(Entity.ISSUES).created(), last.toString());
      store.close();

      // The tokens were stored, not kept in memory: a new process on the same file calls Jira without consent.
      try (SqliteStore reopened = SqliteStore.open(Path.of("jira.db"))) {
        AtlassianOAuth restarted = AtlassianOAuth.builder()
            .authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl())
            .clientId(clientId).clientSecret(clientSecret).redirectUri(App.REDIRECT_URI)
            .tokenCipher(TokenCipher.of("k1", base64Key)).stores(reopened).build();
        JiraClient again = restarted.jiraClient(done.connections().get(0).id());
        assertEquals(me.get("accountId"), again.myself().get("accountId"));
      }
    }
  }
}
