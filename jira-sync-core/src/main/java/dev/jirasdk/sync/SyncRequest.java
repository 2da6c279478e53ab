package dev.jirasdk.sync;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one run should read: the mode, the streams (empty = {@link #ALL_STREAMS}) and the projects (ids or keys;
 * empty = every project the connection can see).
 *
 * <pre>{@code
 * SyncRequest.incremental();                                           // everything, changes only
 * SyncRequest.full().withStreams(Entity.PROJECTS, Entity.ISSUES).withProjects("ACME");
 * }</pre>
 *
 * @param mode full or incremental
 * @param streams the streams to run; empty means all
 * @param projects project ids or keys to limit project-scoped streams to; empty means all visible projects
 */
public record SyncRequest(SyncMode mode, Set<Entity> streams, Set<String> projects) {
  /** Every stream. */
  public static final Set<Entity> ALL_STREAMS = Set.copyOf(EnumSet.allOf(Entity.class));

  public SyncRequest {
    Objects.requireNonNull(mode, "mode == null");
    Objects.requireNonNull(streams, "streams == null");
    Objects.requireNonNull(projects, "projects == null");
    streams = streams.isEmpty() ? ALL_STREAMS : Set.copyOf(EnumSet.copyOf(streams));
    projects = Set.copyOf(new LinkedHashSet<>(projects));
  }

  public static SyncRequest full() {
    return new SyncRequest(SyncMode.FULL, Set.of(), Set.of());
  }

  public static SyncRequest incremental() {
    return new SyncRequest(SyncMode.INCREMENTAL, Set.of(), Set.of());
  }

  public SyncRequest withStreams(Entity... streams) {
    return new SyncRequest(mode, EnumSet.copyOf(Arrays.asList(streams)), projects);
  }

  public SyncRequest withStreams(Set<Entity> streams) {
    return new SyncRequest(mode, streams, projects);
  }

  public SyncRequest withProjects(String... idsOrKeys) {
    return new SyncRequest(mode, streams, Set.copyOf(List.of(idsOrKeys)));
  }

  public SyncRequest withMode(SyncMode mode) {
    return new SyncRequest(mode, streams, projects);
  }

  public boolean includes(Entity stream) {
    return streams.contains(stream);
  }
}
