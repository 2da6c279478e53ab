package dev.jirasdk.demo;

import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.sync.Counts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the HTTP layer needs from sync-core and the store: start runs, watch them, read what was stored. */
interface SyncPort extends AutoCloseable {
  /** Raw-data tables a client may ask for, in display order. Anything else is rejected before any read. */
  List<String> tables();

  /**
   * Starts a run in the background.
   *
   * @throws SyncConflictException when a run for this connection is already going
   */
  RunView start(SiteConnection connection, boolean full);

  Optional<RunView> running(String connectionId);

  /**
   * Asks the connection's running sync, if any, to stop after the page in flight; it ends {@code CANCELLED}.
   * Returns whether one was running.
   */
  boolean cancel(String connectionId);

  Optional<RunView> run(String runId);

  /** Newest first. */
  List<RunView> runs(String connectionId, int limit);

  /** Stored entities per table for the connection. */
  Map<String, Long> counts(String connectionId);

  /**
   * A page of stored rows of an allow-listed table, each row a JSON-ready map, in the store's key order
   * ({@code updated}, then id). {@code after} is the {@link RawPage#next} of the previous page, or null for the
   * first; reading a page costs the same wherever it is.
   *
   * @throws IllegalArgumentException when {@code after} is not a cursor this port made
   */
  RawPage rows(String connectionId, String table, int limit, String after);

  /**
   * Marks the runs that a stopped process left unfinished (still stored as running while nothing runs them) as
   * interrupted, keeping what they recorded; call once at start, before anything syncs. Returns how many.
   */
  default int recoverInterrupted(List<SiteConnection> connections) {
    return 0;
  }

  /**
   * Starts again the connections whose newest run was interrupted by a stop of the server; they resume from
   * their last committed page. Returns how many were started.
   */
  default int resumeInterrupted(List<SiteConnection> connections) {
    int started = 0;
    for (SiteConnection c : connections) {
      if (c.state() != dev.jirasdk.auth.ConnectionState.ACTIVE) continue;
      Optional<RunView> last = runs(c.id(), 1).stream().findFirst();
      if (last.isPresent() && INTERRUPTED.equals(last.get().status())) {
        try {
          start(c, "FULL".equals(last.get().mode()));
          started++;
        } catch (SyncConflictException e) {
          // already running again
        }
      }
    }
    return started;
  }

  /** Whether the store answers a trivial query. */
  boolean healthy();

  /** Stops accepting runs, lets pages in flight commit, and closes what this port opened. */
  @Override
  void close();

  /** The status shown for a run that a stop of the server cut short (stored as cancelled, with a note). */
  String INTERRUPTED = "INTERRUPTED";

  /**
   * A run as the API shows it.
   *
   * @param records per entity: records fetched from Jira and what storing them did (created, updated,
   *     unchanged, deleted)
   * @param progress 0..1, weighted by the expected work of each stream; never goes down during a run; 1 when
   *     finished
   */
  record RunView(String id, String connectionId, String mode, String status, Instant startedAt,
      Instant finishedAt, long requests, long points, List<String> errors, List<StreamView> streams,
      Map<String, Counts> records, List<String> notes, double progress) {
    boolean finished() {
      return !"RUNNING".equals(status) && !"QUEUED".equals(status);
    }
  }

  /**
   * One stream's progress.
   *
   * @param done records of the stream's own entity fetched so far
   * @param expected how many it is expected to fetch (the issue estimate, or what a full run stored last time);
   *     -1 when unknown
   */
  record StreamView(String name, String status, long done, long expected) {}

  /** A page of raw rows; {@code next} is the cursor of the following page, null on the last. */
  record RawPage(String table, long total, List<Map<String, Object>> rows, String next) {}

  /** A run is already going for the connection. */
  final class SyncConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String runId;

    SyncConflictException(String runId) {
      super("a sync is already running: " + runId);
      this.runId = runId;
    }

    String runId() {
      return runId;
    }
  }
}
