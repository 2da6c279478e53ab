package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.FakeSite;
import dev.jirasdk.testkit.SelfUrls;
import org.junit.jupiter.api.Test;

/**
 * Since July 2026 Jira's {@code self} links point at {@code api.atlassian.com/ex/jira/{cloudId}}: the site's URL
 * comes from {@code accessible-resources}, and nothing the sync stores or presents is derived from {@code self}.
 */
class GatewaySelfUrlsTest {
  @Test
  void aSiteWhoseSelfLinksPointAtTheGatewaySyncsCompletelyAndKeepsItsOwnSiteUrl() {
    try (FakeJira f = FakeJira.start(FakeJiraCloud.builder().selfUrls(SelfUrls.ATLASSIAN_GATEWAY)
        .dataset(Dataset.small()));
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      FullSyncTest.assertCountsMatch(f.data(), sync.store(), f.connectionId());

      SiteConnection c = f.oauth.accounts().connection(f.connectionId()).orElseThrow();
      FakeSite site = f.fake.site(c.cloudId());
      assertEquals(site.url(), c.site().url(), "the site URL is accessible-resources' url");
      assertTrue(site.url().endsWith(".atlassian.net"), site::url);

      String gateway = "https://api.atlassian.com/ex/jira/" + c.cloudId() + "/rest/api/3/";
      for (Entity e : Entity.values()) {
        RecordPage page = sync.store().records(f.connectionId(), e, null, 1_000, true);
        for (StoredRecord r : page.items()) {
          String raw = r.record().rawJson();
          if (e == Entity.ISSUES) {
            assertTrue(raw.contains("\"self\":\"" + gateway + "issue/"), "Jira's answer is stored as sent");
          }
          for (Object v : r.record().columns().values()) {
            assertFalse(String.valueOf(v).contains("api.atlassian.com"),
                () -> e + " " + r.record().id() + ": a column derived from self: " + v);
          }
        }
      }
    }
  }
}
