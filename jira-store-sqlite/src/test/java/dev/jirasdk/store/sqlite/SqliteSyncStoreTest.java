package dev.jirasdk.store.sqlite;

import static dev.jirasdk.store.sqlite.SyncFixtures.T0;
import static dev.jirasdk.store.sqlite.SyncFixtures.comment;
import static dev.jirasdk.store.sqlite.SyncFixtures.issue;
import static dev.jirasdk.store.sqlite.SyncFixtures.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.StoreException;
import dev.jirasdk.sync.Archival;
import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.PageResult;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import dev.jirasdk.sync.Tombstone;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSyncStoreTest {
  @TempDir Path dir;
  Path file;
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T12:00:00Z"));
  SqliteStore store;

  @BeforeEach
  void open() {
    file = dir.resolve("sync.db");
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override public Clock withZone(java.time.ZoneId zone) {
        throw new UnsupportedOperationException();
      }

      @Override public Instant instant() {
        return now.get();
      }
    };
    store = SqliteStore.builder().path(file).clock(clock).build();
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Checkpoint cp(String value) {
    return new Checkpoint("issues", "10000", value, T0);
  }

  @Test
  void typedColumnsCanBeQueriedWithPlainSql() throws Exception {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "10000", T0.plusSeconds(60), "Fix login"),
        issue("2", "10000", T0.plusSeconds(120), "Add search"), project("10000", "PRJ")), cp("v1")));
    assertEquals(List.of("PRJ-2|Add search|In Progress|5.0|backend"), DbFiles.queryStrings(file,
        "SELECT issue_key || '|' || summary || '|' || status || '|' || story_points || '|'"
            + " || (SELECT value FROM json_each(labels) LIMIT 1) FROM jira_issues"
            + " WHERE connection_id = 'c1' AND updated > '2026-11-01T08:01:30' ORDER BY updated"));
    assertEquals(List.of("Fix login"), DbFiles.queryStrings(file,
        "SELECT json_extract(raw_json, '$.fields.summary') FROM jira_issues WHERE issue_key = 'PRJ-1'"));
    assertEquals(List.of("0"), DbFiles.queryStrings(file, "SELECT archived FROM jira_projects"));
  }

  @Test
  void anArchivedIssueHasArchivedAtAndALiveQueryLeavesItOutWithoutATombstoneRow() throws Exception {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "10000", T0, "one"), issue("2", "10000", T0, "two"),
        comment("100", "1", T0)), cp("v1")));
    store.commitPage("c1", new SyncPage(List.of(), List.of(), null,
        List.of(new Archival("1", T0.plusSeconds(60), "project archived"))));
    String at = dev.jirasdk.store.jdbc.StoredTimes.format(T0.plusSeconds(60));
    assertEquals(List.of(at + "|" + at + "|archived"),
        DbFiles.queryStrings(file, "SELECT archived_at || '|' || deleted_at || '|' || deleted_reason FROM jira_issues"
            + " WHERE id = '1'"));
    assertEquals(List.of("2"), DbFiles.queryStrings(file,
        "SELECT id FROM jira_issues WHERE connection_id = 'c1' AND deleted_at IS NULL ORDER BY id"));
    assertEquals(0, DbFiles.queryLong(file, "SELECT count(*) FROM tombstones"));
    assertEquals(1, DbFiles.queryLong(file, "SELECT count(*) FROM jira_comments WHERE deleted_at IS NULL"));
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "10000", T0, "one")), null));
    assertEquals(1, DbFiles.queryLong(file, "SELECT count(*) FROM jira_issues WHERE id = '1' AND archived_at IS NULL"
        + " AND deleted_at IS NULL AND deleted_reason IS NULL"));
  }

  @Test
  void rawJsonIsStoredAsUtf8TextWhetherGivenAsTextOrAsBytes() throws Exception {
    String json = "{\"id\":\"1\",\"s\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00\"}";
    byte[] utf8 = ("xx" + json + "yy").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    SyncRecord fromBytes = SyncRecord.ofUtf8(Entity.LABELS, "b", null, null, Map.of(), utf8, 2, utf8.length - 4);
    SyncRecord fromText = new SyncRecord(Entity.LABELS, "t", null, null, Map.of(), json);
    store.commitPage("c1", SyncPage.of(List.of(fromBytes, fromText), null));
    assertEquals(List.of("text|caf\u00e9 \u65e5\u672c \ud83d\ude00|1", "text|caf\u00e9 \u65e5\u672c \ud83d\ude00|1"),
        DbFiles.queryStrings(file, "SELECT typeof(raw_json) || '|' || json_extract(raw_json, '$.s') || '|'"
            + " || json_valid(raw_json) FROM jira_labels ORDER BY id"));
    assertEquals(json, store.find("c1", Entity.LABELS, "b").orElseThrow().record().rawJson());
    assertEquals(fromBytes, store.find("c1", Entity.LABELS, "b").orElseThrow().record());
    assertEquals(fromText.contentHash(), store.find("c1", Entity.LABELS, "t").orElseThrow().contentHash());
    assertEquals(new Counts(0, 0, 2, 0), store.commitPage("c1", SyncPage.of(List.of(fromBytes, fromText), null))
        .counts(Entity.LABELS));
  }

  @Test
  void theLogIsCopiedIntoTheDatabaseInTheBackgroundWhileTheStoreIsOpen() throws Exception {
    long before = java.nio.file.Files.size(file);
    List<SyncRecord> page = new ArrayList<>();
    String text = "x".repeat(4_000);
    for (int i = 0; i < 500; i++) page.add(comment("c" + i, "1", T0, text));
    store.commitPage("c1", SyncPage.of(page, null));
    // ~2 MB went to the WAL; SQLite's own checkpoint waits for 8,000 pages, so only the checkpointer moves it.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (java.nio.file.Files.size(file) < before + 1_000_000 && System.nanoTime() < deadline) Thread.sleep(20);
    assertTrue(java.nio.file.Files.size(file) >= before + 1_000_000, "database file grew to "
        + java.nio.file.Files.size(file) + " bytes");
    assertEquals(500, store.count("c1", Entity.COMMENTS));
  }

  @Test
  void reUpsertingUnchangedRecordsWritesNothing() throws Exception {
    List<SyncRecord> page = List.of(issue("1", "10000", T0, "one"), issue("2", "10000", T0, "two"));
    store.commitPage("c1", SyncPage.of(page, cp("v1")));
    List<String> before = DbFiles.queryStrings(file, "SELECT synced_at FROM jira_issues ORDER BY id");
    now.set(now.get().plusSeconds(3600));
    PageResult again = store.commitPage("c1", SyncPage.of(page, cp("v2")));
    assertEquals(new Counts(0, 0, 2, 0), again.counts(Entity.ISSUES));
    assertEquals(before, DbFiles.queryStrings(file, "SELECT synced_at FROM jira_issues ORDER BY id"));
    assertEquals("v2", store.checkpoint("c1", "issues", "10000").orElseThrow().value());

    PageResult changed = store.commitPage("c1",
        SyncPage.of(List.of(issue("1", "10000", T0.plusSeconds(5), "one, edited")), cp("v3")));
    assertEquals(new Counts(0, 1, 0, 0), changed.counts(Entity.ISSUES));
    assertEquals(now.get(), store.find("c1", Entity.ISSUES, "1").orElseThrow().syncedAt());
  }

  @Test
  void tombstonesAreLoggedWithTheChildrenTheyTookAlong() throws Exception {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "10000", T0, "one"), comment("100", "1", T0),
        comment("101", "1", T0)), null));
    PageResult r = store.commitPage("c1", new SyncPage(List.of(),
        List.of(new Tombstone(Entity.ISSUES, "1", T0.plusSeconds(9), "census")), cp("after-delete")));
    assertEquals(1, r.counts(Entity.ISSUES).deleted());
    assertEquals(2, r.counts(Entity.COMMENTS).deleted());
    assertEquals(List.of("issues 1", "comments 100", "comments 101"), DbFiles.queryStrings(file,
        "SELECT entity || ' ' || id FROM tombstones WHERE connection_id = 'c1' ORDER BY seq"));
    assertEquals(List.of("census"), DbFiles.queryStrings(file, "SELECT deleted_reason FROM jira_issues"));
  }

  @Test
  void aPageThatFailsHalfwayLeavesNothingBehindNotEvenItsCheckpoint() throws Exception {
    store.commitPage("c1", SyncPage.of(List.of(issue("1", "10000", T0, "one")), cp("v1")));
    DbFiles.execute(file, "CREATE TRIGGER explode BEFORE INSERT ON jira_comments WHEN NEW.id = 'boom'"
        + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    SyncPage page = new SyncPage(List.of(issue("1", "10000", T0.plusSeconds(1), "one, edited"),
        issue("2", "10000", T0, "two"), comment("boom", "1", T0)),
        List.of(new Tombstone(Entity.PROJECTS, "10000", T0, "")), cp("v2"));
    StoreException e = assertThrows(StoreException.class, () -> store.commitPage("c1", page));
    assertTrue(e.getMessage().contains("commit a page of connection c1"), e.getMessage());
    assertEquals("one", store.find("c1", Entity.ISSUES, "1").orElseThrow().record().column("summary"));
    assertTrue(store.find("c1", Entity.ISSUES, "2").isEmpty());
    assertEquals("v1", store.checkpoint("c1", "issues", "10000").orElseThrow().value());
    // The store is still usable afterwards.
    DbFiles.execute(file, "DROP TRIGGER explode");
    assertEquals(new Counts(1, 1, 0, 0), store.commitPage("c1", page).counts(Entity.ISSUES));
  }

  @Test
  void aColumnOfAnUnsupportedTypeIsRefusedBeforeAnythingIsWritten() {
    SyncRecord bad = new SyncRecord(Entity.ISSUES, "9", "10000", T0, Map.of("summary", new StringBuilder("x")), "{}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> store.commitPage("c1", SyncPage.of(List.of(issue("1", "10000", T0, "one"), bad), cp("v1"))));
    assertTrue(e.getMessage().contains("summary"), e.getMessage());
    assertEquals(0, store.count("c1", Entity.ISSUES));
    assertTrue(store.checkpoint("c1", "issues", "10000").isEmpty());
  }

  @Test
  void largePagesAreCommittedWhole() {
    List<SyncRecord> records = new ArrayList<>();
    for (int i = 0; i < 1200; i++) records.add(issue(String.valueOf(i), "10000", T0.plusSeconds(i), "s" + i));
    assertEquals(new Counts(1200, 0, 0, 0), store.commitPage("c1", SyncPage.of(records, cp("v1"))).counts(Entity.ISSUES));
    assertEquals(new Counts(0, 0, 1200, 0), store.commitPage("c1", SyncPage.of(records, cp("v2"))).counts(Entity.ISSUES));
    assertEquals(1200, store.count("c1", Entity.ISSUES, "10000"));
    List<String> ids = new ArrayList<>();
    store.forEachId("c1", Entity.ISSUES, "10000", ids::add);
    assertEquals(1200, ids.size());
    assertFalse(store.records("c1", Entity.ISSUES, null, 1199, false).next().isEmpty());
  }
}
