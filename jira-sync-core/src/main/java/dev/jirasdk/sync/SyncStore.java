package dev.jirasdk.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Where {@link JiraSync} mirrors Jira data. Every read and write names the connection it belongs to; two
 * connections never see each other's rows, checkpoints or runs.
 *
 * <p>The one write that matters is {@link #commitPage}: a page of records, tombstones and the checkpoint that
 * follows them, stored in one transaction. If it throws, nothing of the page is stored and the previous
 * checkpoint stays, so a run that dies at any moment resumes exactly after its last committed page.
 *
 * <p>Implementations must be thread-safe: the engine commits pages of different streams concurrently.
 * {@link InMemorySyncStore} is the reference implementation; {@code SyncStoreContract} in this module's test
 * jar is the test suite every implementation should pass. Failures are reported as
 * {@link dev.jirasdk.auth.StoreException}.
 *
 * <pre>{@code
 * SyncStore store = new InMemorySyncStore();
 * PageResult r = store.commitPage("conn-1", SyncPage.of(records, checkpoint));
 * long issues = store.count("conn-1", Entity.ISSUES);
 * }</pre>
 */
public interface SyncStore {

  /**
   * Stores a page atomically: upserts the records (by connection, entity and id), applies the tombstones
   * and replaces the page's checkpoint, all or nothing.
   *
   * <p>Per record: absent → created; present with the same {@link SyncRecord#contentHash()} and live →
   * unchanged (nothing is written, not even a timestamp); otherwise → updated (a tombstoned or archived record
   * that comes back is live again and counts as updated). Per tombstone: live → deleted; absent or already tombstoned →
   * not counted. A tombstoned issue takes with it, in the same transaction and counted as deleted: its live
   * children (records of {@link Entity#isIssueChild() child entities} whose parent id is the issue id), and the
   * live {@link Entity#ISSUE_LINKS issue links} of other issues that point at it (whose
   * {@link Columns.IssueLink#OUTWARD_ISSUE_ID} column is the issue id), so no link to a deleted issue stays live.
   *
   * <p>Per {@link Archival} (applied last): a live issue → archived ({@link StoredRecord#archivedAt()} set, not
   * deleted, no longer live: left out of {@link #count}, {@link #ids} and the other queries of live records);
   * absent, deleted or already archived → nothing. Archiving takes nothing along (the children and the
   * links pointing at it stay) and is not counted in the result. An archived record that is upserted again is
   * live again and counts as updated, like a tombstoned one; a tombstone leaves an archived record archived.
   */
  PageResult commitPage(String connectionId, SyncPage page);

  /** The checkpoint of one stream partition, if any page of it was committed. */
  Optional<Checkpoint> checkpoint(String connectionId, String stream, String partition);

  /** Every checkpoint of a connection (any order). */
  List<Checkpoint> checkpoints(String connectionId);

  /** Forgets the checkpoints of a stream (all partitions); returns how many were removed. */
  int clearCheckpoints(String connectionId, String stream);

  /** A record by id, live or tombstoned. */
  Optional<StoredRecord> find(String connectionId, Entity entity, String id);

  /**
   * Records of an entity in the order {@code updated} ascending (undated first), then id ascending, strictly
   * after {@code after} (null = from the start), at most {@code limit}.
   *
   * @param includeDeleted also return the records that are not live (tombstoned or archived)
   */
  RecordPage records(String connectionId, Entity entity, RecordCursor after, int limit, boolean includeDeleted);

  /**
   * Ids of live records of an entity with the given parent (for issues: the project id; {@code null} matches
   * records without a parent, such as users or projects), in ascending string order, strictly after
   * {@code afterId} (null = from the start), at most {@code limit}. This is what the deletion census compares
   * with Jira; it never needs the whole site in memory.
   */
  List<String> ids(String connectionId, Entity entity, String parentId, String afterId, int limit);

  /** Streams {@link #ids} of a parent page by page, 1000 at a time. */
  default void forEachId(String connectionId, Entity entity, String parentId, Consumer<String> action) {
    String after = null;
    while (true) {
      List<String> page = ids(connectionId, entity, parentId, after, 1000);
      for (String id : page) action.accept(id);
      if (page.size() < 1000) return;
      after = page.get(page.size() - 1);
    }
  }

  /**
   * Ids of the live records of an entity whose parent is one of {@code parentIds}, grouped by parent (parents
   * without any are left out). The engine calls it once per page of issues to find children that are no longer
   * on their issue; a store should answer it with one query, not one per parent (this default does the
   * latter).
   */
  default Map<String, Set<String>> idsByParent(String connectionId, Entity entity, Collection<String> parentIds) {
    Map<String, Set<String>> out = new HashMap<>();
    for (String parent : new LinkedHashSet<>(parentIds)) {
      Set<String> ids = new HashSet<>();
      forEachId(connectionId, entity, parent, ids::add);
      if (!ids.isEmpty()) out.put(parent, ids);
    }
    return out;
  }

  /**
   * The smallest and the largest numeric id among the live records of an entity with the given parent (ids that
   * are not decimal integers are left out), or empty when there are none. The deletion detector bisects this span.
   * This default walks every id of the parent; a store should answer it from an index.
   */
  default Optional<IdSpan> idSpan(String connectionId, Entity entity, String parentId) {
    long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
    forEachNumericId(this, connectionId, entity, parentId, n -> {
      span[0] = Math.min(span[0], n);
      span[1] = Math.max(span[1], n);
    });
    return span[0] > span[1] ? Optional.empty() : Optional.of(new IdSpan(span[0], span[1]));
  }

  /**
   * Live records of an entity with the given parent per numeric id range: element {@code i} of the answer counts
   * the ids {@code n} with {@code bounds[i] <= n < bounds[i + 1]} (ids that are not decimal integers count in no
   * range). The deletion detector compares these counts with Jira's {@code approximate-count} of the same ranges.
   * This default walks every id of the parent once; a store should answer it from an index.
   *
   * @param bounds at least two bounds in strictly ascending order
   * @return {@code bounds.length - 1} counts
   * @throws IllegalArgumentException if the bounds are fewer than two or not strictly ascending
   */
  default long[] countByIdRange(String connectionId, Entity entity, String parentId, long[] bounds) {
    IdSpan.checkBounds(bounds);
    long[] counts = new long[bounds.length - 1];
    forEachNumericId(this, connectionId, entity, parentId, n -> {
      int at = java.util.Arrays.binarySearch(bounds, n);
      int range = at >= 0 ? at : -at - 2; // the last bound <= n
      if (range >= 0 && range < counts.length) counts[range]++;
    });
    return counts;
  }

  /**
   * Ids of live records of an entity with the given parent whose numeric value {@code n} is in
   * {@code from <= n < to}, in ascending numeric order, at most {@code limit} (page on with {@code from} = the
   * last id + 1). Ids that are not decimal integers are left out. This is what a range census compares with
   * Jira. This default walks every id of the parent; a store should answer it from an index.
   */
  default List<String> idsInRange(String connectionId, Entity entity, String parentId, long from, long to,
      int limit) {
    if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
    java.util.TreeMap<Long, String> found = new java.util.TreeMap<>();
    forEachId(connectionId, entity, parentId, id -> {
      Long n = IdSpan.numeric(id);
      if (n != null && n >= from && n < to) {
        found.put(n, id);
        if (found.size() > limit) found.pollLastEntry();
      }
    });
    return new ArrayList<>(found.values());
  }

  /** Walks {@link #forEachId} and hands on the ids that are decimal integers, as numbers. */
  private static void forEachNumericId(SyncStore store, String connectionId, Entity entity, String parentId,
      LongConsumer action) {
    store.forEachId(connectionId, entity, parentId, id -> {
      Long n = IdSpan.numeric(id);
      if (n != null) action.accept(n);
    });
  }

  /**
   * The smallest and the largest numeric id of a set of records ({@link #idSpan}).
   *
   * @param min the smallest id
   * @param max the largest id, not below {@code min}
   */
  record IdSpan(long min, long max) {
    public IdSpan {
      if (max < min) throw new IllegalArgumentException("max " + max + " < min " + min);
    }

    /** The id as a number if it is a decimal integer of at most 18 digits (so it never overflows), else null. */
    static Long numeric(String id) {
      int n = id.length();
      if (n == 0 || n > 18) return null;
      for (int i = 0; i < n; i++) {
        char c = id.charAt(i);
        if (c < '0' || c > '9') return null;
      }
      return Long.parseLong(id);
    }

    static void checkBounds(long[] bounds) {
      java.util.Objects.requireNonNull(bounds, "bounds == null");
      if (bounds.length < 2) throw new IllegalArgumentException("need at least two bounds, got " + bounds.length);
      for (int i = 1; i < bounds.length; i++) {
        if (bounds[i] <= bounds[i - 1]) {
          throw new IllegalArgumentException("bounds must ascend strictly: bounds[" + (i - 1) + "] = " + bounds[i - 1]
              + ", bounds[" + i + "] = " + bounds[i]);
        }
      }
    }
  }

  /** Number of live records of an entity. */
  long count(String connectionId, Entity entity);

  /** Number of live records with the given parent (e.g. issues of a project; null = without a parent). */
  long count(String connectionId, Entity entity, String parentId);

  /** Live records per entity; entities with none may be left out. */
  Map<Entity, Long> counts(String connectionId);

  /** Inserts or replaces a run summary (by {@link SyncRun#runId()}). */
  void saveRun(SyncRun run);

  /** Runs of a connection, newest start first, at most {@code limit}. */
  List<SyncRun> runs(String connectionId, int limit);

  /** A run by id. */
  Optional<SyncRun> run(String runId);

  /** Removes every row, checkpoint and run of a connection (when the host disconnects it). */
  void deleteConnection(String connectionId);
}
