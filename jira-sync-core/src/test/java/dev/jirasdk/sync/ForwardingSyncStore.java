package dev.jirasdk.sync;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Delegates everything; tests override what they want to break. */
class ForwardingSyncStore implements SyncStore {
  final SyncStore delegate;

  ForwardingSyncStore(SyncStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public PageResult commitPage(String connectionId, SyncPage page) {
    return delegate.commitPage(connectionId, page);
  }

  @Override
  public Optional<Checkpoint> checkpoint(String connectionId, String stream, String partition) {
    return delegate.checkpoint(connectionId, stream, partition);
  }

  @Override
  public List<Checkpoint> checkpoints(String connectionId) {
    return delegate.checkpoints(connectionId);
  }

  @Override
  public int clearCheckpoints(String connectionId, String stream) {
    return delegate.clearCheckpoints(connectionId, stream);
  }

  @Override
  public Optional<StoredRecord> find(String connectionId, Entity entity, String id) {
    return delegate.find(connectionId, entity, id);
  }

  @Override
  public RecordPage records(String connectionId, Entity entity, RecordCursor after, int limit, boolean includeDeleted) {
    return delegate.records(connectionId, entity, after, limit, includeDeleted);
  }

  @Override
  public java.util.Map<String, java.util.Set<String>> idsByParent(String connectionId, Entity entity,
      java.util.Collection<String> parentIds) {
    return delegate.idsByParent(connectionId, entity, parentIds);
  }

  @Override
  public List<String> ids(String connectionId, Entity entity, String parentId, String afterId, int limit) {
    return delegate.ids(connectionId, entity, parentId, afterId, limit);
  }

  @Override
  public long count(String connectionId, Entity entity) {
    return delegate.count(connectionId, entity);
  }

  @Override
  public long count(String connectionId, Entity entity, String parentId) {
    return delegate.count(connectionId, entity, parentId);
  }

  @Override
  public Map<Entity, Long> counts(String connectionId) {
    return delegate.counts(connectionId);
  }

  @Override
  public void saveRun(SyncRun run) {
    delegate.saveRun(run);
  }

  @Override
  public List<SyncRun> runs(String connectionId, int limit) {
    return delegate.runs(connectionId, limit);
  }

  @Override
  public Optional<SyncRun> run(String runId) {
    return delegate.run(runId);
  }

  @Override
  public void deleteConnection(String connectionId) {
    delegate.deleteConnection(connectionId);
  }
}
