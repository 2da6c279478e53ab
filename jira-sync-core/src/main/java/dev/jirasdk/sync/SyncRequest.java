package dev.jirasdk.sync;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one run should read: the mode, the streams (empty = {@link #DEFAULT_STREAMS}: every stream but the Agile
 * ones) and the projects (ids or keys; empty = every project the connection can see).
 *
 * <p>The Jira Software streams ({@link Entity#isAgile()}) are opt-in: boards and sprints need granular
 * {@code *:jira-software} scopes, and asking users for new scopes makes every one of them consent again. Add them
 * with {@link #withAgileStreams()}; {@link JiraSync#requiredScopes} says which scopes a selection needs.
 *
 * <pre>{@code
 * SyncRequest.incremental();                                           // everything, changes only
 * SyncRequest.full().withStreams(Entity.PROJECTS, Entity.ISSUES).withProjects("ACME");
 * SyncRequest.incremental().withAgileStreams();                        // everything, boards and sprints too
 * }</pre>
 *
 * @param mode full or incremental
 * @param streams the streams to run; empty means {@link #DEFAULT_STREAMS}
 * @param projects project ids or keys to limit project-scoped streams to; empty means all visible projects
 */
public record SyncRequest(SyncMode mode, Set<Entity> streams, Set<String> projects) {
  /** Every stream. */
  public static final Set<Entity> ALL_STREAMS = Set.copyOf(EnumSet.allOf(Entity.class));
  /** The Jira Software streams: boards, sprints, sprint membership. */
  public static final Set<Entity> AGILE_STREAMS = Set.of(Entity.BOARDS, Entity.SPRINTS, Entity.SPRINT_ISSUES);
  /** What an empty selection means: every stream except {@link #AGILE_STREAMS}. */
  public static final Set<Entity> DEFAULT_STREAMS;

  static {
    EnumSet<Entity> d = EnumSet.allOf(Entity.class);
    d.removeAll(AGILE_STREAMS);
    DEFAULT_STREAMS = Set.copyOf(d);
  }

  public SyncRequest {
    Objects.requireNonNull(mode, "mode == null");
    Objects.requireNonNull(streams, "streams == null");
    Objects.requireNonNull(projects, "projects == null");
    streams = streams.isEmpty() ? DEFAULT_STREAMS : Set.copyOf(EnumSet.copyOf(streams));
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

  /** This selection plus the Agile streams (boards, sprints, sprint membership). */
  public SyncRequest withAgileStreams() {
    EnumSet<Entity> s = EnumSet.copyOf(streams);
    s.addAll(AGILE_STREAMS);
    return new SyncRequest(mode, s, projects);
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
