package dev.jirasdk.demo;

import dev.jirasdk.auth.SiteConnection;
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

  Optional<RunView> run(String runId);

  /** Newest first. */
  List<RunView> runs(String connectionId, int limit);

  /** Stored entities per table for the connection. */
  Map<String, Long> counts(String connectionId);

  /** A page of stored rows of an allow-listed table; each row a JSON-ready map. */
  RawPage rows(String connectionId, String table, int limit, int offset);

  /**
   * Starts again the runs that a stopped process left unfinished (their last stored state is still running);
   * they resume from their last committed page. Returns how many were started.
   */
  default int resumeInterrupted(List<SiteConnection> connections) {
    int started = 0;
    for (SiteConnection c : connections) {
      if (c.state() != dev.jirasdk.auth.ConnectionState.ACTIVE) continue;
      Optional<RunView> last = runs(c.id(), 1).stream().findFirst();
      if (last.isPresent() && "INTERRUPTED".equals(last.get().status())) {
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

  /** A run as the API shows it. */
  record RunView(String id, String connectionId, String mode, String status, Instant startedAt,
      Instant finishedAt, long requests, long points, List<String> errors, List<StreamView> streams,
      Map<String, Long> counts) {
    boolean finished() {
      return !"RUNNING".equals(status) && !"QUEUED".equals(status);
    }
  }

  /** One stream's progress; {@code total} is -1 when unknown. */
  record StreamView(String name, String status, long done, long total) {}

  /** A page of raw rows. */
  record RawPage(String table, long total, List<Map<String, Object>> rows) {}

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
