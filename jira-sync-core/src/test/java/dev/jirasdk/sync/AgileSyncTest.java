package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.AgileData;
import dev.jirasdk.testkit.Dataset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Boards, sprints, sprint membership and epics synced from the testkit's Jira Software data. */
class AgileSyncTest {
  static final String[] AGILE_SCOPES = {"read:jira-work", "read:jira-user", "manage:jira-project",
      "manage:jira-configuration", "offline_access", "read:board-scope:jira-software", "read:sprint:jira-software",
      "read:project:jira"};

  static Dataset dataset() {
    return Dataset.builder().projects(3).issuesPerProject(30).sprintsPerBoard(4).build();
  }

  static SyncRequest agileFull() {
    return SyncRequest.full().withStreams(Entity.PROJECTS, Entity.ISSUES).withAgileStreams();
  }

  private static Set<String> live(SyncStore store, String conn, Entity e) {
    Set<String> ids = new HashSet<>();
    RecordPage p = store.records(conn, e, null, 100_000, false);
    for (StoredRecord r : p.items()) ids.add(r.record().id());
    return ids;
  }

  private static Set<String> sprintsOfIssue(SyncStore store, String conn, String issueId) {
    return store.idsByParent(conn, Entity.SPRINT_ISSUES, List.of(issueId)).getOrDefault(issueId, Set.of());
  }

  private static Set<String> expectedRows(AgileData a, String issueId) {
    return a.sprintsOf(issueId).stream().map(s -> issueId + ":" + s).collect(Collectors.toSet());
  }

  @Test
  void aFullSyncStoresBoardsSprintsEveryMembershipAndTheEpicParent() {
    try (FakeJira f = FakeJira.startWithScopes(dataset(), AGILE_SCOPES);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String conn = f.connectionId();
      SyncRun run = sync.sync(conn, agileFull());
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      AgileData a = f.data().agile();
      SyncStore store = sync.store();
      assertEquals(a.boardCount(), store.count(conn, Entity.BOARDS));
      assertEquals(a.sprintCount(), store.count(conn, Entity.SPRINTS));
      assertEquals(a.sprintMembershipCount(), store.count(conn, Entity.SPRINT_ISSUES));
      // the Sprint field is found in the one custom-field catalogue the run reads for every custom field
      assertEquals(1, f.fake.requestCount("GET", "/rest/api/3/field/search"), "the field catalogue is read once");

      long board = a.boardIds().get(0);
      StoredRecord b = store.find(conn, Entity.BOARDS, Long.toString(board)).orElseThrow();
      assertEquals(a.boardType(board), b.record().column(Columns.Board.TYPE));
      assertEquals(a.boardProjectKey(board), b.record().column(Columns.Board.PROJECT_KEY));
      assertNotNull(b.record().column(Columns.Board.PROJECT_ID));

      long closed = a.sprintIds(board, "closed").get(0);
      StoredRecord sp = store.find(conn, Entity.SPRINTS, Long.toString(closed)).orElseThrow();
      assertEquals("closed", sp.record().column(Columns.Sprint.STATE));
      assertNotNull(sp.record().column(Columns.Sprint.START_DATE));
      assertNotNull(sp.record().column(Columns.Sprint.COMPLETE_DATE));
      assertEquals(Long.toString(board), sp.record().parentId());

      String through3 = a.issueThroughSprints(3);
      assertEquals(3, sprintsOfIssue(store, conn, through3).size(), "one row per sprint the issue went through");
      assertEquals(expectedRows(a, through3), sprintsOfIssue(store, conn, through3));

      int parents = 0;
      for (String key : f.data().projectKeys()) {
        for (String issue : f.data().issueIds(key)) {
          Object stored = store.find(conn, Entity.ISSUES, issue).orElseThrow().record().column(Columns.Issue.PARENT_ID);
          assertEquals(a.parentOf(issue), stored, "parent of " + issue);
          if (stored != null) parents++;
        }
      }
      assertEquals(a.issuesWithParentCount(), parents);
    }
  }

  @Test
  void anIncrementalSyncFollowsSprintMovesClosesGoalsAndADeletedBoard() {
    try (FakeJira f = FakeJira.startWithScopes(dataset(), AGILE_SCOPES);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String conn = f.connectionId();
      SyncStore store = sync.store();
      assertEquals(RunStatus.SUCCEEDED, sync.sync(conn, agileFull()).status());
      AgileData a = f.data().agile();
      List<Long> scrum = a.boardIds().stream().filter(b -> a.boardType(b).equals("scrum")).toList();
      long board = scrum.get(0);
      long active = a.sprintIds(board, "active").get(0);
      long future = a.sprintIds(board, "future").get(0);

      // the issue carried through three sprints (two closed, then the active one) moves to the future sprint
      String carried = a.issueThroughSprints(3);
      List<Long> before = a.sprintsOf(carried);
      assertEquals(active, before.get(before.size() - 1).longValue());
      f.advance(Duration.ofMinutes(10));
      a.moveToSprint(carried, future);
      a.completeSprint(active);
      a.editSprintGoal(future, "Goal changed without any issue changing");
      long deletedBoard = scrum.get(scrum.size() - 1);
      List<Long> deletedSprints = a.sprintIds(deletedBoard, null);
      a.deleteBoard(deletedBoard);
      f.advance(Duration.ofMinutes(2));

      SyncRun run = sync.sync(conn, agileFull().withMode(SyncMode.INCREMENTAL));
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());

      Set<String> rows = sprintsOfIssue(store, conn, carried);
      assertEquals(expectedRows(a, carried), rows, "membership follows the Sprint field");
      assertFalse(rows.contains(carried + ":" + active), "leaving the active sprint replaced it");
      assertTrue(rows.contains(carried + ":" + future));
      assertTrue(rows.contains(carried + ":" + before.get(0)), "closed sprints stay");
      assertEquals(3, rows.size());
      Optional<StoredRecord> left = store.find(conn, Entity.SPRINT_ISSUES, carried + ":" + active);
      assertTrue(left.isPresent() && left.get().deleted(), "the row of the sprint it left is tombstoned");

      assertEquals("closed", store.find(conn, Entity.SPRINTS, Long.toString(active)).orElseThrow().record()
          .column(Columns.Sprint.STATE), "a sprint closed since the last run is read once more");
      assertEquals("Goal changed without any issue changing", store.find(conn, Entity.SPRINTS,
          Long.toString(future)).orElseThrow().record().column(Columns.Sprint.GOAL), "open sprints are re-read");

      assertFalse(live(store, conn, Entity.BOARDS).contains(Long.toString(deletedBoard)), "a deleted board goes");
      for (long s : deletedSprints) {
        assertFalse(live(store, conn, Entity.SPRINTS).contains(Long.toString(s)), "its sprints go with it");
      }
      assertEquals(a.boardCount(), store.count(conn, Entity.BOARDS));
      assertEquals(a.sprintCount(), store.count(conn, Entity.SPRINTS));
      assertEquals(0, f.fake.requestCount("GET", "/rest/agile/1.0/sprint/{id}/issue"),
          "membership comes from the issues' Sprint field");
    }
  }

  @Test
  void anIncrementalRunReadsOnlyOpenSprintsAndASprintDeletedWhileOpenGoes() {
    try (FakeJira f = FakeJira.startWithScopes(dataset(), AGILE_SCOPES);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String conn = f.connectionId();
      SyncStore store = sync.store();
      SyncRequest sprintsOnly = SyncRequest.incremental().withStreams(Entity.SPRINTS);
      assertEquals(RunStatus.SUCCEEDED, sync.sync(conn, sprintsOnly).status());
      AgileData a = f.data().agile();
      long board = a.boardIds().stream().filter(b -> a.boardType(b).equals("scrum")).findFirst().orElseThrow();
      long future = a.sprintIds(board, "future").get(0);
      long closed = a.sprintIds(board, "closed").get(0);
      a.deleteSprint(future);
      a.editSprintGoal(closed, "edited after closing");
      f.fake.clearJournal();
      SyncRun run = sync.sync(conn, sprintsOnly);
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      assertTrue(store.find(conn, Entity.SPRINTS, Long.toString(future)).orElseThrow().deleted());
      assertFalse("edited after closing".equals(store.find(conn, Entity.SPRINTS, Long.toString(closed))
          .orElseThrow().record().column(Columns.Sprint.GOAL)), "closed sprints are not re-read incrementally");
      assertTrue(f.fake.journal().stream().filter(e -> e.path().contains("/sprint")).allMatch(e ->
          !e.path().endsWith("/sprint") || (e.query() != null && e.query().contains("state="))),
          "incremental listings ask for open sprints only");

      SyncRun full = sync.sync(conn, sprintsOnly.withMode(SyncMode.FULL));
      assertEquals(RunStatus.SUCCEEDED, full.status());
      assertEquals("edited after closing", store.find(conn, Entity.SPRINTS, Long.toString(closed)).orElseThrow()
          .record().column(Columns.Sprint.GOAL), "a full run re-reads closed sprints");
      assertEquals(a.sprintCount(), store.count(conn, Entity.SPRINTS));
    }
  }

  @Test
  void withoutTheAgileScopesBoardsAndSprintsFailWithAPermissionErrorAndTheRestSyncs() {
    try (FakeJira f = FakeJira.startWithScopes(dataset(), FakeJira.ALL_SCOPES);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      String conn = f.connectionId();
      SyncRun byDefault = sync.sync(conn, SyncRequest.full());
      assertEquals(RunStatus.SUCCEEDED, byDefault.status(), "a default sync needs no Agile scope");
      assertTrue(byDefault.streams().stream().noneMatch(s -> s.stream().equals("boards")));

      SyncRun run = sync.sync(conn, SyncRequest.full().withAgileStreams());
      assertEquals(RunStatus.PARTIAL, run.status());
      Set<String> failed = run.errors().stream().map(SyncError::stream).collect(Collectors.toSet());
      assertEquals(Set.of("boards", "sprints"), failed, run.errors()::toString);
      for (SyncError e : run.errors()) {
        assertEquals(SyncError.Kind.PERMISSION, e.kind());
        assertTrue(e.messages().get(0).contains("read:board-scope:jira-software"), e::describe);
      }
      assertEquals(0, f.fake.requestCount("GET", "/rest/agile/1.0/board"), "nothing asked of the Agile API");
      for (StreamSummary s : run.streams()) {
        assertEquals(failed.contains(s.stream()) ? RunStatus.FAILED : RunStatus.SUCCEEDED, s.status(), s.stream());
      }
      assertEquals(f.data().issueCount(), sync.store().count(conn, Entity.ISSUES));
      assertEquals(f.data().agile().sprintMembershipCount(), sync.store().count(conn, Entity.SPRINT_ISSUES),
          "membership needs only read:jira-work");
    }
  }

  @Test
  void theScopesOfASelectionAreThoseItsStreamsNeed() {
    assertEquals(Set.of("read:jira-work", "read:jira-user", "manage:jira-configuration"),
        JiraSync.requiredScopes(SyncRequest.full().streams()));
    Set<String> agile = JiraSync.requiredScopes(SyncRequest.full().withAgileStreams().streams());
    assertTrue(agile.containsAll(List.of("read:board-scope:jira-software", "read:sprint:jira-software",
        "read:project:jira")), agile::toString);
    assertEquals(Set.of("read:jira-work"), JiraSync.requiredScopes(Set.of(Entity.SPRINT_ISSUES)));
    assertFalse(SyncRequest.DEFAULT_STREAMS.contains(Entity.BOARDS));
    assertEquals(SyncRequest.DEFAULT_STREAMS, SyncRequest.full().streams());
    assertEquals(new ArrayList<>(List.of()), new ArrayList<>(SyncRequest.AGILE_STREAMS.stream()
        .filter(e -> !e.isAgile()).toList()));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} on {1}")
  @org.junit.jupiter.params.provider.CsvSource({
      "PAGE_NEVER_LAST,    GET /rest/agile/1.0/board,             boards",
      "PAGE_REPEATED,      GET /rest/agile/1.0/board/{id}/sprint, sprints",
      "PAGE_NEVER_LAST,    GET /rest/agile/1.0/board/{id}/sprint, sprints",
  })
  void anAgileListingWhosePagingLiesEndsInAPaginationErrorAndTheRestSyncs(
      dev.jirasdk.testkit.FaultType type, String pattern, String stream) {
    dev.jirasdk.testkit.Faults faults = dev.jirasdk.testkit.Faults.builder().inject(pattern.trim(), type, 1.0).build();
    try (FakeJira f = FakeJira.startWithScopes(dev.jirasdk.testkit.FakeJiraCloud.builder().dataset(dataset())
        .faults(faults), AGILE_SCOPES);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.ISSUES, Entity.SPRINTS,
          Entity.BOARDS, Entity.SPRINT_ISSUES));
      assertEquals(RunStatus.PARTIAL, run.status(), run.errors()::toString);
      assertFalse(run.errors().isEmpty());
      for (SyncError e : run.errors()) {
        assertEquals(SyncError.Kind.PAGINATION, e.kind(), e::describe);
        assertTrue(stream.equals(e.stream()) || "boards".equals(stream.trim()), e::describe);
      }
      assertEquals(f.data().issueCount(), sync.store().count(f.connectionId(), Entity.ISSUES));
      assertEquals(f.data().agile().sprintMembershipCount(), sync.store().count(f.connectionId(),
          Entity.SPRINT_ISSUES));
      assertTrue(run.requests() < 300, "the run ended quickly: " + run.requests() + " requests");
    }
  }

  @Test
  void aRunStoppedBetweenBoardsResumesAndEveryBoardHasItsCheckpoint() {
    try (FakeJira f = FakeJira.startWithScopes(dataset(), AGILE_SCOPES)) {
      InMemorySyncStore backing = new InMemorySyncStore(f.clock());
      java.util.concurrent.atomic.AtomicInteger sprintPages = new java.util.concurrent.atomic.AtomicInteger();
      SyncStore failing = new ForwardingSyncStore(backing) {
        @Override
        public PageResult commitPage(String connectionId, SyncPage page) {
          boolean sprints = page.records().stream().anyMatch(r -> r.entity() == Entity.SPRINTS);
          if (sprints && sprintPages.incrementAndGet() == 2) throw new IllegalStateException("disk full");
          return super.commitPage(connectionId, page);
        }
      };
      String conn = f.connectionId();
      SyncRequest sprints = SyncRequest.full().withStreams(Entity.SPRINTS);
      try (JiraSync sync = f.sync(failing).parallelism(1).build()) {
        SyncRun run = sync.sync(conn, sprints);
        assertEquals(RunStatus.PARTIAL, run.status(), run.errors()::toString);
        assertEquals(1, run.errors().size(), run.errors()::toString);
      }
      AgileData a = f.data().agile();
      assertTrue(backing.count(conn, Entity.SPRINTS) < a.sprintCount(), "one board's sprints are missing");
      try (JiraSync sync = f.sync(backing).build()) {
        SyncRun run = sync.sync(conn, sprints.withMode(SyncMode.INCREMENTAL));
        assertEquals(RunStatus.SUCCEEDED, run.status(), run.errors()::toString);
      }
      assertEquals(a.sprintCount(), backing.count(conn, Entity.SPRINTS));
      for (long board : a.boardIds()) {
        if (!a.boardType(board).equals("scrum")) continue;
        assertTrue(backing.checkpoint(conn, "sprints", Long.toString(board)).isPresent(), "checkpoint of " + board);
      }
    }
  }

  @Test
  void theAgileStreamsCountThePointsJiraCharges() {
    try (FakeJira f = FakeJira.startWithScopes(dataset(), AGILE_SCOPES);
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).build()) {
      f.fake.clearJournal();
      SyncRun run = sync.sync(f.connectionId(), SyncRequest.full().withStreams(Entity.BOARDS, Entity.SPRINTS));
      assertEquals(RunStatus.SUCCEEDED, run.status(), run.errors()::toString);
      long charged = f.fake.journal().stream().filter(e -> e.path().contains("/rest/agile/"))
          .mapToLong(dev.jirasdk.testkit.JournalEntry::points).sum();
      long counted = run.streams().stream().mapToLong(StreamSummary::points).sum();
      assertEquals(charged, counted);
      assertEquals(charged, run.points());
      assertTrue(counted > 0);
    }
  }
}
