package dev.jirasdk.sync.internal;

import dev.jirasdk.sync.JiraClientProvider;
import dev.jirasdk.sync.RateGovernor;
import dev.jirasdk.sync.SyncListener;
import dev.jirasdk.sync.SyncStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Everything a run reads from its {@code JiraSync}: collaborators and tuning, validated once and never changed.
 * Built by {@code JiraSync.Builder}; the engine reads nothing else of {@code JiraSync}.
 *
 * @param clients connection id to client
 * @param store where records go
 * @param executor runs the stream tasks
 * @param governor the process-wide rate governor, added to each run's client
 * @param clock time of events, checkpoints and census intervals
 * @param listener receives the run's events
 * @param overlap how far incremental issue reads go back behind the cursor
 * @param censusInterval minimum time between deletion censuses of a project in incremental runs
 * @param censusPointsCap points the census may spend per incremental run, over all projects
 * @param massVanishThreshold share of stored issues that may vanish at once before a census refuses to delete
 * @param massVanishMinimum vanished issues below which the guard does not apply
 * @param issuePageSize issues per {@code search/jql} page
 * @param idPageSize ids per census page
 * @param maxAttempts attempts per request of a run (the client retries), or 0 for the client's own setting
 * @param pageSize page size of the small offset-paged streams
 */
public record SyncSettings(JiraClientProvider clients, SyncStore store, ExecutorService executor,
    RateGovernor governor, Clock clock, SyncListener listener, Duration overlap,
    Duration censusInterval, long censusPointsCap, double massVanishThreshold, int massVanishMinimum,
    int issuePageSize, int idPageSize, int maxAttempts, int pageSize) {
  public SyncSettings {
    Objects.requireNonNull(clients, "clients == null");
    Objects.requireNonNull(store, "store == null");
    Objects.requireNonNull(executor, "executor == null");
    Objects.requireNonNull(governor, "governor == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(listener, "listener == null");
    Objects.requireNonNull(overlap, "overlap == null");
    Objects.requireNonNull(censusInterval, "censusInterval == null");
    if (overlap.compareTo(Duration.ofMinutes(1)) < 0) throw new IllegalArgumentException("overlap < 1 minute");
    if (censusInterval.isNegative()) throw new IllegalArgumentException("censusInterval is negative");
    if (censusPointsCap < 0) throw new IllegalArgumentException("censusPointsCap is negative");
    if (!(massVanishThreshold > 0 && massVanishThreshold <= 1)) {
      throw new IllegalArgumentException("massVanish threshold must be in (0, 1]: " + massVanishThreshold);
    }
    if (massVanishMinimum < 0) throw new IllegalArgumentException("massVanish minimum is negative");
    if (issuePageSize < 1 || issuePageSize > 5000) throw new IllegalArgumentException("issuePageSize: 1..5000");
    if (idPageSize < 1 || idPageSize > 5000) throw new IllegalArgumentException("idPageSize: 1..5000");
    if (maxAttempts < 0) throw new IllegalArgumentException("maxAttempts is negative");
    if (pageSize < 1 || pageSize > 1000) throw new IllegalArgumentException("pageSize: 1..1000");
  }
}
