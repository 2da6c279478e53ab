package dev.jirasdk.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link SyncStore} (and its {@link SyncClaims}) in memory: for tests, demos and small hosts. Thread-safe; every
 * operation holds one lock, so a page commit is atomic with respect to every read and every claim.
 */
public final class InMemorySyncStore implements SyncStore, SyncClaims {
  private final Clock clock;
  private final Map<String, ConnectionData> connections = new HashMap<>();
  private final Map<String, SyncRun> runs = new HashMap<>();
  /** The current grant of each claim key ever claimed; a released one has expired at the epoch. */
  private final Map<String, SyncClaim> claims = new HashMap<>();

  public InMemorySyncStore() {
    this(Clock.systemUTC());
  }

  /** Uses {@code clock} for {@link StoredRecord#syncedAt()}. */
  public InMemorySyncStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  private static final class ConnectionData {
    final Map<Entity, TreeMap<String, StoredRecord>> records = new EnumMap<>(Entity.class);
    final Map<String, Checkpoint> checkpoints = new HashMap<>();
    /** Live ids per entity and parent (a null parent is the key ""), for census and child lookups. */
    final Map<Entity, Map<String, TreeSet<String>>> liveByParent = new EnumMap<>(Entity.class);
    /** Live issue link ids per issue they point at (their outward issue), so a deleted issue takes them along. */
    final Map<String, TreeSet<String>> liveLinksByOutward = new HashMap<>();

    TreeMap<String, StoredRecord> of(Entity e) {
      return records.computeIfAbsent(e, k -> new TreeMap<>());
    }

    TreeSet<String> children(Entity e, String parentId) {
      Map<String, TreeSet<String>> m = liveByParent.get(e);
      TreeSet<String> ids = m == null ? null : m.get(parentId == null ? "" : parentId);
      return ids == null ? new TreeSet<>() : ids;
    }

    void put(Entity e, StoredRecord s) {
      StoredRecord old = of(e).put(s.record().id(), s);
      Map<String, TreeSet<String>> m = liveByParent.computeIfAbsent(e, k -> new HashMap<>());
      if (old != null && old.live()) {
        String p = old.record().parentId() == null ? "" : old.record().parentId();
        TreeSet<String> ids = m.get(p);
        if (ids != null) {
          ids.remove(old.record().id());
          if (ids.isEmpty()) m.remove(p);
        }
      }
      if (s.live()) {
        String p = s.record().parentId() == null ? "" : s.record().parentId();
        m.computeIfAbsent(p, k -> new TreeSet<>()).add(s.record().id());
      }
      if (e == Entity.ISSUE_LINKS) {
        if (old != null && old.live()) index(liveLinksByOutward, outward(old), old.record().id(), false);
        if (s.live()) index(liveLinksByOutward, outward(s), s.record().id(), true);
      }
    }

    private static String outward(StoredRecord s) {
      return s.record().column(Columns.IssueLink.OUTWARD_ISSUE_ID) instanceof String id ? id : null;
    }

    private static void index(Map<String, TreeSet<String>> m, String key, String id, boolean add) {
      if (key == null) return;
      if (add) {
        m.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
        return;
      }
      TreeSet<String> ids = m.get(key);
      if (ids != null && ids.remove(id) && ids.isEmpty()) m.remove(key);
    }
  }

  private ConnectionData data(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return connections.computeIfAbsent(connectionId, k -> new ConnectionData());
  }

  private static String key(String stream, String partition) {
    return stream + '\u0000' + partition;
  }

  @Override
  public synchronized PageResult commitPage(String connectionId, SyncPage page) {
    Objects.requireNonNull(page, "page == null");
    ConnectionData d = data(connectionId);
    Instant now = clock.instant();
    // Compute every change first and apply afterwards, so nothing is half-applied.
    Map<Entity, Map<String, StoredRecord>> writes = new EnumMap<>(Entity.class);
    Map<Entity, long[]> counts = new EnumMap<>(Entity.class);
    for (SyncRecord r : page.records()) {
      Map<String, StoredRecord> pending = writes.computeIfAbsent(r.entity(), k -> new HashMap<>());
      StoredRecord old = pending.containsKey(r.id()) ? pending.get(r.id()) : d.of(r.entity()).get(r.id());
      String hash = r.contentHash();
      long[] c = counts.computeIfAbsent(r.entity(), k -> new long[4]);
      if (old == null) {
        c[0]++;
        pending.put(r.id(), new StoredRecord(r, hash, now, null));
      } else if (old.live() && old.contentHash().equals(hash)) {
        c[2]++;
      } else {
        c[1]++;
        pending.put(r.id(), new StoredRecord(r, hash, now, null));
      }
    }
    for (Tombstone t : page.tombstones()) {
      tombstone(d, writes, counts, t.entity(), t.id(), t.deletedAt());
      if (t.entity() == Entity.ISSUES) {
        for (Entity child : Entity.values()) {
          if (!child.isIssueChild()) continue;
          for (String id : List.copyOf(d.children(child, t.id()))) {
            tombstone(d, writes, counts, child, id, t.deletedAt());
          }
        }
        for (String id : List.copyOf(d.liveLinksByOutward.getOrDefault(t.id(), new TreeSet<>()))) {
          tombstone(d, writes, counts, Entity.ISSUE_LINKS, id, t.deletedAt());
        }
      }
    }
    for (Archival a : page.archivals()) {
      Map<String, StoredRecord> pending = writes.computeIfAbsent(Entity.ISSUES, k -> new HashMap<>());
      StoredRecord old = pending.containsKey(a.issueId()) ? pending.get(a.issueId()) : d.of(Entity.ISSUES).get(a.issueId());
      if (old == null || !old.live()) continue; // absent, deleted or archived already: nothing to do
      pending.put(a.issueId(), new StoredRecord(old.record(), old.contentHash(), old.syncedAt(), null, a.archivedAt()));
    }
    writes.forEach((e, m) -> m.values().forEach(s -> d.put(e, s)));
    if (page.checkpoint() != null) {
      Checkpoint cp = page.checkpoint();
      d.checkpoints.put(key(cp.stream(), cp.partition()), cp);
    }
    Map<Entity, Counts> result = new EnumMap<>(Entity.class);
    counts.forEach((e, c) -> result.put(e, new Counts(c[0], c[1], c[2], c[3])));
    return new PageResult(result);
  }

  private static void tombstone(ConnectionData d, Map<Entity, Map<String, StoredRecord>> writes,
      Map<Entity, long[]> counts, Entity entity, String id, Instant at) {
    Map<String, StoredRecord> pending = writes.computeIfAbsent(entity, k -> new HashMap<>());
    StoredRecord old = pending.containsKey(id) ? pending.get(id) : d.of(entity).get(id);
    if (old == null || !old.live()) return;
    pending.put(id, new StoredRecord(old.record(), old.contentHash(), old.syncedAt(), at));
    counts.computeIfAbsent(entity, k -> new long[4])[3]++;
  }

  @Override
  public synchronized Optional<Checkpoint> checkpoint(String connectionId, String stream, String partition) {
    return Optional.ofNullable(data(connectionId).checkpoints.get(key(stream, partition)));
  }

  @Override
  public synchronized List<Checkpoint> checkpoints(String connectionId) {
    return List.copyOf(data(connectionId).checkpoints.values());
  }

  @Override
  public synchronized int clearCheckpoints(String connectionId, String stream) {
    Objects.requireNonNull(stream, "stream == null");
    Map<String, Checkpoint> cps = data(connectionId).checkpoints;
    int before = cps.size();
    cps.values().removeIf(c -> c.stream().equals(stream));
    return before - cps.size();
  }

  @Override
  public synchronized Optional<StoredRecord> find(String connectionId, Entity entity, String id) {
    return Optional.ofNullable(data(connectionId).of(entity).get(id));
  }

  @Override
  public synchronized RecordPage records(String connectionId, Entity entity, RecordCursor after, int limit,
      boolean includeDeleted) {
    if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
    List<StoredRecord> all = new ArrayList<>();
    for (StoredRecord s : data(connectionId).of(entity).values()) {
      if (!includeDeleted && !s.live()) continue;
      if (after != null && RecordCursor.compare(s.record().updated(), s.record().id(), after.updated(), after.id()) <= 0) {
        continue;
      }
      all.add(s);
    }
    all.sort(Comparator.comparing((StoredRecord s) -> s.record().updated(),
        Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(s -> s.record().id()));
    List<StoredRecord> items = all.size() > limit ? all.subList(0, limit) : all;
    Optional<RecordCursor> next = all.size() > limit
        ? Optional.of(RecordCursor.after(items.get(items.size() - 1).record()))
        : Optional.empty();
    return new RecordPage(items, next);
  }

  @Override
  public synchronized List<String> ids(String connectionId, Entity entity, String parentId, String afterId,
      int limit) {
    if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
    NavigableSet<String> ids = data(connectionId).children(entity, parentId);
    if (afterId != null) ids = ids.tailSet(afterId, false);
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      out.add(id);
      if (out.size() == limit) break;
    }
    return out;
  }

  @Override
  public synchronized long count(String connectionId, Entity entity) {
    return data(connectionId).of(entity).values().stream().filter(StoredRecord::live).count();
  }

  @Override
  public synchronized long count(String connectionId, Entity entity, String parentId) {
    return data(connectionId).children(entity, parentId).size();
  }

  @Override
  public synchronized Map<Entity, Long> counts(String connectionId) {
    Map<Entity, Long> m = new EnumMap<>(Entity.class);
    for (Entity e : Entity.values()) {
      long n = count(connectionId, e);
      if (n > 0) m.put(e, n);
    }
    return m;
  }

  @Override
  public synchronized void saveRun(SyncRun run) {
    Objects.requireNonNull(run, "run == null");
    runs.put(run.runId(), run);
  }

  @Override
  public synchronized List<SyncRun> runs(String connectionId, int limit) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return runs.values().stream().filter(r -> r.connectionId().equals(connectionId))
        .sorted(Comparator.comparing(SyncRun::startedAt).reversed().thenComparing(SyncRun::runId))
        .limit(limit).toList();
  }

  @Override
  public synchronized Optional<SyncRun> run(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  @Override
  public synchronized void deleteConnection(String connectionId) {
    connections.remove(connectionId);
    runs.values().removeIf(r -> r.connectionId().equals(connectionId));
  }

  @Override
  public String toString() {
    return "InMemorySyncStore";
  }

  // ---------------------------------------------------------------------------------------------------------
  // SyncClaims

  @Override
  public synchronized Optional<SyncClaim> tryClaim(String key, String holder, String runId, Instant now,
      Instant until) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(holder, "holder == null");
    Objects.requireNonNull(runId, "runId == null");
    SyncClaim.checkLease(now, until);
    SyncClaim old = claims.get(key);
    if (old != null && old.liveAt(now)) return Optional.empty();
    SyncClaim granted = new SyncClaim(key, holder, runId, old == null ? 1 : old.fencingToken() + 1, now, until);
    claims.put(key, granted);
    return Optional.of(granted);
  }

  @Override
  public synchronized Optional<SyncClaim> renew(SyncClaim claim, Instant now, Instant until) {
    Objects.requireNonNull(claim, "claim == null");
    SyncClaim.checkLease(now, until);
    if (!isCurrent(claim)) return Optional.empty();
    SyncClaim renewed = claim.renewedUntil(until);
    claims.put(claim.key(), renewed);
    return Optional.of(renewed);
  }

  @Override
  public synchronized boolean release(SyncClaim claim) {
    Objects.requireNonNull(claim, "claim == null");
    if (!isCurrent(claim)) return false;
    claims.put(claim.key(), claim.released());
    return true;
  }

  @Override
  public synchronized Optional<SyncClaim> current(String key, Instant now) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(now, "now == null");
    SyncClaim c = claims.get(key);
    return c != null && c.liveAt(now) ? Optional.of(c) : Optional.empty();
  }

  @Override
  public synchronized PageResult commitPage(SyncClaim claim, String connectionId, SyncPage page) {
    Objects.requireNonNull(claim, "claim == null");
    if (!isCurrent(claim)) throw ClaimLostException.of(claim, "the page was not stored");
    return commitPage(connectionId, page);
  }

  private boolean isCurrent(SyncClaim claim) {
    SyncClaim c = claims.get(claim.key());
    return c != null && c.fencingToken() == claim.fencingToken() && c.holder().equals(claim.holder());
  }
}
