package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jirasdk.auth.JiraRateLimitException;
import dev.jirasdk.auth.MalformedResponseException;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.FaultType;
import dev.jirasdk.testkit.Faults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The client is the one retry layer: over the wire, a request of a run is never sent more than maxAttempts. */
class RetryOwnerTest {
  private static final String USERS = "/rest/api/3/users/search";

  private static FakeJira fakeFailing(FaultType type, int times) {
    Faults faults = Faults.builder().failNext("GET " + USERS, type, times).retryAfter(Duration.ofSeconds(1)).build();
    return FakeJira.start(FakeJiraCloud.builder().dataset(Dataset.small()).faults(faults));
  }

  private static SyncError onlyError(SyncRun run) {
    assertEquals(1, run.errors().size(), run.errors()::toString);
    return run.errors().get(0);
  }

  @Test
  void aPersistentlyGarbledPageIsSentFourTimesThenReportedAsAResponseError() {
    try (FakeJira f = fakeFailing(FaultType.MALFORMED_BODY, 100);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.USERS));
      assertEquals(4, f.fake.requestCount("GET", USERS));
      SyncError e = onlyError(run);
      assertEquals(SyncError.Kind.RESPONSE, e.kind());
      assertEquals(MalformedResponseException.class.getName(), e.exceptionType());
      assertEquals("GET /rest/api/3/users/search", e.endpoint());
    }
  }

  @Test
  void aPersistent429IsSentFourTimesThenReportedAsARateLimit() {
    try (FakeJira f = fakeFailing(FaultType.HTTP_429, 100);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.USERS));
      assertEquals(4, f.fake.requestCount("GET", USERS));
      SyncError e = onlyError(run);
      assertEquals(SyncError.Kind.RATE_LIMIT, e.kind());
      assertEquals(JiraRateLimitException.class.getName(), e.exceptionType());
      assertEquals(429, e.status());
    }
  }

  @Test
  void maxPageAttemptsBoundsTheClientsAttemptsForTheRun() {
    try (FakeJira f = fakeFailing(FaultType.TRUNCATED_JSON, 100);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).maxPageAttempts(2).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.USERS));
      assertEquals(2, f.fake.requestCount("GET", USERS));
      assertEquals(SyncError.Kind.RESPONSE, onlyError(run).kind());
    }
  }

  @Test
  void transientServerErrorsAreRetriedByTheClientAndTheRunSucceeds() {
    try (FakeJira f = fakeFailing(FaultType.HTTP_500, 2);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.USERS));
      assertEquals(RunStatus.SUCCEEDED, run.status(), run.errors()::toString);
      long failed = f.fake.journal().stream().filter(e -> e.path().endsWith(USERS) && e.status() == 500).count();
      long ok = f.fake.journal().stream().filter(e -> e.path().endsWith(USERS) && e.status() == 200).count();
      assertEquals(2, failed);
      assertEquals(ok + 2, f.fake.requestCount("GET", USERS), "each failure re-sent once, nothing else");
    }
  }
}
