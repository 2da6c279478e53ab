package dev.jirasdk.store.sqlite;

import dev.jirasdk.sync.Checkpoint;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test child process: commits pages of issues as fast as it can and prints {@code COMMITTED n} after page
 * {@code n}'s commit returned, until killed. Arguments: database path, connection id, page size, page limit.
 */
public final class PageWriterMain {
  private PageWriterMain() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String connectionId = args[1];
    int pageSize = Integer.parseInt(args[2]);
    int pages = Integer.parseInt(args[3]);
    PrintStream out = System.out;
    dieWithParent();
    try (SqliteStore store = SqliteStore.open(file)) {
      for (int n = 0; n < pages; n++) {
        store.commitPage(connectionId, SyncPage.of(page(n, pageSize), checkpoint(n)));
        out.println("COMMITTED " + n);
        out.flush();
      }
    }
    out.println("DONE");
    out.flush();
  }

  /** Exits when the parent's end of stdin closes, so an orphaned writer never keeps running. */
  static void dieWithParent() {
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // ignore input; only EOF matters
        }
      } catch (java.io.IOException e) {
        // treat like EOF
      }
      Runtime.getRuntime().halt(3);
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  static List<SyncRecord> page(int n, int pageSize) {
    List<SyncRecord> records = new ArrayList<>(pageSize);
    for (int i = 0; i < pageSize; i++) {
      int id = n * pageSize + i;
      records.add(SyncFixtures.issue(String.valueOf(id), "10000", SyncFixtures.T0.plusSeconds(id),
          "page " + n + " item " + i + " " + "x".repeat(400)));
    }
    return records;
  }

  /** Pages rotate over this many partitions, so several checkpoints are in play at once. */
  static final int PARTITIONS = 5;

  static Checkpoint checkpoint(int n) {
    return new Checkpoint("issues", "p" + (n % PARTITIONS), "{\"page\":" + n + "}", SyncFixtures.T0.plusSeconds(n));
  }
}
