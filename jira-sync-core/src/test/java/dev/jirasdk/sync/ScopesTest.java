package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.Grant;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.testkit.Dataset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A stream whose OAuth scope the connection lacks is skipped with a permission error naming the scope. */
class ScopesTest {
  @Test
  void withoutManageJiraConfigurationTheConfigurationStreamsAreSkippedAndTheRestSyncs() {
    try (FakeJira f = FakeJira.startWithScopes(Dataset.small(), "read:jira-work", "read:jira-user",
        "offline_access");
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.PARTIAL, run.status());
      Set<String> skipped = run.errors().stream().map(SyncError::stream).collect(Collectors.toSet());
      assertEquals(Set.of("priorities", "statuses", "workflows", "permissions"), skipped, run.errors()::toString);
      for (SyncError e : run.errors()) {
        assertEquals(SyncError.Kind.PERMISSION, e.kind());
        assertTrue(e.messages().get(0).contains("needs the OAuth scope manage:jira-configuration"), e::describe);
      }
      for (String path : List.of("/rest/api/3/priority/search", "/rest/api/3/statuses/search",
          "/rest/api/3/workflows/search", "/rest/api/3/permissions")) {
        assertEquals(0, f.fake.requestCount("GET", path), "nothing asked of " + path);
      }
      for (StreamSummary s : run.streams()) {
        RunStatus expected = skipped.contains(s.stream()) ? RunStatus.FAILED : RunStatus.SUCCEEDED;
        assertEquals(expected, s.status(), s.stream());
      }
      assertEquals(f.data().issueCount(), sync.store().count(f.connectionId(), Entity.ISSUES));
      assertEquals(f.data().commentCount(), sync.store().count(f.connectionId(), Entity.COMMENTS));
      assertEquals(f.data().userCount(), sync.store().count(f.connectionId(), Entity.USERS));
      assertEquals(0, sync.store().count(f.connectionId(), Entity.STATUSES));
    }
  }

  @Test
  void aGrantWhoseScopesAreNotRecordedMeetsScopeMismatch401sAndNeverRotatesItsToken() {
    try (FakeJira f = FakeJira.startWithScopes(Dataset.small(), "read:jira-work", "read:jira-user",
        "offline_access")) {
      // A grant stored without its scopes (as by an older release): the sync cannot skip, Jira must refuse.
      SiteConnection c = f.oauth.accounts().connection(f.connectionId()).orElseThrow();
      Grant g = f.oauth.accounts().grant(c.grantId()).orElseThrow();
      f.oauth.accounts().saveAuthorization(new Grant(g.id(), g.accountId(), g.displayName(), g.email(), Set.of(),
          g.state(), g.createdAt(), g.updatedAt()), f.oauth.accounts().sites(g.id()), c.label());
      String account = f.fake.users().get(0).accountId();
      int tokenRequests = f.fake.tokenRequests(account);
      String refreshToken = f.fake.latestRefreshToken(account);
      try (JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
        SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
        assertEquals(RunStatus.PARTIAL, run.status());
        Set<String> refused = run.errors().stream().map(SyncError::stream).collect(Collectors.toSet());
        assertEquals(Set.of("priorities", "statuses", "workflows", "permissions"), refused, run.errors()::toString);
        for (SyncError e : run.errors()) {
          assertEquals(SyncError.Kind.PERMISSION, e.kind(), e::describe);
          assertTrue(e.describe().contains("manage:jira-configuration"), e::describe);
        }
        assertEquals(f.data().issueCount(), sync.store().count(f.connectionId(), Entity.ISSUES));
      }
      assertEquals(tokenRequests, f.fake.tokenRequests(account), "no token request for a scope mismatch");
      assertEquals(refreshToken, f.fake.latestRefreshToken(account), "the refresh token was not rotated");
      for (String path : List.of("/rest/api/3/priority/search", "/rest/api/3/statuses/search",
          "/rest/api/3/workflows/search", "/rest/api/3/permissions")) {
        assertEquals(1, f.fake.requestCount("GET", path), "asked once, not repeated: " + path);
      }
    }
  }
}
