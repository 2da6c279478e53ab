package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RecordPage;
import dev.jirasdk.sync.StoredRecord;
import dev.jirasdk.sync.SyncRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM commits pages until it is killed with SIGKILL while writing. The database must open, pass
 * {@code PRAGMA integrity_check}, and hold exactly a prefix of pages: every page whose commit returned (the
 * child printed it), at most the one page whose commit returned just before the kill landed, each page whole,
 * and in each checkpoint partition the checkpoint of the last stored page that wrote it.
 */
class CrashSafetyTest {
  static final int PAGE_SIZE = 50;
  static final String CONNECTION = "c_crashcrashcrashcrashcras";

  @TempDir Path dir;

  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a safety net, not a timing assertion
  @ParameterizedTest(name = "killed after {0} reported pages")
  @ValueSource(ints = {3, 25})
  void aKilledWriterLeavesExactlyTheCommittedPages(int killAfter) throws Exception {
    Path file = dir.resolve("crash-" + killAfter + ".db");
    SqliteStore.open(file).close(); // schema exists before the race starts
    int lastReported = -1;
    try (ChildJvm child = ChildJvm.start(PageWriterMain.class, dir.resolve("child-" + killAfter + ".err"),
        file.toString(), CONNECTION, String.valueOf(PAGE_SIZE), "1000000")) {
      while (lastReported < killAfter - 1) {
        String line = child.readLine();
        if (line == null) throw new AssertionError("child exited early; see child-" + killAfter + ".err");
        assertTrue(line.startsWith("COMMITTED "), line);
        lastReported = Integer.parseInt(line.substring("COMMITTED ".length()));
      }
      // Pages the child reported that this thread has not read yet (a busy machine lets the child run ahead)
      // are waiting in the pipe: they count as reported.
      for (String line : child.readyLines()) {
        if (line.startsWith("COMMITTED ")) lastReported = Integer.parseInt(line.substring("COMMITTED ".length()));
      }
      child.kill(); // the child is in the middle of its next commit, or between commits
    }

    assertEquals(List.of("ok"), DbFiles.queryStrings(file, "PRAGMA integrity_check"));
    try (SqliteStore store = SqliteStore.open(file)) {
      long count = store.count(CONNECTION, Entity.ISSUES);
      assertEquals(0, count % PAGE_SIZE, "no half-written page: " + count + " issues");
      int pages = (int) (count / PAGE_SIZE);
      int lastPage = pages - 1;
      assertTrue(lastPage == lastReported || lastPage == lastReported + 1,
          "committed pages 0.." + lastPage + " but the child reported 0.." + lastReported);
      for (int k = 0; k < PageWriterMain.PARTITIONS; k++) {
        int lastOfPartition = lastPage - Math.floorMod(lastPage - k, PageWriterMain.PARTITIONS);
        java.util.Optional<Checkpoint> cp = store.checkpoint(CONNECTION, "issues", "p" + k);
        if (lastOfPartition < 0) {
          assertTrue(cp.isEmpty(), "no page of partition p" + k + " was stored");
        } else {
          assertEquals(PageWriterMain.checkpoint(lastOfPartition), cp.orElseThrow(),
              "partition p" + k + " holds the checkpoint of its last stored page");
        }
      }
      assertEquals(Math.min(pages, PageWriterMain.PARTITIONS), store.checkpoints(CONNECTION).size());
      List<SyncRecord> expected = new ArrayList<>();
      for (int n = 0; n < pages; n++) expected.addAll(PageWriterMain.page(n, PAGE_SIZE));
      List<SyncRecord> actual = new ArrayList<>();
      RecordPage page = store.records(CONNECTION, Entity.ISSUES, null, 500, true);
      while (true) {
        page.items().stream().map(StoredRecord::record).forEach(actual::add);
        if (page.next().isEmpty()) break;
        page = store.records(CONNECTION, Entity.ISSUES, page.next().get(), 500, true);
      }
      assertEquals(expected, actual, "every stored page is whole and exact");
    }
  }
}
