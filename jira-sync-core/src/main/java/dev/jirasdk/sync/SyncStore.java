package dev.jirasdk.sync;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
   * unchanged (nothing is written, not even a timestamp); otherwise → updated (a tombstoned record that comes
   * back is live again and counts as updated). Per tombstone: live → deleted (and, for an issue, its live
   * children with that parent id are tombstoned and counted as deleted too); absent or already tombstoned →
   * not counted.
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
   * @param includeDeleted also return tombstoned records
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
