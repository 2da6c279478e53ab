package app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jirasdk.auth.ApiTokenCredentials;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.ServiceAccountCredentials;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.store.sqlite.SqliteStore;
import dev.jirasdk.testkit.AuthorizationCallback;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeApiToken;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.FakeServiceAccount;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every Java snippet of docs/getting-started.md (and the test kit page's), pasted as written. */
class GettingStartedTest {

  @Test
  void theSmallestUsefulProgramConnectsAndCallsJira() {
    String clientId = App.CLIENT_ID;
    String clientSecret = App.CLIENT_SECRET;
    String base64Key = TokenCipher.generateKey();
    String sessionId = "browser-session-2";
    try (FakeJiraCloud fake = App.startFake()) {

      /*@snippet getting-started-connect via-fake@*/

      AuthorizationCallback callback = fake.completeAuthorization(url);
      String code = callback.code();
      String state = callback.state();

      /*@snippet getting-started-callback@*/

      assertEquals(fake.users().get(0).accountId(), me.get("accountId"));
      store.close();
    }
  }

  @Test
  void theTestAgainstTheSimulatedJiraCloudPasses() {
    /*@snippet getting-started-fake@*/
  }

  @Test
  void theTestKitPagesSnippetPasses() {
    /*@snippet testkit-fake@*/
  }

  @Test
  void theTestKitPagesServiceAccountAndApiTokenSnippetPasses() {
    /*@snippet testkit-credentials@*/
  }
}
