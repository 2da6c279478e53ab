package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.RateLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The sync plans within the points budget: a deletion census waits for the reset and the run says so. */
class BudgetPlanningTest {
  static Dataset dataset() {
    return Dataset.builder().projects(1).issuesPerProject(300).build();
  }

  /** Points of a first full sync and of a following incremental run without census, on an unlimited fake. */
  static long[] measure() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).censusInterval(Duration.ofDays(1)).build()) {
      sync.sync(f.connectionId(), SyncRequest.incremental());
      long first = f.fake.pointsSpent();
      f.advance(Duration.ofMinutes(5));
      sync.sync(f.connectionId(), SyncRequest.incremental());
      return new long[] {first, f.fake.pointsSpent() - first};
    }
  }

  @Test
  void aCensusTheBudgetCannotPayForIsDeferredToTheNextWindowAndReported() {
    long[] cost = measure();
    assertTrue(cost[1] < 200, "the incremental run is cheap next to a census of 300 ids: " + cost[1]);
    // The sync's 80 % share leaves 100 points when run two starts its census: less than the ~301 it costs.
    long budget = (long) Math.ceil((cost[0] + cost[1] + 100) / RateGovernor.DEFAULT_BUDGET_SHARE);
    try (FakeJira f = FakeJira.start(FakeJiraCloud.builder().dataset(dataset())
        .rateLimits(RateLimits.builder().pointsPerHour(budget).build()))) {
      List<SyncEvent> events = new CopyOnWriteArrayList<>();
      try (JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).censusInterval(Duration.ZERO)
          .listener(events::add).build()) {
        String conn = f.connectionId();
        sync.sync(conn, SyncRequest.incremental());
        // Nothing is deleted: the range check (one count per project) finds nothing, but the periodic census is
        // due (interval zero) and cannot be paid from what the sync's share leaves this hour.
        f.advance(Duration.ofMinutes(5));
        int journalBefore = f.fake.journal().size();

        SyncRun deferred = sync.sync(conn, SyncRequest.incremental());
        assertEquals(RunStatus.SUCCEEDED, deferred.status(), () -> deferred.errors().toString());
        assertEquals(0, f.fake.journal().subList(journalBefore, f.fake.journal().size()).stream()
            .filter(j -> j.path().endsWith("/search/jql") && j.points() > 100).count(),
            "no census page (300 ids) was asked for");
        assertTrue(deferred.notes().stream().anyMatch(n -> n.startsWith("deferred deletion census")),
            deferred.notes()::toString);
        SyncEvent.WorkDeferred e = events.stream().filter(SyncEvent.WorkDeferred.class::isInstance)
            .map(SyncEvent.WorkDeferred.class::cast).findFirst().orElseThrow();
        assertEquals(SyncEvent.DeferredWork.DELETION_CENSUS, e.work());
        assertEquals(301, e.neededPoints());
        assertTrue(e.availablePoints() < e.neededPoints());
        assertTrue(e.budgetResetsAt().isAfter(e.at()));
        assertEquals(0, f.fake.journal().stream().filter(j -> j.status() == 429).count(), "paced, never refused");

        f.clock().set(e.budgetResetsAt().plusSeconds(1));
        int journalAfterReset = f.fake.journal().size();
        SyncRun after = sync.sync(conn, SyncRequest.incremental());
        assertEquals(RunStatus.SUCCEEDED, after.status(), () -> after.errors().toString());
        assertEquals(1, f.fake.journal().subList(journalAfterReset, f.fake.journal().size()).stream()
            .filter(j -> j.path().endsWith("/search/jql") && j.points() > 100).count(), "the census ran");
        assertTrue(after.notes().stream().noneMatch(n -> n.startsWith("deferred")), after.notes()::toString);
      }
    }
  }
}
