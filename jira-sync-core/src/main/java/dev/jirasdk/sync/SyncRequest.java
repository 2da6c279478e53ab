package dev.jirasdk.sync;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one run should read: the mode, the streams (empty = {@link #DEFAULT_STREAMS}: every stream but the Agile
 * ones), the projects (ids or keys; empty = every project the connection can see) and an optional JQL filter.
 *
 * <p>The Jira Software streams ({@link Entity#isAgile()}) are opt-in: boards and sprints need granular
 * {@code *:jira-software} scopes, and asking users for new scopes makes every one of them consent again. Add them
 * with {@link #withAgileStreams()}; {@link JiraSync#requiredScopes} says which scopes a selection needs.
 *
 * <pre>{@code
 * SyncRequest.incremental();                                           // everything, changes only
 * SyncRequest.full().withStreams(Entity.PROJECTS, Entity.ISSUES).withProjects("ACME");
 * SyncRequest.incremental().withProjects("ACME").withJql("labels = customer");
 * SyncRequest.incremental().withAgileStreams();                        // everything, boards and sprints too
 * }</pre>
 *
 * <p><b>Projects and JQL together</b> mean both: the issues of the chosen projects that match the filter (each
 * project's issues are searched with {@code project = <id> AND (<jql>)}). A filter alone applies to every
 * visible project. The issue cursors are kept per filter: a run with another filter (or none) re-reads what its
 * filter covers instead of trusting a cursor built for another query. Worklogs, whose feed is site-wide, are kept
 * only for issues the projects and the filter cover (see {@code docs/sync.md}).
 *
 * @param mode full or incremental
 * @param streams the streams to run; empty means {@link #DEFAULT_STREAMS}
 * @param projects project ids or keys to limit project-scoped streams to; empty means all visible projects
 * @param jql a JQL filter limiting the issues and their children, or null for none (see {@link #withJql})
 */
public record SyncRequest(SyncMode mode, Set<Entity> streams, Set<String> projects, @Nullable String jql) {
  /** Every stream. */
  public static final Set<Entity> ALL_STREAMS = Set.copyOf(EnumSet.allOf(Entity.class));
  /** The longest filter accepted (Jira's own limit on a search body is far larger; a filter is a clause). */
  public static final int MAX_JQL_LENGTH = 2_000;
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
    if (jql != null) jql = validJql(jql);
  }

  /** A request without a JQL filter. */
  public SyncRequest(SyncMode mode, Set<Entity> streams, Set<String> projects) {
    this(mode, streams, projects, null);
  }

  public static SyncRequest full() {
    return new SyncRequest(SyncMode.FULL, Set.of(), Set.of(), null);
  }

  public static SyncRequest incremental() {
    return new SyncRequest(SyncMode.INCREMENTAL, Set.of(), Set.of(), null);
  }

  public SyncRequest withStreams(Entity... streams) {
    return new SyncRequest(mode, EnumSet.copyOf(Arrays.asList(streams)), projects, jql);
  }

  public SyncRequest withStreams(Set<Entity> streams) {
    return new SyncRequest(mode, streams, projects, jql);
  }

  /** This selection plus the Agile streams (boards, sprints, sprint membership). */
  public SyncRequest withAgileStreams() {
    EnumSet<Entity> s = EnumSet.copyOf(streams);
    s.addAll(AGILE_STREAMS);
    return new SyncRequest(mode, s, projects, jql);
  }

  public SyncRequest withProjects(String... idsOrKeys) {
    return new SyncRequest(mode, streams, Set.copyOf(List.of(idsOrKeys)), jql);
  }

  public SyncRequest withMode(SyncMode mode) {
    return new SyncRequest(mode, streams, projects, jql);
  }

  /**
   * Limits the issues (and their comments, attachments, links, changelogs, field values and worklogs) to those
   * matching {@code jql}, such as {@code labels = customer AND issuetype = Bug}; null removes the filter. The
   * filter is a condition only: it is trimmed, must not be blank, must not carry its own {@code ORDER BY} (the
   * sync orders by {@code updated}), must have balanced quotes and parentheses, no control characters, and at most
   * {@value #MAX_JQL_LENGTH} characters; Jira checks the rest (an invalid field fails the issue partitions with
   * Jira's message).
   *
   * @throws IllegalArgumentException naming what is wrong with the filter
   */
  public SyncRequest withJql(@Nullable String jql) {
    return new SyncRequest(mode, streams, projects, jql);
  }

  public boolean includes(Entity stream) {
    return streams.contains(stream);
  }

  private static String validJql(String jql) {
    String j = jql.strip();
    if (j.isEmpty()) throw new IllegalArgumentException("jql is blank; pass null for no filter");
    if (j.length() > MAX_JQL_LENGTH) {
      throw new IllegalArgumentException("jql has " + j.length() + " characters, more than " + MAX_JQL_LENGTH);
    }
    int depth = 0;
    char quote = 0;
    StringBuilder outside = new StringBuilder();
    for (int i = 0; i < j.length(); i++) {
      char c = j.charAt(i);
      if (Character.isISOControl(c) && c != '\t') {
        throw new IllegalArgumentException("jql has a control character at index " + i);
      }
      if (quote != 0) {
        if (c == '\\' && i + 1 < j.length()) i++;
        else if (c == quote) quote = 0;
        outside.append(' ');
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        throw new IllegalArgumentException("jql has a ')' without its '(' at index " + i);
      }
      outside.append(c);
    }
    if (quote != 0) throw new IllegalArgumentException("jql has an unterminated quoted string");
    if (depth != 0) throw new IllegalArgumentException("jql has " + depth + " unclosed '('");
    if (outside.toString().toLowerCase(Locale.ROOT).matches("(?s).*\\border\\s+by\\b.*")) {
      throw new IllegalArgumentException("jql must not have an ORDER BY: the sync orders by updated itself");
    }
    return j;
  }
}
