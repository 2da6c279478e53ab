package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.FaultType;
import dev.jirasdk.testkit.Faults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every paginator against a FakeJiraCloud whose paging lies: the run always ends, the broken listing is a
 * typed pagination error naming what went wrong, and everything else is synced.
 */
class PaginationGuardsTest {
  static final String COMMENTS = "GET /rest/api/3/issue/{id}/comment";
  static final Map<Entity, Map<String, String>> reference = new java.util.EnumMap<>(Entity.class);

  static Dataset dataset() {
    return Dataset.builder().projects(2).issuesPerProject(30).heavyIssueEvery(10).users(120).build();
  }

  @BeforeAll
  static void faultFree() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      assertEquals(RunStatus.SUCCEEDED, sync.sync(f.connectionId(), SyncRequest.full()).status());
      for (Entity e : Entity.values()) reference.put(e, Snapshots.of(sync.store(), f.connectionId(), e));
    }
  }

  static FakeJira fake(String pattern, FaultType type) {
    Faults faults = Faults.builder().inject(pattern, type, 1.0).build();
    return FakeJira.start(FakeJiraCloud.builder().dataset(dataset()).faults(faults));
  }

  static Map<String, String> live(Map<String, String> snapshot) {
    Map<String, String> out = new java.util.TreeMap<>(snapshot);
    out.values().removeIf(v -> v.startsWith("DELETED"));
    return out;
  }

  static List<SyncError> errorsOf(SyncRun run, SyncError.Kind kind) {
    return run.errors().stream().filter(e -> e.kind() == kind).toList();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
      "PAGE_REPEATED,           GET /rest/api/3/statuses/search, STATUSES,   the position did not advance",
      "PAGE_NEVER_LAST,         GET /rest/api/3/priority/search, PRIORITIES, more pages than Jira's total",
      "PAGE_START_AT_STUCK,     GET /rest/api/3/field/search,    FIELDS,     the position did not advance",
      "PAGE_TOTAL_NEVER_REACHED, GET /rest/api/3/group/bulk,     GROUPS,     empty page but total=",
      "PAGE_REPEATED,           GET /rest/api/3/users/search,    USERS,      brought no item not seen",
      "PAGE_NEVER_LAST,         GET /rest/api/3/worklog/updated, WORKLOGS,   brought no item not seen",
      "PAGE_REPEATED,           POST /rest/api/3/search/jql,     ISSUES,     nextPageToken",
      "PAGE_SAME_TOKEN,         POST /rest/api/3/search/jql,     ISSUES,     repeated",
  })
  void aListingWhosePagingLiesEndsInAPaginationErrorAndTheOtherStreamsSync(FaultType type, String pattern,
      Entity stream, String problem) {
    try (FakeJira f = fake(pattern.trim(), type);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).issuePageSize(10).pageSize(5).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      assertEquals(RunStatus.PARTIAL, run.status(), run.errors()::toString);
      List<SyncError> pagination = errorsOf(run, SyncError.Kind.PAGINATION);
      assertFalse(pagination.isEmpty(), run.errors()::toString);
      for (SyncError e : pagination) {
        assertEquals(stream.streamName().equals("issues") || stream.isIssueChild() && stream != Entity.WORKLOGS
            ? "issues" : stream.streamName(), e.stream());
        assertTrue(e.messages().get(0).contains(problem), e.messages()::toString);
        assertTrue(e.messages().get(0).contains("page "), "names the page: " + e.messages());
        assertEquals(pattern.trim(), e.endpoint().replaceAll("/\\d{5,}/", "/{id}/"), "names the endpoint");
      }
      assertEquals(run.errors().size(), pagination.size(), "nothing else failed: " + run.errors());
      // Every other stream is complete.
      for (Entity e : List.of(Entity.PROJECTS, Entity.ISSUE_TYPES, Entity.LABELS, Entity.VERSIONS)) {
        assertEquals(reference.get(e), Snapshots.of(sync.store(), f.connectionId(), e), e.toString());
      }
      assertTrue(run.requests() < 400, "the run ended quickly: " + run.requests() + " requests");
    }
  }

  @ParameterizedTest
  @EnumSource(value = FaultType.class, names = {"PAGE_NEVER_LAST", "PAGE_ABSURD_TOTAL"})
  void commentPagesThatNeverEndAreCappedPerIssueAndTheNextRunRepairsThem(FaultType type) {
    try (FakeJira f = fake(COMMENTS, type);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full());
      List<SyncError> errors = errorsOf(run, SyncError.Kind.PAGINATION);
      assertFalse(errors.isEmpty(), run.errors()::toString);
      assertEquals(run.errors().size(), errors.size(), run.errors()::toString);
      long heavy = errors.size();
      for (SyncError e : errors) {
        assertEquals("issues", e.stream());
        assertTrue(e.messages().get(0).startsWith("comments of issue "), e.messages()::toString);
        assertTrue(e.messages().get(0).contains("more pages than"), "capped: " + e.messages());
      }
      // At most 5,000 comments a page of 100 (+ slack) per issue, never an endless loop.
      long commentRequests = f.fake.requestCount("GET", "/rest/api/3/issue/{id}/comment");
      assertTrue(commentRequests <= heavy * 56, commentRequests + " comment requests for " + heavy + " issues");
      // The pages of those issues were committed: every issue, link, attachment and changelog is there.
      for (Entity e : List.of(Entity.ISSUES, Entity.ISSUE_LINKS, Entity.ATTACHMENTS, Entity.CHANGELOGS)) {
        assertEquals(reference.get(e), Snapshots.of(sync.store(), f.connectionId(), e), e.toString());
      }
      // Once Jira behaves, the next incremental run reads those issues' comments again.
      f.fake.faults(Faults.none());
      SyncRun repair = sync.sync(f.connectionId(), SyncRequest.incremental());
      assertEquals(RunStatus.SUCCEEDED, repair.status(), repair.errors()::toString);
      // Invented comments a chunk wrote before the listing broke are tombstoned by the repair: the live rows are
      // exactly Jira's.
      assertEquals(live(reference.get(Entity.COMMENTS)), live(Snapshots.of(sync.store(), f.connectionId(),
          Entity.COMMENTS)));
    }
  }

  @Test
  void aStoryPointsFieldLookupThatNeverEndsNeitherBlocksNorFailsTheIssues() {
    try (FakeJira f = fake("GET /rest/api/3/field/search", FaultType.PAGE_NEVER_LAST);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.ISSUES, Entity.COMMENTS));
      assertEquals(RunStatus.SUCCEEDED, run.status(), run.errors()::toString);
      assertEquals(reference.get(Entity.ISSUES).size(), sync.store().count(f.connectionId(), Entity.ISSUES));
      assertTrue(f.fake.requestCount("GET", "/rest/api/3/field/search") < 50,
          f.fake.requestCount("GET", "/rest/api/3/field/search") + " field/search requests");
    }
  }
}
