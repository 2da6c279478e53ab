package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.testkit.Dataset;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two {@link JiraSync} instances on one shared store, as two processes of a host would run them: one run per
 * connection across both, a refusal that names the other instance's run, and the takeover of a frozen instance's
 * run after its lease expired, with data equal to an uninterrupted single-instance sync. Extend it and open the
 * same empty store twice (for a database: two store objects with separate pools):
 *
 * <pre>{@code
 * class PostgresSyncInstancesTest extends SyncInstancesContract {
 *   @Override protected List<SyncStore> openShared(Clock clock) { return List.of(open(clock), open(clock)); }
 * }
 * }</pre>
 *
 * The stores must implement {@link SyncClaims}. Published in {@code jira-sync-core}'s test jar.
 */
public abstract class SyncInstancesContract {
  static final SyncRequest REQUEST = SyncRequest.incremental()
      .withStreams(Entity.PROJECTS, Entity.ISSUES, Entity.COMMENTS, Entity.CHANGELOGS);
  static Map<String, String> referenceIssues;
  static Map<String, String> referenceComments;
  static Map<String, String> partitionedIssues;
  static Map<String, String> partitionedComments;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  /**
   * The same fresh, empty store opened twice, each with its own connections, using {@code clock} for its
   * timestamps (the in-memory store may return one object twice).
   */
  protected abstract List<SyncStore> openShared(Clock clock);

  /** Called after each test: close what {@link #openShared} opened. */
  protected void closeShared() {}

  static Dataset dataset() {
    return Dataset.builder().projects(2).issuesPerProject(150).commentsPerIssue(1).changelogPerIssue(1).build();
  }

  @BeforeAll
  static void singleInstance() {
    try (FakeJira f = FakeJira.start(dataset());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).issuePageSize(25).build()) {
      SyncRun run = sync.sync(f.connectionId(), REQUEST);
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      referenceIssues = Snapshots.of(sync.store(), f.connectionId(), Entity.ISSUES);
      referenceComments = Snapshots.of(sync.store(), f.connectionId(), Entity.COMMENTS);
      assertEquals(300, referenceIssues.size());
    }
  }

  /** Four projects of three pages each: partitions to share between two instances. */
  static Dataset fourProjects() {
    return Dataset.builder().projects(4).issuesPerProject(60).commentsPerIssue(1).changelogPerIssue(1).build();
  }

  @BeforeAll
  static void singleInstanceOfFourProjects() {
    try (FakeJira f = FakeJira.start(fourProjects());
        JiraSync sync = f.sync(new InMemorySyncStore(f.clock())).issuePageSize(25).build()) {
      SyncRun run = sync.sync(f.connectionId(), REQUEST);
      assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      partitionedIssues = Snapshots.of(sync.store(), f.connectionId(), Entity.ISSUES);
      partitionedComments = Snapshots.of(sync.store(), f.connectionId(), Entity.COMMENTS);
      assertEquals(240, partitionedIssues.size());
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) c.close();
    closeShared();
  }

  private JiraSync.Builder instance(FakeJira f, SyncStore store, String id) {
    assertTrue(store instanceof SyncClaims, "the shared store must implement SyncClaims");
    return f.sync(store).issuePageSize(25).instanceId(id).claimTtl(Duration.ofHours(2))
        .heartbeatInterval(Duration.ofHours(1));
  }

  private <T extends AutoCloseable> T closing(T c) {
    toClose.add(c);
    return c;
  }

  @Test
  void aStartOnTheOtherInstanceIsRefusedNamingTheRunningRunAndAllowedOnceItEnded() throws Exception {
    FakeJira f = closing(FakeJira.start(dataset()));
    List<SyncStore> stores = openShared(f.clock());
    CountDownLatch committed = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    JiraSync a = closing(instance(f, stores.get(0), "instance-a").listener(e -> {
      if (e instanceof SyncEvent.PageCommitted p && p.stream().equals("issues")) {
        committed.countDown();
        await(go);
      }
    }).build());
    JiraSync b = closing(instance(f, stores.get(1), "instance-b").build());
    CompletableFuture<SyncRun> first = CompletableFuture.supplyAsync(() -> a.sync(f.connectionId(), REQUEST));
    await(committed);

    SyncClaim held = b.claimOf(f.connectionId()).orElseThrow();
    assertEquals("instance-a", held.holder());
    SyncAlreadyRunningException refused = assertThrows(SyncAlreadyRunningException.class,
        () -> b.sync(f.connectionId(), REQUEST));
    assertEquals(held.runId(), refused.runId());
    assertEquals("instance-a", refused.holder());
    assertEquals(f.connectionId(), refused.connectionId());
    assertTrue(refused.getMessage().contains(held.runId()), refused.getMessage());
    assertEquals(RunStatus.RUNNING, stores.get(1).run(held.runId()).orElseThrow().status(),
        "the other instance sees the run running");

    go.countDown();
    SyncRun done = first.get(60, TimeUnit.SECONDS);
    assertEquals(RunStatus.SUCCEEDED, done.status(), () -> done.errors().toString());
    assertEquals(held.runId(), done.runId());
    assertTrue(b.claimOf(f.connectionId()).isEmpty(), "released at the end of the run");
    SyncRun second = b.sync(f.connectionId(), REQUEST);
    assertEquals(RunStatus.SUCCEEDED, second.status(), () -> second.errors().toString());
    assertEquals(referenceIssues, Snapshots.of(stores.get(1), f.connectionId(), Entity.ISSUES));
  }

  @Test
  void twoInstancesStartingTogetherRunTheConnectionOnce() throws Exception {
    FakeJira f = closing(FakeJira.start(dataset()));
    List<SyncStore> stores = openShared(f.clock());
    CountDownLatch refusedOne = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    List<JiraSync> syncs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      syncs.add(closing(instance(f, stores.get(i), "instance-" + i).listener(e -> {
        if (e instanceof SyncEvent.RunStarted) {
          started.incrementAndGet();
          await(refusedOne);
        }
      }).build()));
    }
    CountDownLatch ready = new CountDownLatch(2);
    List<CompletableFuture<SyncRun>> runs = new ArrayList<>();
    for (JiraSync s : syncs) {
      runs.add(CompletableFuture.supplyAsync(() -> {
        ready.countDown();
        await(ready);
        try {
          return s.sync(f.connectionId(), REQUEST);
        } catch (SyncAlreadyRunningException e) {
          refusedOne.countDown();
          return null;
        }
      }));
    }
    int ran = 0;
    for (CompletableFuture<SyncRun> r : runs) {
      SyncRun run = r.get(60, TimeUnit.SECONDS);
      if (run != null) {
        ran++;
        assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
      }
    }
    assertEquals(1, ran);
    assertEquals(1, started.get());
    assertEquals(1, stores.get(0).runs(f.connectionId(), 10).size());
  }

  @Test
  void aFrozenInstancesRunIsTakenOverAfterItsLeaseExpiredAndTheDataIsExact() throws Exception {
    FakeJira f = closing(FakeJira.start(dataset()));
    List<SyncStore> stores = openShared(f.clock());
    AtomicInteger pages = new AtomicInteger();
    CountDownLatch frozen = new CountDownLatch(1);
    CountDownLatch thaw = new CountDownLatch(1);
    // one thread, so that freezing it freezes the whole instance (a second one could renew a claim meanwhile)
    JiraSync a = closing(instance(f, stores.get(0), "instance-a").parallelism(1).listener(e -> {
      if (e instanceof SyncEvent.PageCommitted p && p.stream().equals("issues") && pages.incrementAndGet() == 3) {
        frozen.countDown();
        await(thaw); // a stalled process: no heartbeat, no commit
      }
    }).build());
    JiraSync b = closing(instance(f, stores.get(1), "instance-b").build());
    CompletableFuture<SyncRun> stalled = CompletableFuture.supplyAsync(() -> a.sync(f.connectionId(), REQUEST));
    await(frozen);
    String frozenRun = b.claimOf(f.connectionId()).orElseThrow().runId();
    assertThrows(SyncAlreadyRunningException.class, () -> b.sync(f.connectionId(), REQUEST));

    f.advance(Duration.ofHours(2).plusSeconds(1)); // the lease expires
    assertTrue(b.claimOf(f.connectionId()).isEmpty());
    SyncRun takeover = b.sync(f.connectionId(), REQUEST);
    assertEquals(RunStatus.SUCCEEDED, takeover.status(), () -> takeover.errors().toString());
    assertTrue(takeover.counts(Entity.ISSUES).created() < 300, "resumed after the frozen run's committed pages");
    SyncRun abandoned = stores.get(1).run(frozenRun).orElseThrow();
    assertEquals(RunStatus.FAILED, abandoned.status());
    assertTrue(abandoned.notes().stream().anyMatch(n -> n.contains("abandoned") && n.contains(takeover.runId())),
        abandoned.notes()::toString);

    thaw.countDown(); // the frozen instance wakes up: it lost its claim and writes nothing more
    SyncRun late = stalled.get(60, TimeUnit.SECONDS);
    assertEquals(RunStatus.CANCELLED, late.status());
    SyncError lost = late.errors().stream().filter(e -> e.kind() == SyncError.Kind.STORE).findFirst().orElse(null);
    assertNotNull(lost, late.errors()::toString);
    assertTrue(lost.messages().get(0).contains("lost"), lost.messages()::toString);

    assertEquals(referenceIssues, Snapshots.of(stores.get(0), f.connectionId(), Entity.ISSUES));
    assertEquals(referenceComments, Snapshots.of(stores.get(0), f.connectionId(), Entity.COMMENTS));
    assertNotEquals(frozenRun, takeover.runId());
  }

  /** Where each instance committed issue pages: instance id to the projects of its pages. */
  private static SyncListener pagesOf(String instance, Map<String, Set<String>> pages) {
    return e -> {
      if (e instanceof SyncEvent.PageCommitted p && p.stream().equals("issues")) {
        pages.computeIfAbsent(instance, k -> ConcurrentHashMap.newKeySet()).add(p.partition());
      }
    };
  }

  /** The coordinator's wait for partitions others hold: no real sleep, just a short park (it polls the store). */
  private static final dev.jirasdk.auth.Sleeper POLL = d -> java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);

  @Test
  void anAssistingInstanceSyncsPartitionsOfTheRunningRunAndTheDataEqualsASingleInstanceSync() throws Exception {
    FakeJira f = closing(FakeJira.start(fourProjects()));
    List<SyncStore> stores = openShared(f.clock());
    Map<String, Set<String>> pages = new ConcurrentHashMap<>();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch assisted = new CountDownLatch(1);
    SyncListener aPages = pagesOf("instance-a", pages);
    // a syncs one partition at a time and holds its first page until b committed one of its own
    JiraSync a = closing(instance(f, stores.get(0), "instance-a").parallelism(1).sleeper(POLL).listener(e -> {
      aPages.onEvent(e);
      if (e instanceof SyncEvent.PageCommitted p && p.stream().equals("issues")) {
        started.countDown();
        await(assisted);
      }
    }).build());
    SyncListener bPages = pagesOf("instance-b", pages);
    JiraSync b = closing(instance(f, stores.get(1), "instance-b").listener(e -> {
      bPages.onEvent(e);
      if (e instanceof SyncEvent.PageCommitted p && p.stream().equals("issues")) assisted.countDown();
    }).build());
    assertTrue(b.assist(f.connectionId(), REQUEST).isEmpty(), "no run to assist yet");

    CompletableFuture<SyncRun> run = CompletableFuture.supplyAsync(() -> a.sync(f.connectionId(), REQUEST));
    await(started);
    SyncRun help = b.assist(f.connectionId(), REQUEST).orElseThrow();
    SyncRun done = run.get(60, TimeUnit.SECONDS);
    assertEquals(done.runId(), help.runId(), "b worked for a's run");
    assertTrue(help.errors().isEmpty(), help.errors()::toString);
    assertEquals(RunStatus.SUCCEEDED, done.status(), () -> done.errors().toString());
    assertFalse(pages.getOrDefault("instance-a", Set.of()).isEmpty(), pages::toString);
    assertFalse(pages.getOrDefault("instance-b", Set.of()).isEmpty(), pages::toString);
    Set<String> both = new HashSet<>(pages.get("instance-a"));
    both.retainAll(pages.get("instance-b"));
    assertTrue(both.isEmpty(), () -> "a partition was synced by both: " + pages);
    assertEquals(4, pages.get("instance-a").size() + pages.get("instance-b").size(), pages::toString);
    assertEquals(1, stores.get(0).runs(f.connectionId(), 10).size(), "one run");
    assertTrue(b.claimOf(f.connectionId()).isEmpty(), "released at the end of the run");
    assertEquals(partitionedIssues, Snapshots.of(stores.get(1), f.connectionId(), Entity.ISSUES));
    assertEquals(partitionedComments, Snapshots.of(stores.get(1), f.connectionId(), Entity.COMMENTS));
  }

  @Test
  void aFrozenAssistantsPartitionIsTakenOverAfterItsLeaseExpiredAndItsLatePagesAreRefused() throws Exception {
    FakeJira f = closing(FakeJira.start(fourProjects()));
    List<SyncStore> stores = openShared(f.clock());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch frozen = new CountDownLatch(1);
    CountDownLatch thaw = new CountDownLatch(1);
    CountDownLatch waiting = new CountDownLatch(1);
    Map<String, Set<String>> pages = new ConcurrentHashMap<>();
    SyncListener aPages = pagesOf("instance-a", pages);
    // a holds its first page until b froze; then it waits for b's partition, which its sleeper tells the test
    JiraSync a = closing(instance(f, stores.get(0), "instance-a").parallelism(1).sleeper(d -> {
      waiting.countDown();
      POLL.sleep(d);
    }).listener(e -> {
      aPages.onEvent(e);
      if (e instanceof SyncEvent.PageCommitted p && p.stream().equals("issues")) {
        started.countDown();
        await(frozen);
      }
    }).build());
    AtomicInteger bPages = new AtomicInteger();
    JiraSync b = closing(instance(f, stores.get(1), "instance-b").parallelism(1).listener(e -> {
      if (e instanceof SyncEvent.PageCommitted p && p.stream().equals("issues")) {
        pages.computeIfAbsent("instance-b", k -> ConcurrentHashMap.newKeySet()).add(p.partition());
        if (bPages.incrementAndGet() == 1) {
          frozen.countDown();
          await(thaw); // a stalled process: no heartbeat, no commit
        }
      }
    }).build());
    CompletableFuture<SyncRun> run = CompletableFuture.supplyAsync(() -> a.sync(f.connectionId(), REQUEST));
    await(started);
    CompletableFuture<SyncRun> help =
        CompletableFuture.supplyAsync(() -> b.assist(f.connectionId(), REQUEST).orElseThrow());
    await(frozen);
    String frozenPartition = pages.get("instance-b").iterator().next();
    await(waiting); // a finished its own partition and waits for b's, which b holds live

    f.advance(Duration.ofHours(2).plusSeconds(1)); // b's lease on its partition expires
    SyncRun done = run.get(60, TimeUnit.SECONDS);
    assertEquals(RunStatus.SUCCEEDED, done.status(), () -> done.errors().toString());
    assertTrue(pages.get("instance-a").contains(frozenPartition), "a took the frozen partition over: " + pages);
    assertTrue(done.counts(Entity.ISSUES).created() < 240, "resumed after b's committed page");

    thaw.countDown(); // b wakes up: it lost its partition and writes nothing more
    SyncRun late = help.get(60, TimeUnit.SECONDS);
    SyncError lost = late.errors().stream().filter(e -> e.kind() == SyncError.Kind.STORE).findFirst().orElse(null);
    assertNotNull(lost, late.errors()::toString);
    assertEquals(frozenPartition, lost.partition());
    assertTrue(lost.messages().get(0).contains("lost"), lost.messages()::toString);
    assertEquals(1, bPages.get(), "b's late pages were refused");

    assertEquals(partitionedIssues, Snapshots.of(stores.get(0), f.connectionId(), Entity.ISSUES));
    assertEquals(partitionedComments, Snapshots.of(stores.get(0), f.connectionId(), Entity.COMMENTS));
  }

  @Test
  void pagesCommittedUnderAPartitionsClaimAlsoRenewTheRunsClaimOnceAThirdOfItsLeasePassed() throws Exception {
    FakeJira f = closing(FakeJira.start(fourProjects()));
    List<SyncStore> stores = openShared(f.clock());
    Map<String, List<java.time.Instant>> runExpiries = new ConcurrentHashMap<>();
    JiraSync[] self = new JiraSync[1];
    java.util.concurrent.atomic.AtomicReference<String> lastPartition = new java.util.concurrent.atomic.AtomicReference<>();
    // one partition at a time, no heartbeat within the test: only the commits can renew within the last partition
    self[0] = closing(instance(f, stores.get(0), "instance-a").parallelism(1).listener(e -> {
      if (e instanceof SyncEvent.PageCommitted p && p.stream().equals("issues")) {
        List<java.time.Instant> seen = runExpiries.computeIfAbsent(p.partition(), k -> new ArrayList<>());
        seen.add(self[0].claimOf(f.connectionId()).orElseThrow().expiresAt());
        if (runExpiries.size() == 4 && seen.size() == 1) {
          lastPartition.set(p.partition());
          f.advance(Duration.ofMinutes(41)); // past a third of the 2 h lease
        }
      }
    }).build());
    SyncRun run = self[0].sync(f.connectionId(), REQUEST);
    assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.errors().toString());
    assertEquals(4, runExpiries.size());
    List<java.time.Instant> last = runExpiries.get(lastPartition.get());
    assertTrue(last.size() > 1, runExpiries::toString);
    assertTrue(last.get(last.size() - 1).isAfter(last.get(0)),
        () -> "the run's claim was renewed by the last partition's pages: " + runExpiries);
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) throw new AssertionError("latch timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
