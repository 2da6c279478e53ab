package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.SiteData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jira embeds at most a cap of changelog histories per issue in search results (40 since 2026, 20 before); the
 * sync decides from the {@code total} Jira reports, never from a constant, when the rest comes from
 * {@code changelog/bulkfetch}.
 */
class EmbeddedChangelogCapTest {
  @ParameterizedTest(name = "cap {0}")
  @ValueSource(ints = {FakeJiraCloud.DEFAULT_EMBEDDED_CHANGELOG_CAP, FakeJiraCloud.LEGACY_EMBEDDED_CHANGELOG_CAP})
  void issuesWithExactlyTheCapAndOneMoreHistorySyncTheirWholeChangelog(int cap) {
    try (FakeJira f = FakeJira.start(FakeJiraCloud.builder().embeddedChangelogCap(cap)
        .dataset(Dataset.builder().projects(1).issuesPerProject(5).changelogPerIssue(0).build()));
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SiteData d = f.data();
      String project = d.projectKeys().get(0);
      String atCap = growHistory(d, d.createIssue(project, "exactly the cap"), cap);
      String overCap = growHistory(d, d.createIssue(project, "one over the cap"), cap + 1);

      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      assertEquals(d.changelogCount(), sync.store().count(f.connectionId(), Entity.CHANGELOGS), "every history");
      assertEquals(cap, d.changelogCount(atCap));
      assertEquals(cap + 1, d.changelogCount(overCap));
      // only the issue over the cap needs its changelog fetched separately; the one at the cap is whole already
      assertEquals(1, f.fake.requestCount("POST", "/rest/api/3/changelog/bulkfetch"));
    }
  }

  /** Edits the issue until it has {@code histories} changelog histories; returns its id. */
  private static String growHistory(SiteData d, String id, int histories) {
    for (int i = d.changelogCount(id); i < histories; i++) d.editIssue(id, "edit " + i);
    assertEquals(histories, d.changelogCount(id));
    return id;
  }
}
