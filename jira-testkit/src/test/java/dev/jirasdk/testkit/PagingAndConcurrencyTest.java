package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PagingAndConcurrencyTest {
  @Test
  void changelogBulkfetchPagesThroughEveryHistory() {
    try (FakeJiraCloud fake = FakeJiraCloud.builder().build().start()) {
      String token = TestClient.connect(fake).accessToken();
      String cloud = fake.sites().get(0).cloudId();
      SiteData data = fake.data(cloud);
      List<String> ids = data.issueIds("PLAT");
      long expected = 0;
      for (String id : ids) {
        expected += data.changelogCount(id);
      }
      long seen = 0;
      Set<String> historyIds = new HashSet<>();
      String next = null;
      int pages = 0;
      do {
        Map<String, Object> body = Json.obj("issueIdsOrKeys", ids, "maxResults", 7);
        if (next != null) {
          body.put("nextPageToken", next);
        }
        TestClient.Answer a = TestClient.postJson(TestClient.api(fake, cloud, "/rest/api/3/changelog/bulkfetch"), Json.string(body), token);
        assertEquals(200, a.code(), a.body());
        for (Object log : (List<?>) a.json().get("issueChangeLogs")) {
          for (Object h : (List<?>) ((Map<?, ?>) log).get("changeHistories")) {
            assertTrue(historyIds.add((String) ((Map<?, ?>) h).get("id")));
            seen++;
          }
        }
        next = (String) a.json().get("nextPageToken");
        pages++;
      } while (next != null);
      assertEquals(expected, seen);
      assertTrue(pages > 5);
    }
  }

  @Test
  void worklogUpdatedPagesByThousandsWithNextPage() {
    Dataset d = Dataset.builder().projects(1).issuesPerProject(500).worklogsPerIssue(8).build();
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(d).build().start()) {
      String token = TestClient.connect(fake).accessToken();
      String cloud = fake.sites().get(0).cloudId();
      long expected = fake.data(cloud).worklogCount();
      assertTrue(expected > 1000);
      Set<Object> ids = new HashSet<>();
      String url = TestClient.api(fake, cloud, "/rest/api/3/worklog/updated?since=0");
      int pages = 0;
      while (true) {
        TestClient.Answer a = TestClient.get(url, token);
        for (Object v : (List<?>) a.json().get("values")) {
          ids.add(((Map<?, ?>) v).get("worklogId"));
        }
        pages++;
        if (Boolean.TRUE.equals(a.json().get("lastPage"))) {
          break;
        }
        url = (String) a.json().get("nextPage");
      }
      assertEquals(expected, ids.size());
      assertTrue(pages >= 2);
    }
  }

  @Test
  void concurrentRefreshesOfOneTokenRotateOnceAndAllAnswerWithinTheLeeway() throws Exception {
    try (FakeJiraCloud fake = FakeJiraCloud.builder().build().start()) {
      TestClient.Tokens t = TestClient.connect(fake);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<TestClient.Answer>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return TestClient.refresh(fake, t.refreshToken());
        }));
      }
      go.countDown();
      Set<Object> refreshTokens = new HashSet<>();
      for (Future<TestClient.Answer> f : results) {
        TestClient.Answer a = f.get(10, TimeUnit.SECONDS);
        assertEquals(200, a.code());
        refreshTokens.add(a.json().get("refresh_token"));
      }
      pool.shutdown();
      assertEquals(1, refreshTokens.size(), "one rotation, the others answered with its successor");
      assertEquals(9, fake.tokenRequests(fake.users().get(0).accountId()));
      assertEquals(refreshTokens.iterator().next(), fake.latestRefreshToken(fake.users().get(0).accountId()));
    }
  }

  @Test
  void parallelSearchesAndMutationsStayConsistent() throws Exception {
    try (FakeJiraCloud fake = FakeJiraCloud.builder().dataset(Dataset.builder().projects(1).issuesPerProject(400).build()).build().start()) {
      String token = TestClient.connect(fake).accessToken();
      String cloud = fake.sites().get(0).cloudId();
      SiteData data = fake.data(cloud);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Integer>> walks = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        walks.add(pool.submit(() -> {
          Set<String> seen = new HashSet<>();
          String next = null;
          do {
            TestClient.Answer a = TestClient.get(TestClient.api(fake, cloud, "/rest/api/3/search/jql?jql=project%3DPLAT%20ORDER%20BY%20id%20ASC&maxResults=37"
                + (next == null ? "" : "&nextPageToken=" + next)), token);
            for (Object o : (List<?>) a.json().get("issues")) {
              seen.add((String) ((Map<?, ?>) o).get("id"));
            }
            next = (String) a.json().get("nextPageToken");
          } while (next != null);
          return seen.size();
        }));
      }
      for (int i = 1; i <= 50; i++) {
        data.editIssue("PLAT-" + i, "edited " + i);
      }
      for (Future<Integer> w : walks) {
        assertEquals(400, w.get(30, TimeUnit.SECONDS));
      }
      pool.shutdown();
      assertFalse(fake.journal().isEmpty());
      assertEquals(List.of(), fake.unmatchedRequests());
      TestClient.get(TestClient.api(fake, cloud, "/rest/api/3/issue/PLAT-1/nonsense"), token);
      assertEquals(1, fake.unmatchedRequests().size());
      TestClient.Answer typo = TestClient.get(TestClient.api(fake, cloud, "/rest/api/3/project/search?maxResult=5"), token);
      assertEquals(200, typo.code(), "Jira ignores unknown parameters");
      assertEquals(2, fake.unmatchedRequests().size());
      assertEquals("maxResult=5", fake.unmatchedRequests().get(1).query());
    }
  }
}
