package dev.jirasdk.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.JiraPermissionException;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.testkit.FakeJiraCloud;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Jira's {@code 401 Unauthorized; scope does not match} is a missing scope: never a reason to refresh. */
class MissingScopeTest {
  @Test
  void aScopeMismatch401IsAPermissionErrorNamingTheNeededScopeAndRotatesNoToken() {
    try (FakeSiteFixture f = new FakeSiteFixture(FakeJiraCloud.builder(), b -> b.scopes("read:jira-work",
        "read:jira-user"))) {
      String account = f.fake.users().get(0).accountId();
      int tokenRequests = f.fake.tokenRequests(account);
      String refreshToken = f.fake.latestRefreshToken(account);

      JiraPermissionException e = assertThrows(JiraPermissionException.class,
          () -> f.client.executeForString(JiraRequest.get("rest/api/3/permissions").build()));
      assertEquals(401, e.status());
      assertEquals(Set.of("manage:jira-configuration"), e.scopesNeeded());
      assertTrue(e.scopesHeld().containsAll(Set.of("read:jira-work", "read:jira-user")), e.scopesHeld()::toString);
      assertTrue(e.getMessage().contains("scopes needed: manage:jira-configuration"), e::getMessage);
      JiraPermissionException write = assertThrows(JiraPermissionException.class,
          () -> f.jira.comments().add("PLAT-4", "hello"));
      assertEquals(Set.of("write:jira-work"), write.scopesNeeded());

      assertEquals(tokenRequests, f.fake.tokenRequests(account), "no refresh for a scope mismatch");
      assertEquals(refreshToken, f.fake.latestRefreshToken(account), "the refresh token was not rotated");
      assertEquals(1, f.requests("GET", "/rest/api/3/permissions"), "the call was not repeated");
    }
  }

  @Test
  void anExpiredAccessTokenStillRefreshesOnceAndSucceeds() {
    try (FakeSiteFixture f = new FakeSiteFixture(FakeJiraCloud.builder(), b -> b.scopes("read:jira-work",
        "read:jira-user"))) {
      String account = f.fake.users().get(0).accountId();
      int tokenRequests = f.fake.tokenRequests(account);
      f.fake.expireAccessTokens(account);
      assertEquals(account, f.jira.users().myself().accountId());
      assertEquals(tokenRequests + 1, f.fake.tokenRequests(account));
    }
  }
}
