package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.FaultType;
import dev.jirasdk.testkit.Faults;
import dev.jirasdk.testkit.JournalEntry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ids that cannot go into a query, a garbled child listing, and cancels at awkward moments. */
class HostileAnswersTest {
  static Dataset dataset() {
    return Dataset.builder().projects(2).issuesPerProject(30).heavyIssueEvery(10).build();
  }

  /** A client whose answers from {@code pathPart} are rewritten by {@code edit} (as a hostile Jira would send). */
  static JiraSync.Builder rewriting(FakeJira f, String pathPart, UnaryOperator<String> edit) {
    Interceptor rewrite = chain -> {
      Response r = chain.proceed(chain.request());
      if (!r.isSuccessful() || !chain.request().url().encodedPath().contains(pathPart)) return r;
      String body = r.body().string();
      return r.newBuilder().body(ResponseBody.create(edit.apply(body), MediaType.get("application/json"))).build();
    };
    return f.sync(new InMemorySyncStore(f.clock()))
        .clients(conn -> f.oauth.jiraClient(conn).newBuilder().addInterceptor(rewrite).build());
  }

  static boolean anyRequestContains(FakeJira f, String text) {
    for (JournalEntry e : f.fake.journal()) {
      if (e.path().contains(text) || (e.query() != null && e.query().contains(text))) return true;
    }
    return false;
  }

  @Test
  void aProjectIdThatIsNotANumberIsAnInvalidIdErrorForThatProjectAndNeverReachesJql() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = rewriting(f, "/project/search", b -> b.replaceFirst("\"id\":\"10000\"",
            "\"id\":\"10000 OR project is not EMPTY\"")).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.ISSUES, Entity.COMPONENTS));
      assertEquals(RunStatus.PARTIAL, run.status());
      List<SyncError> invalid = run.errors().stream().filter(e -> e.kind() == SyncError.Kind.INVALID_ID).toList();
      assertEquals(2, invalid.size(), run.errors()::toString); // issues and components each skip it
      assertTrue(invalid.get(0).messages().get(0).contains("\"10000 OR project is not EMPTY\""), invalid::toString);
      assertFalse(run.errors().stream().anyMatch(e -> e.kind() == SyncError.Kind.INTERNAL));
      assertFalse(anyRequestContains(f, "EMPTY"), "the bad id went into no request");
      assertTrue(sync.store().count(f.connectionId(), Entity.ISSUES) >= 30, "the other project synced");
    }
  }

  @Test
  void anIssueIdThatIsNotANumberIsSkippedWithAnInvalidIdErrorAndNeverBecomesAPath() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = rewriting(f, "/search/jql", b -> b.replaceFirst("versionedRepresentations\",\"id\":\"10009\"",
            "versionedRepresentations\",\"id\":\"../../x-evil\""))
            .build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.ISSUES, Entity.COMMENTS));
      SyncError e = run.errors().stream().filter(x -> x.kind() == SyncError.Kind.INVALID_ID).findFirst()
          .orElseThrow(() -> new AssertionError(run.errors().toString()));
      assertEquals("issues", e.stream());
      assertTrue(e.messages().get(0).contains("\"../../x-evil\""), e.messages()::toString);
      assertFalse(anyRequestContains(f, "x-evil"), "the bad id became no path");
      assertEquals(59, sync.store().count(f.connectionId(), Entity.ISSUES));
    }
  }

  @Test
  void aGarbledCommentListingIsAnErrorForThatIssueOnlyAndTheNextRunRepairsIt() {
    Faults faults = Faults.builder().failNext("GET /rest/api/3/issue/{id}/comment", FaultType.MALFORMED_BODY, 4)
        .build();
    try (FakeJira f = FakeJira.start(FakeJiraCloud.builder().dataset(dataset()).faults(faults));
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).parallelism(1).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.ISSUES, Entity.COMMENTS));
      assertEquals(1, run.errors().size(), run.errors()::toString);
      SyncError e = run.errors().get(0);
      assertEquals(SyncError.Kind.RESPONSE, e.kind());
      assertTrue(e.messages().get(0).startsWith("comments of issue 100"), e.messages()::toString);
      assertEquals(60, sync.store().count(f.connectionId(), Entity.ISSUES), "no page was dropped");
      long before = sync.store().count(f.connectionId(), Entity.COMMENTS);
      assertTrue(before < f.data().commentCount(), "that issue's comments are missing for now");
      SyncRun next = sync.sync(f.connectionId(), SyncRequest.incremental().withStreams(Entity.ISSUES,
          Entity.COMMENTS));
      assertEquals(RunStatus.SUCCEEDED, next.status(), next.errors()::toString);
      assertEquals(f.data().commentCount(), sync.store().count(f.connectionId(), Entity.COMMENTS));
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aCancelWhileTheRunListsProjectsReturnsACancelledRunFiresItsFinishAndIsStored() {
    List<SyncEvent> events = new CopyOnWriteArrayList<>();
    JiraSync[] holder = new JiraSync[1];
    try (FakeJira f = FakeJira.start(dataset())) {
      Interceptor cancelOnListing = chain -> {
        if (chain.request().url().encodedPath().contains("/project/search")) holder[0].cancel(f.connectionId());
        return chain.proceed(chain.request());
      };
      try (JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).listener(events::add)
          .clients(conn -> f.oauth.jiraClient(conn).newBuilder().addInterceptor(cancelOnListing).build()).build()) {
        holder[0] = sync;
        SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
        assertEquals(RunStatus.CANCELLED, run.status(), run.errors()::toString);
        assertFalse(Thread.currentThread().isInterrupted(), "the cancel's interrupt does not leak to the caller");
        assertTrue(run.errors().isEmpty(), run.errors()::toString);
        assertTrue(events.get(0) instanceof SyncEvent.RunStarted);
        assertTrue(events.get(events.size() - 1) instanceof SyncEvent.RunFinished);
        assertEquals(RunStatus.CANCELLED, sync.store().runs(f.connectionId(), 1).get(0).status());
      }
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void anInterruptedCallerGetsACancelledRunAndKeepsItsInterrupt() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      Thread.currentThread().interrupt();
      SyncRun run;
      try {
        run = sync.sync(f.connectionId(), SyncRequest.full());
      } finally {
        assertTrue(Thread.interrupted(), "the caller's interrupt is kept (and cleared here)");
      }
      assertEquals(RunStatus.CANCELLED, run.status(), run.errors()::toString);
      assertEquals(RunStatus.CANCELLED, sync.store().runs(f.connectionId(), 1).get(0).status());
    }
  }
}
