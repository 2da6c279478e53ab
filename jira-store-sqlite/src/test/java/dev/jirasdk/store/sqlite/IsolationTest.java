package dev.jirasdk.store.sqlite;

import static dev.jirasdk.store.sqlite.SyncFixtures.T0;
import static dev.jirasdk.store.sqlite.SyncFixtures.comment;
import static dev.jirasdk.store.sqlite.SyncFixtures.issue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RecordCursor;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.Tombstone;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is written for connection A is invisible, through every read API, to connection B. */
class IsolationTest {
  static final String A = "c_aaaaaaaaaaaaaaaaaaaaaaaa";
  static final String B = "c_bbbbbbbbbbbbbbbbbbbbbbbb";

  @TempDir Path dir;
  SqliteStore store;

  @BeforeEach
  void fillConnectionA() {
    store = SqliteStore.open(dir.resolve("iso.db"));
    store.commitPage(A, new SyncPage(List.of(issue("1", "10000", T0, "one"), issue("2", "10000", T0, "two"),
        comment("100", "1", T0), comment("200", "2", T0)),
        List.of(new Tombstone(Entity.COMMENTS, "200", T0, "gone")),
        new Checkpoint("issues", "10000", "a-cursor", T0)));
    store.saveRun(run("run-a", A));
  }

  @AfterEach
  void close() {
    store.close();
  }

  static SyncRun run(String id, String connectionId) {
    return new SyncRun(id, connectionId, SyncMode.FULL, RunStatus.SUCCEEDED, T0, T0.plusSeconds(5), List.of(), 3, 3,
        2, List.of(), List.of());
  }

  @Test
  void connectionBSeesNothingOfA() {
    assertTrue(store.find(B, Entity.ISSUES, "1").isEmpty());
    assertTrue(store.find(B, Entity.COMMENTS, "200").isEmpty());
    assertTrue(store.records(B, Entity.ISSUES, null, 100, true).items().isEmpty());
    assertTrue(store.records(B, Entity.COMMENTS, null, 100, true).items().isEmpty());
    assertTrue(store.records(B, Entity.ISSUES, new RecordCursor(null, ""), 100, true).items().isEmpty());
    assertTrue(store.ids(B, Entity.ISSUES, "10000", null, 100).isEmpty());
    assertTrue(store.ids(B, Entity.COMMENTS, "1", null, 100).isEmpty());
    assertEquals(0, store.count(B, Entity.ISSUES));
    assertEquals(0, store.count(B, Entity.ISSUES, "10000"));
    assertEquals(Map.of(), store.counts(B));
    assertTrue(store.checkpoint(B, "issues", "10000").isEmpty());
    assertTrue(store.checkpoints(B).isEmpty());
    assertTrue(store.runs(B, 10).isEmpty());
    // ...while A sees its own.
    assertEquals(2, store.count(A, Entity.ISSUES));
    assertEquals(2, store.records(A, Entity.COMMENTS, null, 100, true).items().size());
    assertEquals(1, store.runs(A, 10).size());
  }

  @Test
  void theSameJiraIdsInTwoConnectionsAreIndependentRows() {
    store.commitPage(B, new SyncPage(List.of(issue("1", "10000", T0, "B's one")),
        List.of(new Tombstone(Entity.ISSUES, "2", T0, "not in B")), new Checkpoint("issues", "10000", "b", T0)));
    assertEquals("one", store.find(A, Entity.ISSUES, "1").orElseThrow().record().column("summary"));
    assertEquals("B's one", store.find(B, Entity.ISSUES, "1").orElseThrow().record().column("summary"));
    assertTrue(!store.find(A, Entity.ISSUES, "2").orElseThrow().deleted());
    assertEquals("a-cursor", store.checkpoint(A, "issues", "10000").orElseThrow().value());
    // A tombstone in B does not cascade into A's children.
    store.commitPage(B, new SyncPage(List.of(), List.of(new Tombstone(Entity.ISSUES, "1", T0, "")), null));
    assertTrue(!store.find(A, Entity.COMMENTS, "100").orElseThrow().deleted());
  }

  @Test
  void clearingAndDeletingBLeavesAUntouched() {
    store.commitPage(B, SyncPage.of(List.of(issue("9", "10000", T0, "nine")), new Checkpoint("issues", "10000", "b", T0)));
    store.saveRun(run("run-b", B));
    assertEquals(1, store.clearCheckpoints(B, "issues"));
    store.deleteConnection(B);
    assertEquals(Map.of(), store.counts(B));
    assertTrue(store.run("run-b").isEmpty());
    assertEquals(Map.of(Entity.ISSUES, 2L, Entity.COMMENTS, 1L), store.counts(A));
    assertEquals(1, store.checkpoints(A).size());
    assertTrue(store.run("run-a").isPresent());
  }
}
