package dev.jirasdk.testkit;

import dev.jirasdk.testkit.SiteModel.IssueRec;
import dev.jirasdk.testkit.SiteModel.ProjectRec;
import dev.jirasdk.testkit.SiteModel.WorklogRec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts and mutations of one site of a {@link FakeJiraCloud}, obtained with {@link FakeJiraCloud#data(String)}.
 *
 * <p>Counts describe what a full sync by an account that sees everything should store: issues and their
 * comments, worklogs, changelog entries, attachments and links count only in live (not archived) projects, and
 * archived issues ({@link #archiveIssues}) not at all;
 * {@link #projectCount()} counts live projects, {@link #archivedProjectCount()} archived ones.
 *
 * <p>Mutations behave like Jira: they move the issue's {@code updated} to the fake clock's now (strictly later than
 * before), edits and moves add a changelog entry, a moved issue gets a new key but keeps its id (the old key still
 * resolves), deleting an issue leaves no trace, deleting a worklog shows up in {@code worklog/deleted}.
 *
 * <pre>{@code
 * SiteData data = fake.data(cloudId);
 * String id = data.createIssue("PLAT", "Checkout button is grey");
 * fake.clock().advance(Duration.ofMinutes(5));
 * data.addComment(id, "Reproduced on Firefox");
 * assertEquals(before + 1, data.issueCount());
 * }</pre>
 *
 * Thread-safe; a handle is cheap and can be kept or re-obtained.
 */
public final class SiteData {
  private final Clock clock;
  private final SiteModel s;

  SiteData(Clock clock, SiteModel s) {
    this.clock = clock;
    this.s = s;
  }

  public FakeSite site() {
    return s.site;
  }

  /** The site's boards, sprints, sprint membership and epics (Jira Software). */
  public AgileData agile() {
    return new AgileData(clock, s);
  }

  private long now() {
    return clock.millis();
  }

  // ------------------------------------------------------------------ counts

  private long live(java.util.function.ToLongFunction<IssueRec> f) {
    return s.read(() -> {
      long n = 0;
      for (ProjectRec p : s.projects) {
        if (!p.archived) {
          for (IssueRec is : p.issues) {
            n += f.applyAsLong(is);
          }
        }
      }
      return n;
    });
  }

  public long projectCount() {
    return s.read(() -> s.projects.stream().filter(p -> !p.archived).count());
  }

  public long archivedProjectCount() {
    return s.read(() -> s.projects.stream().filter(p -> p.archived).count());
  }

  /** Issues in live projects. */
  public long issueCount() {
    return live(is -> 1);
  }

  /** Issues in one project, whether the project is live or archived (archived issues not counted). */
  public long issueCount(String projectKey) {
    return s.read(() -> (long) s.requireProject(projectKey).issues.size());
  }

  public long userCount() {
    return s.users.size();
  }

  public long groupCount() {
    return s.groups.size();
  }

  public long issueTypeCount() {
    return Render.ISSUE_TYPES.length;
  }

  public long priorityCount() {
    return Render.PRIORITIES.length;
  }

  public long statusCount() {
    return Render.STATUSES.length;
  }

  public long resolutionCount() {
    return Render.RESOLUTIONS.length;
  }

  /** Entries of {@code field/search} and {@code /field}. */
  public long fieldCount() {
    return JiraApi.fieldCount();
  }

  /** Custom fields among {@link #fieldCount()}. */
  public long customFieldCount() {
    return Render.CUSTOM_FIELDS.length;
  }

  public long labelCount() {
    return s.labels.size();
  }

  /** Components of all projects (live and archived). */
  public long componentCount() {
    return s.read(() -> s.projects.stream().mapToLong(p -> p.components.size()).sum());
  }

  /** Versions of all projects (live and archived). */
  public long versionCount() {
    return s.read(() -> s.projects.stream().mapToLong(p -> p.versions.size()).sum());
  }

  /** One workflow per project (live and archived). */
  public long workflowCount() {
    return s.read(() -> (long) s.projects.size());
  }

  public long dashboardCount() {
    return s.dashboards.size();
  }

  public long filterCount() {
    return s.filters.size();
  }

  public long permissionCount() {
    return JiraApi.PERMISSIONS.length;
  }

  public long commentCount() {
    return live(IssueRec::commentCount);
  }

  public long worklogCount() {
    return live(is -> is.worklogs().size());
  }

  public long attachmentCount() {
    return live(is -> is.attachments);
  }

  /** Changelog entries (histories) of issues in live projects. */
  public long changelogCount() {
    return live(IssueRec::historyCount);
  }

  /** Distinct issue links touching at least one issue in a live project. */
  public long issueLinkCount() {
    return s.read(() -> {
      HashSet<Long> ids = new HashSet<>();
      for (ProjectRec p : s.projects) {
        if (!p.archived) {
          for (IssueRec is : p.issues) {
            for (SiteModel.LinkRec l : is.links()) {
              ids.add(l.id());
            }
          }
        }
      }
      return (long) ids.size();
    });
  }

  /** All counts by name ({@code projects, issues, users, ...}), for logging or bulk comparison. */
  public Map<String, Long> counts() {
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    m.put("projects", projectCount());
    m.put("archivedProjects", archivedProjectCount());
    m.put("issues", issueCount());
    m.put("users", userCount());
    m.put("groups", groupCount());
    m.put("issueTypes", issueTypeCount());
    m.put("priorities", priorityCount());
    m.put("statuses", statusCount());
    m.put("resolutions", resolutionCount());
    m.put("fields", fieldCount());
    m.put("labels", labelCount());
    m.put("components", componentCount());
    m.put("versions", versionCount());
    m.put("workflows", workflowCount());
    m.put("dashboards", dashboardCount());
    m.put("filters", filterCount());
    m.put("permissions", permissionCount());
    m.put("comments", commentCount());
    m.put("worklogs", worklogCount());
    m.put("attachments", attachmentCount());
    m.put("issueLinks", issueLinkCount());
    m.put("changelogs", changelogCount());
    return m;
  }

  // ------------------------------------------------------------------ reads

  /** Keys of all projects, live first, in creation order. */
  public List<String> projectKeys() {
    return s.read(() -> {
      List<String> out = new ArrayList<>();
      for (ProjectRec p : s.projects) {
        out.add(p.key);
      }
      return out;
    });
  }

  public boolean projectArchived(String projectKey) {
    return s.read(() -> s.requireProject(projectKey).archived);
  }

  /** Ids of the project's issues in ascending order. */
  public List<String> issueIds(String projectKey) {
    return s.read(() -> {
      List<String> out = new ArrayList<>();
      for (IssueRec is : s.requireProject(projectKey).issues) {
        out.add(Long.toString(is.id));
      }
      out.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
      return out;
    });
  }

  /** Whether an issue with this id or key exists (in any project). */
  public boolean issueExists(String idOrKey) {
    return s.read(() -> s.issue(idOrKey) != null);
  }

  public String issueKey(String idOrKey) {
    return s.read(() -> s.requireIssue(idOrKey).key());
  }

  public String issueId(String idOrKey) {
    return s.read(() -> Long.toString(s.requireIssue(idOrKey).id));
  }

  public String summary(String idOrKey) {
    return s.read(() -> Render.summary(s.requireIssue(idOrKey)));
  }

  public Instant updated(String idOrKey) {
    return s.read(() -> Instant.ofEpochMilli(s.requireIssue(idOrKey).updated));
  }

  public Instant created(String idOrKey) {
    return s.read(() -> Instant.ofEpochMilli(s.requireIssue(idOrKey).created));
  }

  /** The name of the issue's current status. */
  public String status(String idOrKey) {
    return s.read(() -> Render.STATUSES[s.requireIssue(idOrKey).status][1]);
  }

  /** The issue's story points as served (in the field of its project's style), or null. */
  public Double storyPoints(String idOrKey) {
    return s.read(() -> {
      IssueRec is = s.requireIssue(idOrKey);
      Map<String, Object> f = Render.issue("", s, is, Render.FieldSet.parse(List.of("*all", "-worklog"), "id"), false, 0);
      Object fields = f.get("fields");
      if (!(fields instanceof Map<?, ?> m)) {
        return null;
      }
      Object v = m.get(Render.teamManaged(is.project) ? "customfield_10016" : "customfield_10028");
      return v instanceof Number n ? n.doubleValue() : null;
    });
  }

  /** Whether the project is team-managed ({@code style: next-gen}, story points in "Story point estimate"). */
  public boolean teamManaged(String projectKey) {
    return s.read(() -> Render.teamManaged(s.requireProject(projectKey)));
  }

  public int commentCount(String idOrKey) {
    return s.read(() -> s.requireIssue(idOrKey).commentCount());
  }

  public int changelogCount(String idOrKey) {
    return s.read(() -> s.requireIssue(idOrKey).historyCount());
  }

  /** Ids of the issue's worklogs. */
  public List<String> worklogIds(String idOrKey) {
    return s.read(() -> {
      List<String> out = new ArrayList<>();
      for (WorklogRec w : s.requireIssue(idOrKey).worklogs()) {
        out.add(Long.toString(w.id));
      }
      return out;
    });
  }

  /** Ids of the issue's comments, oldest first. */
  public List<String> commentIds(String idOrKey) {
    return s.read(() -> {
      IssueRec is = s.requireIssue(idOrKey);
      List<String> out = new ArrayList<>();
      int total = is.baseComments + (is.addedComments == null ? 0 : is.addedComments.size());
      for (int i = 0; i < total; i++) {
        long id = is.id * SiteModel.CHILD_ID_STRIDE + i;
        if (is.deletedComments == null || !is.deletedComments.contains(id)) {
          out.add(Long.toString(id));
        }
      }
      return out;
    });
  }

  /**
   * One item of a changelog entry as the fake serves it: the ground truth for a field history (one record per
   * item, so a multi-value change is several).
   */
  public record FieldChange(String historyId, int position, Instant created, String authorAccountId, String fieldId,
      String field, String from, String fromText, String to, String toText) {}

  /** Every item of the issue's changelog, oldest entry first, as {@code changelog/bulkfetch} would list them. */
  public List<FieldChange> fieldChanges(String idOrKey) {
    return s.read(() -> {
      IssueRec is = s.requireIssue(idOrKey);
      List<FieldChange> out = new ArrayList<>();
      for (Map<String, Object> h : Render.histories("", s, is, 0, is.historyCount())) {
        Instant created = java.time.OffsetDateTime.parse((String) h.get("created"),
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
        Object author = h.get("author");
        String accountId = author instanceof Map<?, ?> m ? (String) m.get("accountId")
            : author instanceof Json.RawJson raw ? accountIdIn(raw.json()) : null;
        List<?> items = (List<?>) h.get("items");
        for (int i = 0; i < items.size(); i++) {
          Map<?, ?> it = (Map<?, ?>) items.get(i);
          out.add(new FieldChange((String) h.get("id"), i, created, accountId, (String) it.get("fieldId"),
              (String) it.get("field"), (String) it.get("from"), (String) it.get("fromString"), (String) it.get("to"),
              (String) it.get("toString")));
        }
      }
      return out;
    });
  }

  private static String accountIdIn(String userJson) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"accountId\":\"([^\"]*)\"").matcher(userJson);
    return m.find() ? m.group(1) : null;
  }

  /** The issue's labels. */
  public List<String> labels(String idOrKey) {
    return s.read(() -> List.copyOf(Render.labels(s, s.requireIssue(idOrKey))));
  }

  // ------------------------------------------------------------------ mutations

  /** Replaces the issue's labels; adds a changelog entry (one {@code labels} item, as Jira writes it); moves {@code updated}. */
  public void setLabels(String idOrKey, String... labels) {
    List<String> now = List.of(labels);
    s.write(() -> {
      IssueRec is = s.requireIssue(idOrKey);
      long at = SiteModel.bump(is, now());
      s.addHistory(is, 0, at, "labels", String.join(" ", Render.labels(s, is)), String.join(" ", now), null, null);
      is.labels = now;
      SiteModel.touch(is, at, now());
      return null;
    });
  }

  /**
   * Moves the issue to the status named {@code statusName} (one of the fake's statuses); adds a changelog entry;
   * moves {@code updated}.
   */
  public void transition(String idOrKey, String statusName) {
    s.write(() -> {
      IssueRec is = s.requireIssue(idOrKey);
      int to = -1;
      for (int i = 0; i < Render.STATUSES.length; i++) {
        if (Render.STATUSES[i][1].equalsIgnoreCase(statusName)) {
          to = i;
        }
      }
      if (to < 0) {
        throw new IllegalArgumentException("no status named " + statusName);
      }
      long at = SiteModel.bump(is, now());
      s.addHistory(is, 0, at, "status", Render.STATUSES[is.status][1], Render.STATUSES[to][1], Render.STATUSES[is.status][0],
          Render.STATUSES[to][0]);
      is.status = to;
      SiteModel.touch(is, at, now());
      return null;
    });
  }

  /** Changes the summary; adds a changelog entry; moves {@code updated}. */
  public void editIssue(String idOrKey, String summary) {
    Objects.requireNonNull(summary, "summary == null");
    s.write(() -> {
      FakeJiraCloud.editSummary(s, s.requireIssue(idOrKey), summary, 0, now());
      return null;
    });
  }

  /** Creates an issue (created = updated = now) and returns its id. */
  public String createIssue(String projectKey, String summary) {
    Objects.requireNonNull(summary, "summary == null");
    return s.write(() -> Long.toString(s.createIssue(s.requireProject(projectKey), summary, 0, now()).id));
  }

  /** Deletes an issue with its comments and worklogs (no tombstone, no changelog, no worklog/deleted entry). */
  public void deleteIssue(String idOrKey) {
    s.write(() -> {
      s.deleteIssue(s.requireIssue(idOrKey), now());
      return null;
    });
  }

  /** Moves an issue to another project: new key, same id; the old key keeps resolving. Returns the new key. */
  public String moveIssue(String idOrKey, String toProjectKey) {
    return s.write(() -> {
      IssueRec is = s.requireIssue(idOrKey);
      ProjectRec to = s.requireProject(toProjectKey);
      if (to == is.project) {
        return is.key();
      }
      String oldKey = is.key();
      String oldProject = is.project.key;
      is.project.issues.remove(is);
      is.project = to;
      is.num = to.nextNum++;
      to.issues.add(is);
      s.issuesByKey.put(is.key(), is);
      long at = SiteModel.bump(is, now());
      s.addHistory(is, 0, at, "Key", oldKey, is.key(), null, null);
      s.addHistory(is, 0, at, "project", oldProject, to.key, null, Long.toString(to.id));
      SiteModel.touch(is, at, now());
      return is.key();
    });
  }

  /** Adds a comment by the first user; returns its id. */
  public String addComment(String idOrKey, String text) {
    Objects.requireNonNull(text, "text == null");
    return s.write(() -> Long.toString(FakeJiraCloud.addCommentRec(s.requireIssue(idOrKey), 0,
        text.isEmpty() ? null : Render.adf(text), now())));
  }

  /** Deletes a comment; throws if it does not exist. */
  public void deleteComment(String idOrKey, String commentId) {
    s.write(() -> {
      if (!FakeJiraCloud.deleteCommentRec(s.requireIssue(idOrKey), Long.parseLong(commentId), now())) {
        throw new IllegalArgumentException("no comment " + commentId + " on " + idOrKey);
      }
      return null;
    });
  }

  /** Logs work (started now, updated now); returns the worklog id. */
  public String addWorklog(String idOrKey, Duration timeSpent) {
    Objects.requireNonNull(timeSpent, "timeSpent == null");
    return s.write(() -> {
      IssueRec is = s.requireIssue(idOrKey);
      long now = now();
      WorklogRec w = new WorklogRec(s.nextWorklogId++, is.id, 0, now, (int) Math.max(60, timeSpent.toSeconds()), now, now, "Logged by a test");
      s.addWorklogRec(is, w);
      SiteModel.touch(is, SiteModel.bump(is, now), now);
      return Long.toString(w.id);
    });
  }

  /** Deletes a worklog; it then appears in {@code worklog/deleted}. */
  public void deleteWorklog(String idOrKey, String worklogId) {
    s.write(() -> {
      IssueRec is = s.requireIssue(idOrKey);
      WorklogRec w = s.worklogsById.get(Long.parseLong(worklogId));
      if (w == null || w.issueId != is.id) {
        throw new IllegalArgumentException("no worklog " + worklogId + " on " + idOrKey);
      }
      long now = now();
      is.worklogs.remove(w);
      s.worklogs.remove(w);
      s.worklogsById.remove(w.id);
      s.deletedWorklogs.add(new SiteModel.DeletedWorklog(w.id, now));
      SiteModel.touch(is, SiteModel.bump(is, now), now);
      return null;
    });
  }

  /**
   * Archives issues as Jira Premium does ({@code PUT issue/archive}): they leave {@code search/jql},
   * {@code approximate-count} and the bulk reads like deleted ones, and the counts here, while
   * {@code GET issue/{id}} still answers them. Already archived ones are left as they are.
   */
  public void archiveIssues(String... idsOrKeys) {
    s.write(() -> {
      for (String id : idsOrKeys) {
        s.archiveIssue(s.requireIssue(id), now());
      }
      return null;
    });
  }

  /** Restores archived issues ({@code PUT issue/unarchive}): searchable again, with {@code updated} moved to now. */
  public void unarchiveIssues(String... idsOrKeys) {
    s.write(() -> {
      for (String id : idsOrKeys) {
        s.unarchiveIssue(s.requireIssue(id), now());
      }
      return null;
    });
  }

  /** Whether the issue is archived (a project's archiving does not archive its issues one by one). */
  public boolean issueArchived(String idOrKey) {
    return s.read(() -> s.requireIssue(idOrKey).archivedAt != 0);
  }

  /** Archives a project: it leaves {@code project/search?status=live} and search results; its issues stay unchanged. */
  public void archiveProject(String projectKey) {
    s.write(() -> {
      ProjectRec p = s.requireProject(projectKey);
      p.archived = true;
      p.archivedAt = now();
      return null;
    });
  }

  public void restoreProject(String projectKey) {
    s.write(() -> {
      s.requireProject(projectKey).archived = false;
      return null;
    });
  }

  /** From now on this account cannot see the project (search answers 400 for it, its issues 404). */
  public void revokeProjectAccess(String accountId, String projectKey) {
    s.write(() -> {
      ProjectRec p = s.requireProject(projectKey);
      s.revokedProjects.computeIfAbsent(accountId, k -> new HashSet<>()).add(p.id);
      return null;
    });
  }

  public void restoreProjectAccess(String accountId, String projectKey) {
    s.write(() -> {
      ProjectRec p = s.requireProject(projectKey);
      java.util.Set<Long> r = s.revokedProjects.get(accountId);
      if (r != null) {
        r.remove(p.id);
      }
      return null;
    });
  }

  @Override
  public String toString() {
    return "SiteData[" + s.site.name() + "]";
  }
}
