package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.ApiTokenCredentials;
import dev.jirasdk.auth.JiraClient;
import dev.jirasdk.auth.JiraCredentials;
import dev.jirasdk.auth.ServiceAccountCredentials;
import dev.jirasdk.auth.Site;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeApiToken;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.FakeServiceAccount;
import dev.jirasdk.testkit.MutableClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sync does not care how a connection authenticates: three kinds of credentials, the same data. */
class CredentialKindsTest {
  private static final String[] SCOPES = {"read:jira-work", "read:jira-user", "manage:jira-project",
      "manage:jira-configuration"};

  @Test
  void aServiceAccountAndAnApiTokenSyncTheSameDataAs3lo() {
    Dataset data = Dataset.builder().projects(3).issuesPerProject(25).users(8).commentsPerIssue(1)
        .changelogPerIssue(2).worklogsPerIssue(1).attachmentsPerIssue(1).build();
    try (FakeJira f = FakeJira.start(FakeJiraCloud.builder().dataset(data)
        .addServiceAccount(FakeServiceAccount.of("sa-client", "sa-secret", SCOPES))
        .addApiToken(FakeApiToken.of("bot@example.com", "api-token-secret", SCOPES)))) {
      MutableClock clock = f.clock();
      String cloudId = f.connections.get(0).cloudId();
      ServiceAccountCredentials sa = ServiceAccountCredentials.builder().clientId("sa-client")
          .clientSecret("sa-secret").authBaseUrl(f.fake.authBaseUrl()).apiBaseUrl(f.fake.apiBaseUrl()).clock(clock)
          .sleeper(clock::advance).build();
      assertTrue(sa.sites().stream().map(Site::cloudId).anyMatch(cloudId::equals));
      ApiTokenCredentials token = ApiTokenCredentials.builder().email("bot@example.com")
          .apiToken("api-token-secret").scopes(SCOPES).clock(clock).build();

      Map<String, JiraClient> clients = new LinkedHashMap<>();
      clients.put("3lo", f.oauth.jiraClient(f.connectionId()).newBuilder().connectionId("3lo").build());
      clients.put("service-account", client(f, sa, cloudId, "service-account"));
      clients.put("api-token", client(f, token, cloudId, "api-token"));

      InMemorySyncStore store = new InMemorySyncStore(clock);
      try (JiraSync sync = JiraSync.builder().clients(clients::get).store(store).rateGovernor(f.governor)
          .clock(clock).parallelism(2).build()) {
        for (String conn : clients.keySet()) {
          SyncRun run = sync.sync(conn, SyncRequest.full());
          assertEquals(RunStatus.SUCCEEDED, run.status(), () -> conn + ": " + run.errors());
          FullSyncTest.assertCountsMatch(f.data(), store, conn);
        }
      }
      for (Entity e : Entity.values()) {
        List<String> expected = ids(store, "3lo", e);
        assertEquals(expected, ids(store, "service-account", e), "service account, " + e);
        assertEquals(expected, ids(store, "api-token", e), "API token, " + e);
      }
      assertEquals(1, f.fake.serviceAccountTokenRequests("sa-client"), "one token served the whole sync");
      assertTrue(f.fake.journal().stream().noneMatch(j -> j.status() == 401), "no request was refused");
    }
  }

  @Test
  void theHealthCheckOfAServiceAccountDoesNotLookFor3loTokens() {
    try (FakeJira f = FakeJira.start(FakeJiraCloud.builder().dataset(Dataset.builder().projects(1).issuesPerProject(2)
        .users(2).build()).addServiceAccount(FakeServiceAccount.of("sa-client", "sa-secret", SCOPES)))) {
      MutableClock clock = f.clock();
      ServiceAccountCredentials sa = ServiceAccountCredentials.builder().clientId("sa-client")
          .clientSecret("sa-secret").authBaseUrl(f.fake.authBaseUrl()).apiBaseUrl(f.fake.apiBaseUrl()).clock(clock)
          .sleeper(clock::advance).build();
      JiraClient client = client(f, sa, f.connections.get(0).cloudId(), "sa");
      List<ConnectionHealth> health = new ArrayList<>();
      try (JiraSync sync = JiraSync.builder().clients(id -> client).store(new InMemorySyncStore(clock))
              .rateGovernor(f.governor).clock(clock).build();
          SyncScheduler s = SyncScheduler.builder().sync(sync).connections(() -> List.of("sa"))
              .tokens(f.oauth.tokens()).clock(clock).executor(Runnable::run).jitter(0)
              .syncInterval(java.time.Duration.ofDays(1)).onHealth(health::add).build()) {
        s.tick();
        assertEquals(1, health.size());
        assertTrue(health.get(0).healthy(), health.get(0).problem());
      }
    }
  }

  private static JiraClient client(FakeJira f, JiraCredentials credentials, String cloudId, String connectionId) {
    MutableClock clock = f.clock();
    return JiraClient.builder().credentials(credentials).cloudId(cloudId).connectionId(connectionId)
        .apiBaseUrl(f.fake.apiBaseUrl()).clock(clock).sleeper(clock::advance).build();
  }

  private static List<String> ids(SyncStore store, String conn, Entity e) {
    List<String> out = new ArrayList<>();
    RecordPage page = store.records(conn, e, null, 100_000, false);
    for (StoredRecord r : page.items()) out.add(r.record().id() + " " + r.contentHash());
    return out;
  }
}
