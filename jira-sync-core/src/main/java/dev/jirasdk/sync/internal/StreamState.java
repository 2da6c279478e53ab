package dev.jirasdk.sync.internal;

import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.PageResult;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.StreamSummary;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Mutable progress of one stream in a run; events of the stream are emitted while holding its monitor. */
final class StreamState {
  final String name;
  private final Map<Entity, Counts> counts = new EnumMap<>(Entity.class);
  private long pages;
  private long requests;
  private long points;
  private Instant startedAt;
  private Instant finishedAt;
  private int pendingTasks;
  private int failedPartitions;
  private int okPartitions;
  private boolean cancelled;
  private RunStatus status = RunStatus.RUNNING;

  StreamState(String name) {
    this.name = name;
  }

  synchronized void started(Instant at, int tasks) {
    startedAt = at;
    pendingTasks = tasks;
  }

  synchronized void addCounts(PageResult r) {
    pages++;
    r.byEntity().forEach((e, c) -> counts.merge(e, c, Counts::plus));
  }

  synchronized void addRequest(long pointsCost) {
    requests++;
    points += pointsCost;
  }

  synchronized void partitionDone(boolean ok, boolean wasCancelled) {
    if (wasCancelled) cancelled = true;
    else if (ok) okPartitions++;
    else failedPartitions++;
  }

  /** Marks one task done; true when it was the last. */
  synchronized boolean taskDone(Instant at) {
    pendingTasks--;
    if (pendingTasks > 0) return false;
    finishedAt = at;
    if (cancelled) status = RunStatus.CANCELLED;
    else if (failedPartitions == 0) status = RunStatus.SUCCEEDED;
    else status = okPartitions > 0 ? RunStatus.PARTIAL : RunStatus.FAILED;
    return true;
  }

  synchronized void failWithoutTasks(Instant at, boolean wasCancelled) {
    if (startedAt == null) startedAt = at;
    finishedAt = at;
    status = wasCancelled ? RunStatus.CANCELLED : RunStatus.FAILED;
  }

  synchronized StreamSummary summary() {
    return new StreamSummary(name, status, counts, pages, requests, points, startedAt, finishedAt);
  }

  synchronized RunStatus status() {
    return status;
  }
}
