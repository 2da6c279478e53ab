package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SyncStore} must have. Extend it and return a fresh, empty store:
 *
 * <pre>{@code
 * class SqliteSyncStoreTest extends SyncStoreContract {
 *   @TempDir Path dir;
 *   @Override protected SyncStore newStore() { return SqliteStore.open(dir.resolve("db.sqlite")); }
 * }
 * }</pre>
 *
 * Published in {@code jira-sync-core}'s test jar ({@code <type>test-jar</type>}).
 */
public abstract class SyncStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  protected SyncStore store;

  /** A fresh, empty store. */
  protected abstract SyncStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  protected static SyncRecord issue(String id, String projectId, Instant updated, String summary) {
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put(Columns.Issue.KEY, "P-" + id);
    cols.put(Columns.Issue.PROJECT_ID, projectId);
    cols.put(Columns.Issue.SUMMARY, summary);
    cols.put(Columns.Issue.UPDATED, updated);
    cols.put(Columns.Issue.LABELS, List.of("a", "b"));
    cols.put(Columns.Issue.STORY_POINTS, 3.5);
    return new SyncRecord(Entity.ISSUES, id, projectId, updated, cols,
        "{\"id\":\"" + id + "\",\"fields\":{\"summary\":\"" + summary + "\"}}");
  }

  protected static SyncRecord comment(String id, String issueId, Instant updated) {
    return new SyncRecord(Entity.COMMENTS, id, issueId, updated, Map.of(Columns.Comment.ISSUE_ID, issueId),
        "{\"id\":\"" + id + "\"}");
  }

  /** A link stored under {@code issueId} (the inward issue) that points at {@code outwardIssueId}. */
  protected static SyncRecord link(String id, String issueId, String outwardIssueId) {
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put(Columns.IssueLink.ISSUE_ID, issueId);
    cols.put(Columns.IssueLink.TYPE, "Blocks");
    cols.put(Columns.IssueLink.INWARD_ISSUE_ID, issueId);
    cols.put(Columns.IssueLink.OUTWARD_ISSUE_ID, outwardIssueId);
    return new SyncRecord(Entity.ISSUE_LINKS, id, issueId, null, cols,
        "{\"id\":\"" + id + "\",\"outwardIssue\":{\"id\":\"" + outwardIssueId + "\"}}");
  }

  protected static SyncRecord child(Entity entity, String id, String issueId) {
    return new SyncRecord(entity, id, issueId, T0, Map.of(), "{\"id\":\"" + id + "\"}");
  }

  protected static Checkpoint cp(String partition, String value) {
    return new Checkpoint("issues", partition, value, T0);
  }

  @Test
  void newRecordsAreCreatedAndReadBack() {
    PageResult r = store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one"), issue("2", "p", T0, "two")),
        cp("p", "v1")));
    assertEquals(new Counts(2, 0, 0, 0), r.counts(Entity.ISSUES));
    assertEquals(2, store.count("c1", Entity.ISSUES));
    StoredRecord s = store.find("c1", Entity.ISSUES, "1").orElseThrow();
    assertEquals("{\"id\":\"1\",\"fields\":{\"summary\":\"one\"}}", s.record().rawJson());
    assertEquals("one", s.record().column(Columns.Issue.SUMMARY));
    assertEquals("p", s.record().parentId());
    assertEquals(T0, s.record().updated());
    assertEquals(s.record().contentHash(), s.contentHash());
    assertFalse(s.deleted());
  }

  @Test
  void typedColumnsRoundTrip() {
    SyncRecord in = issue("1", "p", T0, "one");
    store.commitPage("c1", SyncPage.of(List.of(in), null));
    SyncRecord out = store.find("c1", Entity.ISSUES, "1").orElseThrow().record();
    assertEquals(in.contentHash(), out.contentHash(), "columns, parent, updated and raw JSON survive storage");
    assertEquals(List.of("a", "b"), out.column(Columns.Issue.LABELS));
    assertEquals(3.5, ((Number) out.column(Columns.Issue.STORY_POINTS)).doubleValue());
    assertEquals(T0, out.column(Columns.Issue.UPDATED));
  }

  @Test
  void reUpsertingTheSameContentCountsAsUnchangedAndChangedContentAsUpdated() {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one"), issue("2", "p", T0, "two")), null));
    PageResult r = store.commitPage("c1", SyncPage.of(
        List.of(issue("1", "p", T0, "one"), issue("2", "p", T0.plusSeconds(5), "two!"), issue("3", "p", T0, "3")),
        null));
    assertEquals(new Counts(1, 1, 1, 0), r.counts(Entity.ISSUES));
    assertEquals("two!", store.find("c1", Entity.ISSUES, "2").orElseThrow().record().column(Columns.Issue.SUMMARY));
    assertEquals(3, store.count("c1", Entity.ISSUES));
  }

  @Test
  void theCheckpointIsStoredWithThePageAndReplacedByTheNext() {
    assertTrue(store.checkpoint("c1", "issues", "p").isEmpty());
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one")), cp("p", "v1")));
    assertEquals("v1", store.checkpoint("c1", "issues", "p").orElseThrow().value());
    store.commitPage("c1", SyncPage.of(List.of(), cp("p", "v2")));
    assertEquals("v2", store.checkpoint("c1", "issues", "p").orElseThrow().value());
    store.commitPage("c1", SyncPage.of(List.of(), null));
    assertEquals("v2", store.checkpoint("c1", "issues", "p").orElseThrow().value(), "null leaves it alone");
    store.commitPage("c1", SyncPage.of(List.of(), cp("q", "other")));
    assertEquals(2, store.checkpoints("c1").size());
    assertEquals(2, store.clearCheckpoints("c1", "issues"));
    assertTrue(store.checkpoints("c1").isEmpty());
  }

  @Test
  void tombstonesMarkRecordsDeletedAndCascadeToTheIssuesChildren() {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one"), issue("2", "p", T0, "two"),
        comment("100", "1", T0), comment("101", "1", T0), comment("200", "2", T0)), null));
    PageResult r = store.commitPage("c1", new SyncPage(List.of(),
        List.of(new Tombstone(Entity.ISSUES, "1", T0.plusSeconds(60), "test"),
            new Tombstone(Entity.ISSUES, "404", T0, "never stored")), null));
    assertEquals(1, r.counts(Entity.ISSUES).deleted());
    assertEquals(2, r.counts(Entity.COMMENTS).deleted());
    assertEquals(1, store.count("c1", Entity.ISSUES));
    assertEquals(1, store.count("c1", Entity.COMMENTS));
    StoredRecord dead = store.find("c1", Entity.ISSUES, "1").orElseThrow();
    assertEquals(T0.plusSeconds(60), dead.deletedAt());
    assertTrue(store.find("c1", Entity.COMMENTS, "100").orElseThrow().deleted());
    assertFalse(store.find("c1", Entity.COMMENTS, "200").orElseThrow().deleted());
    assertEquals(List.of("2"), store.ids("c1", Entity.ISSUES, "p", null, 10));

    PageResult again = store.commitPage("c1", new SyncPage(List.of(),
        List.of(new Tombstone(Entity.ISSUES, "1", T0.plusSeconds(90), "twice")), null));
    assertEquals(0, again.total().deleted(), "an already tombstoned record is not counted again");
  }

  @Test
  void fieldValuesFieldChangesAndPlainTextRoundTripAndDieWithTheirIssue() {
    Map<String, Object> issueCols = new LinkedHashMap<>(issue("1", "p", T0, "one").columns());
    issueCols.put(Columns.Issue.DESCRIPTION_TEXT, "Steps: open @Ada's page (https://example.com)");
    SyncRecord issue = new SyncRecord(Entity.ISSUES, "1", "p", T0, issueCols, "{\"id\":\"1\"}");
    Map<String, Object> value = new LinkedHashMap<>();
    value.put(Columns.FieldValue.ISSUE_ID, "1");
    value.put(Columns.FieldValue.FIELD_ID, "customfield_10030");
    value.put(Columns.FieldValue.FIELD_NAME, "Reviewer");
    value.put(Columns.FieldValue.SCHEMA_TYPE, "user");
    value.put(Columns.FieldValue.ROLE, "story_points");
    value.put(Columns.FieldValue.POSITION, 1L);
    value.put(Columns.FieldValue.VALUE_ID, "acc-1");
    value.put(Columns.FieldValue.VALUE_TEXT, "Ada");
    value.put(Columns.FieldValue.VALUE_NUMBER, 2.5);
    value.put(Columns.FieldValue.VALUE_DATE, "2026-01-05");
    SyncRecord fieldValue = new SyncRecord(Entity.ISSUE_FIELD_VALUES, "1/customfield_10030/1", "1", null, value,
        "{\"accountId\":\"acc-1\"}");
    Map<String, Object> change = new LinkedHashMap<>();
    change.put(Columns.FieldChange.ISSUE_ID, "1");
    change.put(Columns.FieldChange.HISTORY_ID, "100");
    change.put(Columns.FieldChange.POSITION, 0L);
    change.put(Columns.FieldChange.FIELD_ID, "status");
    change.put(Columns.FieldChange.FROM_STRING, "To Do");
    change.put(Columns.FieldChange.TO_STRING, "Done");
    change.put(Columns.FieldChange.CREATED, T0);
    SyncRecord fieldChange = new SyncRecord(Entity.FIELD_CHANGES, "100/0", "1", T0, change, "{\"field\":\"status\"}");
    Map<String, Object> commentCols = new LinkedHashMap<>(comment("c", "1", T0).columns());
    commentCols.put(Columns.Comment.BODY_TEXT, "- one\n- two");
    SyncRecord comment = new SyncRecord(Entity.COMMENTS, "c", "1", T0, commentCols, "{\"id\":\"c\"}");
    store.commitPage("c1", SyncPage.of(List.of(issue, fieldValue, fieldChange, comment), null));
    for (SyncRecord in : List.of(issue, fieldValue, fieldChange, comment)) {
      assertEquals(in, store.find("c1", in.entity(), in.id()).orElseThrow().record(), in.toString());
    }
    store.commitPage("c1", new SyncPage(List.of(), List.of(new Tombstone(Entity.ISSUES, "1", T0, "gone")), null));
    assertTrue(store.find("c1", Entity.ISSUE_FIELD_VALUES, fieldValue.id()).orElseThrow().deleted());
    assertTrue(store.find("c1", Entity.FIELD_CHANGES, fieldChange.id()).orElseThrow().deleted());
  }

  @Test
  void aTombstonedRecordThatComesBackIsLiveAndCountedAsUpdated() {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one")), null));
    store.commitPage("c1", new SyncPage(List.of(), List.of(new Tombstone(Entity.ISSUES, "1", T0, "x")), null));
    PageResult r = store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one")), null));
    assertEquals(new Counts(0, 1, 0, 0), r.counts(Entity.ISSUES));
    assertFalse(store.find("c1", Entity.ISSUES, "1").orElseThrow().deleted());
  }

  @Test
  void anArchivedIssueIsNeitherLiveNorDeletedAndKeepsItsChildrenAndTheLinksToIt() {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one"), issue("2", "p", T0, "two"),
        comment("100", "1", T0), link("in", "2", "1")), null));
    PageResult r = store.commitPage("c1", new SyncPage(List.of(), List.of(), cp("p", "archived"),
        List.of(new Archival("1", T0.plusSeconds(60), "project archived"), new Archival("404", T0, "never stored"))));
    assertEquals(0, r.total().deleted(), "archiving deletes nothing");
    StoredRecord archived = store.find("c1", Entity.ISSUES, "1").orElseThrow();
    assertTrue(archived.archived());
    assertFalse(archived.deleted());
    assertFalse(archived.live());
    assertEquals(T0.plusSeconds(60), archived.archivedAt());
    assertEquals("one", archived.record().column(Columns.Issue.SUMMARY), "the row keeps its content");
    assertEquals(1, store.count("c1", Entity.ISSUES));
    assertEquals(1, store.count("c1", Entity.ISSUES, "p"));
    assertEquals(List.of("2"), store.ids("c1", Entity.ISSUES, "p", null, 10));
    assertEquals(new SyncStore.IdSpan(2, 2), store.idSpan("c1", Entity.ISSUES, "p").orElseThrow());
    assertEquals(List.of("2"), store.idsInRange("c1", Entity.ISSUES, "p", 0, 10, 10));
    assertEquals(1, store.countByIdRange("c1", Entity.ISSUES, "p", new long[] {0, 10})[0]);
    assertEquals(1, store.records("c1", Entity.ISSUES, null, 10, false).items().size());
    assertEquals(2, store.records("c1", Entity.ISSUES, null, 10, true).items().size());
    assertTrue(store.find("c1", Entity.COMMENTS, "100").orElseThrow().live(), "its children stay");
    assertTrue(store.find("c1", Entity.ISSUE_LINKS, "in").orElseThrow().live(), "links to it stay");
    assertEquals("archived", store.checkpoint("c1", "issues", "p").orElseThrow().value());
    assertTrue(store.find("c1", Entity.ISSUES, "404").isEmpty());

    PageResult tomb = store.commitPage("c1", new SyncPage(List.of(),
        List.of(new Tombstone(Entity.ISSUES, "1", T0.plusSeconds(90), "census")), null));
    assertEquals(0, tomb.counts(Entity.ISSUES).deleted(), "a tombstone leaves an archived issue archived");
    assertTrue(store.find("c1", Entity.ISSUES, "1").orElseThrow().archived());
  }

  @Test
  void anArchivedIssueStoredAgainIsLiveAndCountedAsUpdated() {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one")), null));
    store.commitPage("c1", new SyncPage(List.of(), List.of(), null, List.of(new Archival("1", T0, "x"))));
    PageResult r = store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one")), null));
    assertEquals(new Counts(0, 1, 0, 0), r.counts(Entity.ISSUES));
    StoredRecord back = store.find("c1", Entity.ISSUES, "1").orElseThrow();
    assertTrue(back.live());
    assertNull(back.archivedAt());
    assertEquals(List.of("1"), store.ids("c1", Entity.ISSUES, "p", null, 10));

    store.commitPage("c1", new SyncPage(List.of(), List.of(), null, List.of(new Archival("1", T0, "again"))));
    store.commitPage("c1", new SyncPage(List.of(), List.of(), null, List.of(new Archival("1", T0.plusSeconds(9), "twice"))));
    assertEquals(T0, store.find("c1", Entity.ISSUES, "1").orElseThrow().archivedAt(), "archiving twice keeps the first");
  }

  @Test
  void recordsArePagedByUpdatedThenId() {
    List<SyncRecord> rs = new ArrayList<>();
    rs.add(issue("5", "p", T0.plusSeconds(2), "x"));
    rs.add(issue("3", "p", T0.plusSeconds(1), "x"));
    rs.add(issue("4", "p", T0.plusSeconds(1), "x"));
    rs.add(issue("1", "p", T0.plusSeconds(3), "x"));
    rs.add(new SyncRecord(Entity.ISSUES, "9", "p", null, Map.of(), "{}"));
    store.commitPage("c1", SyncPage.of(rs, null));
    List<String> seen = new ArrayList<>();
    RecordCursor after = null;
    int pages = 0;
    while (true) {
      RecordPage page = store.records("c1", Entity.ISSUES, after, 2, false);
      pages++;
      page.items().forEach(s -> seen.add(s.record().id()));
      if (page.next().isEmpty()) break;
      after = page.next().get();
    }
    assertEquals(List.of("9", "3", "4", "5", "1"), seen);
    assertTrue(pages >= 3);
  }

  @Test
  void recordsCanIncludeTombstones() {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one"), issue("2", "p", T0, "two")), null));
    store.commitPage("c1", new SyncPage(List.of(), List.of(new Tombstone(Entity.ISSUES, "1", T0, "x")), null));
    assertEquals(1, store.records("c1", Entity.ISSUES, null, 10, false).items().size());
    assertEquals(2, store.records("c1", Entity.ISSUES, null, 10, true).items().size());
  }

  @Test
  void idsOfAParentArePagedInAscendingOrder() {
    List<SyncRecord> rs = new ArrayList<>();
    for (int i = 0; i < 25; i++) rs.add(issue(String.format("%03d", i), i % 2 == 0 ? "even" : "odd", T0, "x"));
    store.commitPage("c1", SyncPage.of(rs, null));
    List<String> even = new ArrayList<>();
    String after = null;
    while (true) {
      List<String> page = store.ids("c1", Entity.ISSUES, "even", after, 4);
      even.addAll(page);
      if (page.size() < 4) break;
      after = page.get(page.size() - 1);
    }
    assertEquals(13, even.size());
    assertEquals("000", even.get(0));
    assertEquals("024", even.get(12));
    List<String> streamed = new ArrayList<>();
    store.forEachId("c1", Entity.ISSUES, "odd", streamed::add);
    assertEquals(12, streamed.size());
    assertEquals(13, store.count("c1", Entity.ISSUES, "even"));
  }

  @Test
  void idsAreGroupedByParentForManyParentsAtOnce() {
    List<SyncRecord> rs = new ArrayList<>();
    for (int i = 0; i < 1200; i++) rs.add(comment("c" + i, "i" + (i % 600), T0));
    rs.add(comment("gone", "i1", T0));
    rs.add(comment("other", "i9999", T0));
    store.commitPage("c1", SyncPage.of(rs, null));
    store.commitPage("c1", new SyncPage(List.of(), List.of(new Tombstone(Entity.COMMENTS, "gone", T0, "test")), null));
    store.commitPage("c2", SyncPage.of(List.of(comment("foreign", "i1", T0)), null));
    List<String> parents = new ArrayList<>();
    for (int i = 0; i < 700; i++) parents.add("i" + i);
    parents.add("i1");
    Map<String, java.util.Set<String>> byParent = store.idsByParent("c1", Entity.COMMENTS, parents);
    assertEquals(600, byParent.size());
    assertEquals(java.util.Set.of("c1", "c601"), byParent.get("i1"));
    assertEquals(java.util.Set.of("c599", "c1199"), byParent.get("i599"));
    assertNull(byParent.get("i600"));
    assertNull(byParent.get("i9999"), "a parent that was not asked for is not answered");
    assertEquals(Map.of(), store.idsByParent("c1", Entity.COMMENTS, List.of()));
    assertEquals(Map.of(), store.idsByParent("c1", Entity.WORKLOGS, parents));
  }

  @Test
  void aNullParentSelectsRecordsWithoutAParent() {
    store.commitPage("c1", SyncPage.of(List.of(
        new SyncRecord(Entity.USERS, "u1", null, null, Map.of(Columns.User.DISPLAY_NAME, "A"), "{}"),
        new SyncRecord(Entity.USERS, "u2", null, null, Map.of(), "{}"),
        new SyncRecord(Entity.USERS, "u3", "odd", null, Map.of(), "{}")), null));
    assertEquals(List.of("u1", "u2"), store.ids("c1", Entity.USERS, null, null, 10));
    assertEquals(List.of("u3"), store.ids("c1", Entity.USERS, "odd", null, 10));
    assertEquals(2, store.count("c1", Entity.USERS, null));
    assertEquals(3, store.count("c1", Entity.USERS));
  }

  @Test
  void connectionsNeverSeeEachOthersRows() {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "mine")), cp("p", "c1")));
    store.commitPage("c2", SyncPage.of(List.of(issue("1", "p", T0, "theirs"), issue("2", "p", T0, "x")), cp("p", "c2")));
    assertEquals(1, store.count("c1", Entity.ISSUES));
    assertEquals(2, store.count("c2", Entity.ISSUES));
    assertEquals("mine", store.find("c1", Entity.ISSUES, "1").orElseThrow().record().column(Columns.Issue.SUMMARY));
    assertEquals("c1", store.checkpoint("c1", "issues", "p").orElseThrow().value());
    assertEquals(Map.of(Entity.ISSUES, 1L), store.counts("c1"));
    store.deleteConnection("c2");
    assertEquals(0, store.count("c2", Entity.ISSUES));
    assertEquals(1, store.count("c1", Entity.ISSUES));
  }

  @Test
  void runsAreSavedReplacedAndListedNewestFirst() {
    SyncRun a = run("r1", "c1", RunStatus.RUNNING, T0);
    store.saveRun(a);
    store.saveRun(run("r2", "c1", RunStatus.SUCCEEDED, T0.plusSeconds(10)));
    store.saveRun(run("r3", "c2", RunStatus.SUCCEEDED, T0.plusSeconds(20)));
    SyncRun done = new SyncRun("r1", "c1", SyncMode.FULL, RunStatus.PARTIAL, T0, T0.plusSeconds(5),
        List.of(new StreamSummary("issues", RunStatus.SUCCEEDED, Map.of(Entity.ISSUES, new Counts(3, 2, 1, 1),
            Entity.ATTACHMENTS, new Counts(1, 0, 0, 0)), 4, 5, 60, T0, T0.plusSeconds(4)),
            new StreamSummary("users", RunStatus.FAILED, Map.of(), 0, 1, 1, T0, T0.plusSeconds(1))),
        7, 61, 6,
        List.of(new SyncError("users", Checkpoint.GLOBAL, SyncError.Kind.PERMISSION, "GET /rest/api/3/users/search", 403,
            List.of("no"), "dev.jirasdk.auth.JiraPermissionException", T0)),
        List.of("a note"));
    store.saveRun(done);
    List<SyncRun> runs = store.runs("c1", 10);
    assertEquals(List.of("r2", "r1"), runs.stream().map(SyncRun::runId).toList());
    SyncRun back = store.run("r1").orElseThrow();
    assertEquals(RunStatus.PARTIAL, back.status());
    assertEquals(T0.plusSeconds(5), back.finishedAt());
    assertEquals(new Counts(3, 2, 1, 1), back.stream("issues").counts().get(Entity.ISSUES));
    assertEquals(new Counts(1, 0, 0, 0), back.stream("issues").counts().get(Entity.ATTACHMENTS));
    assertEquals(61, back.points());
    assertEquals(7, back.requests());
    assertEquals(6, back.estimatedIssues());
    assertEquals(1, back.errors().size());
    assertEquals(403, back.errors().get(0).status());
    assertEquals("GET /rest/api/3/users/search", back.errors().get(0).endpoint());
    assertEquals(List.of("a note"), back.notes());
    assertEquals(1, store.runs("c1", 1).size());
    assertTrue(store.run("nope").isEmpty());
  }

  private static SyncRun run(String id, String conn, RunStatus status, Instant start) {
    return new SyncRun(id, conn, SyncMode.INCREMENTAL, status, start,
        status == RunStatus.RUNNING ? null : start.plusSeconds(1), List.of(), 0, 0, -1, List.of(), List.of());
  }

  @Test
  void aPageMayMixEntitiesAndCountsEachSeparately() {
    PageResult r = store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one"), comment("7", "1", T0)),
        cp("p", "x")));
    assertEquals(1, r.counts(Entity.ISSUES).created());
    assertEquals(1, r.counts(Entity.COMMENTS).created());
    assertEquals(new Counts(2, 0, 0, 0), r.total());
    Optional<StoredRecord> c = store.find("c1", Entity.COMMENTS, "7");
    assertTrue(c.isPresent());
    assertNull(c.get().deletedAt());
    assertNotNull(c.get().syncedAt());
  }

  @Test
  void aTombstonedIssueTakesEveryKindOfChildAlongInTheSameCommit() {
    List<SyncRecord> page = new ArrayList<>(List.of(issue("1", "p", T0, "one"), issue("2", "p", T0, "two")));
    for (Entity e : List.of(Entity.COMMENTS, Entity.WORKLOGS, Entity.ATTACHMENTS, Entity.CHANGELOGS)) {
      page.add(child(e, e.streamName() + "-1", "1"));
      page.add(child(e, e.streamName() + "-2", "2"));
    }
    page.add(link("l-1", "1", "2"));
    store.commitPage("c1", SyncPage.of(page, null));
    PageResult r = store.commitPage("c1", new SyncPage(List.of(),
        List.of(new Tombstone(Entity.ISSUES, "1", T0, "deleted in Jira")), null));
    for (Entity e : List.of(Entity.COMMENTS, Entity.WORKLOGS, Entity.ATTACHMENTS, Entity.CHANGELOGS,
        Entity.ISSUE_LINKS)) {
      assertEquals(1, r.counts(e).deleted(), e.streamName());
    }
    for (Entity e : List.of(Entity.COMMENTS, Entity.WORKLOGS, Entity.ATTACHMENTS, Entity.CHANGELOGS)) {
      assertTrue(store.find("c1", e, e.streamName() + "-1").orElseThrow().deleted(), e.streamName());
      assertFalse(store.find("c1", e, e.streamName() + "-2").orElseThrow().deleted(), e.streamName());
    }
  }

  @Test
  void aTombstonedIssueTakesTheLinksOfOtherIssuesThatPointAtIt() {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "p", T0, "one"), issue("2", "p", T0, "two"),
        issue("3", "p", T0, "three"), link("in", "2", "1"), link("out", "1", "3"), link("other", "2", "3")), null));
    store.commitPage("c2", SyncPage.of(List.of(issue("1", "p", T0, "one"), link("in", "2", "1")), null));
    PageResult r = store.commitPage("c1", new SyncPage(List.of(),
        List.of(new Tombstone(Entity.ISSUES, "1", T0, "deleted in Jira")), null));
    assertEquals(2, r.counts(Entity.ISSUE_LINKS).deleted(), "its own link and the one pointing at it");
    assertTrue(store.find("c1", Entity.ISSUE_LINKS, "in").orElseThrow().deleted(), "the inbound link");
    assertTrue(store.find("c1", Entity.ISSUE_LINKS, "out").orElseThrow().deleted(), "its own link");
    assertFalse(store.find("c1", Entity.ISSUE_LINKS, "other").orElseThrow().deleted());
    assertEquals(List.of("other"), store.ids("c1", Entity.ISSUE_LINKS, "2", null, 10));
    assertFalse(store.find("c2", Entity.ISSUE_LINKS, "in").orElseThrow().deleted(), "another connection's link");

    PageResult again = store.commitPage("c1", new SyncPage(List.of(),
        List.of(new Tombstone(Entity.ISSUES, "1", T0, "again")), null));
    assertEquals(0, again.total().deleted());
    // A link re-read later under its owner is live again and, pointing at a new issue, no longer follows the old one.
    store.commitPage("c1", SyncPage.of(List.of(link("in", "2", "3")), null));
    PageResult third = store.commitPage("c1", new SyncPage(List.of(),
        List.of(new Tombstone(Entity.ISSUES, "3", T0, "deleted in Jira")), null));
    assertEquals(2, third.counts(Entity.ISSUE_LINKS).deleted(), "in and other now point at 3; out is gone already");
  }

  private void storeNumericIssues() {
    List<SyncRecord> page = new ArrayList<>();
    for (String id : List.of("5", "7", "10", "99", "100", "1000", "ABC-1")) page.add(issue(id, "p", T0, id));
    page.add(issue("50", "q", T0, "other project"));
    store.commitPage("c1", SyncPage.of(page, null));
    store.commitPage("c1", new SyncPage(List.of(), List.of(new Tombstone(Entity.ISSUES, "7", T0, "gone")), null));
    store.commitPage("c2", SyncPage.of(List.of(issue("1", "p", T0, "c2"), issue("5000", "p", T0, "c2")), null));
  }

  @Test
  void theIdSpanCoversLiveNumericIdsOfTheParentOnly() {
    storeNumericIssues();
    assertEquals(Optional.of(new SyncStore.IdSpan(5, 1000)), store.idSpan("c1", Entity.ISSUES, "p"));
    assertEquals(Optional.of(new SyncStore.IdSpan(50, 50)), store.idSpan("c1", Entity.ISSUES, "q"));
    assertEquals(Optional.empty(), store.idSpan("c1", Entity.ISSUES, "nope"));
    assertEquals(Optional.empty(), store.idSpan("c3", Entity.ISSUES, "p"));
  }

  @Test
  void liveIdsAreCountedPerNumericRange() {
    storeNumericIssues();
    assertArrayEquals(new long[] {1, 2, 2}, store.countByIdRange("c1", Entity.ISSUES, "p", new long[] {0, 10, 100, 2000}),
        "5 | 10, 99 | 100, 1000 (numeric, not text order; 7 is tombstoned; ABC-1 is not a number)");
    assertArrayEquals(new long[] {0, 0}, store.countByIdRange("c1", Entity.ISSUES, "p", new long[] {1001, 5000, 5001}));
    assertArrayEquals(new long[] {1, 1}, store.countByIdRange("c2", Entity.ISSUES, "p", new long[] {1, 5000, 5001}));
    assertArrayEquals(new long[] {1}, store.countByIdRange("c1", Entity.ISSUES, "q", new long[] {0, Long.MAX_VALUE}));
    assertThrows(IllegalArgumentException.class, () -> store.countByIdRange("c1", Entity.ISSUES, "p", new long[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> store.countByIdRange("c1", Entity.ISSUES, "p", new long[] {10, 10, 20}));
  }

  @Test
  void idsOfANumericRangeArePagedInNumericOrder() {
    storeNumericIssues();
    assertEquals(List.of("5", "10", "99"), store.idsInRange("c1", Entity.ISSUES, "p", 0, 2000, 3));
    assertEquals(List.of("100", "1000"), store.idsInRange("c1", Entity.ISSUES, "p", 100, 2000, 3));
    assertEquals(List.of("10", "99"), store.idsInRange("c1", Entity.ISSUES, "p", 6, 100, 10));
    assertEquals(List.of(), store.idsInRange("c1", Entity.ISSUES, "p", 1001, 5001, 10));
    assertThrows(IllegalArgumentException.class, () -> store.idsInRange("c1", Entity.ISSUES, "p", 0, 10, 0));
  }

  // ------------------------------------------------------------------------------------------- Agile tables

  protected static SyncRecord board(String id, String projectId) {
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put(Columns.Board.NAME, "Board " + id);
    cols.put(Columns.Board.TYPE, "scrum");
    cols.put(Columns.Board.PROJECT_ID, projectId);
    cols.put(Columns.Board.PROJECT_KEY, "P");
    return new SyncRecord(Entity.BOARDS, id, null, null, cols, "{\"id\":" + id + ",\"type\":\"scrum\"}");
  }

  protected static SyncRecord sprint(String id, String boardId, String state) {
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put(Columns.Sprint.NAME, "Sprint " + id);
    cols.put(Columns.Sprint.BOARD_ID, boardId);
    cols.put(Columns.Sprint.STATE, state);
    cols.put(Columns.Sprint.START_DATE, T0);
    cols.put(Columns.Sprint.END_DATE, T0.plusSeconds(14 * 86_400));
    cols.put(Columns.Sprint.GOAL, "Ship it — schnell");
    return new SyncRecord(Entity.SPRINTS, id, boardId, null, cols, "{\"id\":" + id + ",\"state\":\"" + state + "\"}");
  }

  protected static SyncRecord sprintIssue(String issueId, String sprintId) {
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put(Columns.SprintIssue.ISSUE_ID, issueId);
    cols.put(Columns.SprintIssue.SPRINT_ID, sprintId);
    return new SyncRecord(Entity.SPRINT_ISSUES, issueId + ":" + sprintId, issueId, null, cols,
        "{\"id\":" + sprintId + "}");
  }

  @Test
  void boardsSprintsAndSprintMembershipRoundTripWithTheirTypedColumns() {
    List<SyncRecord> in = List.of(board("7", "10000"), sprint("31", "7", "closed"), sprint("32", "7", "active"),
        issue("1", "10000", T0, "one"), sprintIssue("1", "31"), sprintIssue("1", "32"));
    PageResult r = store.commitPage("c1", SyncPage.of(in, null));
    assertEquals(1, r.counts(Entity.BOARDS).created());
    assertEquals(2, r.counts(Entity.SPRINTS).created());
    assertEquals(2, r.counts(Entity.SPRINT_ISSUES).created());
    for (SyncRecord rec : in) {
      SyncRecord out = store.find("c1", rec.entity(), rec.id()).orElseThrow().record();
      assertEquals(rec.contentHash(), out.contentHash(), rec.entity() + " " + rec.id());
    }
    SyncRecord sp = store.find("c1", Entity.SPRINTS, "31").orElseThrow().record();
    assertEquals(T0, sp.column(Columns.Sprint.START_DATE));
    assertEquals("7", sp.parentId());
    assertEquals(List.of("31", "32"), store.ids("c1", Entity.SPRINTS, "7", null, 10));
    assertEquals(java.util.Set.of("1:31", "1:32"),
        store.idsByParent("c1", Entity.SPRINT_ISSUES, List.of("1")).get("1"));
  }

  @Test
  void aTombstonedIssueTakesItsSprintMembershipAndClosedSprintsStay() {
    store.commitPage("c1", SyncPage.of(List.of(sprint("31", "7", "closed"), issue("1", "p", T0, "one"),
        issue("2", "p", T0, "two"), sprintIssue("1", "31"), sprintIssue("2", "31")), null));
    PageResult r = store.commitPage("c1", new SyncPage(List.of(),
        List.of(new Tombstone(Entity.ISSUES, "1", T0, "deleted in Jira")), null));
    assertEquals(1, r.counts(Entity.SPRINT_ISSUES).deleted());
    assertTrue(store.find("c1", Entity.SPRINT_ISSUES, "1:31").orElseThrow().deleted());
    assertFalse(store.find("c1", Entity.SPRINT_ISSUES, "2:31").orElseThrow().deleted());
    assertFalse(store.find("c1", Entity.SPRINTS, "31").orElseThrow().deleted());
    assertEquals(1, store.count("c1", Entity.SPRINT_ISSUES));
  }
}
