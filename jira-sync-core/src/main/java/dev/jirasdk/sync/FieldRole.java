package dev.jirasdk.sync;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Fields every team names differently, recognised by their custom type or, failing that, by their name, so SQL
 * can ask for "story points" without knowing a {@code customfield_} id. Stored as {@link #key()} in
 * {@link Columns.FieldValue#ROLE}.
 *
 * <pre>{@code
 * FieldRole.of("Story point estimate", "com.pyxis.greenhopper.jira:jsw-story-points"); // STORY_POINTS
 * }</pre>
 *
 * <ul>
 *   <li>{@link #STORY_POINTS}: "Story Points" (company-managed projects, a number field) and "Story point
 *       estimate" (team-managed projects, {@code jsw-story-points}); both exist on most sites.
 *   <li>{@link #SPRINT}: the Jira Software sprint field ({@code gh-sprint}).
 *   <li>{@link #TEAM}: the Atlassian team field ({@code atlassian-team}) or a field named "Team".
 *   <li>{@link #START_DATE}: "Start date" / "Target start".
 *   <li>{@link #DUE_DATE}: a custom "Due date" / "Target end" (the system {@code duedate} is the issue's
 *       {@code dueDate} column).
 * </ul>
 */
public enum FieldRole {
  STORY_POINTS,
  SPRINT,
  TEAM,
  START_DATE,
  DUE_DATE;

  private static final Set<String> STORY_POINT_NAMES = Set.of("story points", "story point estimate");

  /** Lower-case name stored in the {@code role} column, such as {@code story_points}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role of a custom field with this name and {@code schema.custom} type, if it has one. */
  public static Optional<FieldRole> of(@Nullable String name, @Nullable String customType) {
    String t = customType == null ? "" : customType;
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    if (t.endsWith(":jsw-story-points") || STORY_POINT_NAMES.contains(n)) return Optional.of(STORY_POINTS);
    if (t.endsWith(":gh-sprint")) return Optional.of(SPRINT);
    if (t.endsWith(":atlassian-team") || n.equals("team")) return Optional.of(TEAM);
    if (n.equals("start date") || n.equals("target start")) return Optional.of(START_DATE);
    if (n.equals("due date") || n.equals("target end")) return Optional.of(DUE_DATE);
    return Optional.empty();
  }
}
