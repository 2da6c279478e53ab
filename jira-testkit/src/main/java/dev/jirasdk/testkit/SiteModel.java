package dev.jirasdk.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * All data of one simulated site. Issues are compact records; their JSON is derived on demand from a per-issue
 * seed. Readers hold {@link #lock}'s read lock, mutations the write lock; {@link #version} moves on every change.
 */
final class SiteModel {
  /**
   * Comment and changelog ids are {@code issueId * CHILD_ID_STRIDE + index}: unique as long as an issue has fewer
   * than 10,000 of each (Jira's own ceiling is 5,000 comments per issue). Was 1,000, which made the comments of an
   * issue with more than 1,000 collide with those of the next issue.
   */
  static final long CHILD_ID_STRIDE = 10_000;
  static final long MINUTE = 60_000L;
  static final long DAY = 86_400_000L;

  final int index;
  final FakeSite site;
  final long seed;
  final List<UserRec> users;
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  volatile long version;

  final List<ProjectRec> projects = new ArrayList<>();
  final Map<Long, IssueRec> issuesById = new HashMap<>();
  final Map<String, IssueRec> issuesByKey = new HashMap<>();
  final List<WorklogRec> worklogs = new ArrayList<>();
  final Map<Long, WorklogRec> worklogsById = new HashMap<>();
  final List<DeletedWorklog> deletedWorklogs = new ArrayList<>();
  final List<String> labels = new ArrayList<>();
  final List<GroupRec> groups = new ArrayList<>();
  final List<NamedRec> dashboards = new ArrayList<>();
  final List<NamedRec> filters = new ArrayList<>();
  /** accountId -> project keys the account may no longer see. */
  final Map<String, Set<Long>> revokedProjects = new HashMap<>();
  final Map<String, Object> snapshotCache = new ConcurrentHashMap<>();
  /** Boards, sprints, sprint membership and epics (Jira Software). */
  final AgileModel agile = new AgileModel();

  long nextIssueId = 10_000;
  long nextWorklogId = 10_000;
  long nextLinkId = 10_000;
  long nextProjectId = 10_000;

  record UserRec(int index, FakeUser user, String timeZone, boolean active) {}

  record GroupRec(String groupId, String name, List<Integer> members) {}

  record NamedRec(long id, String name, int owner, String extra) {}

  record ComponentRec(long id, String name, String description, int lead) {}

  record VersionRec(long id, String name, boolean released, boolean archived, String releaseDate) {}

  record LinkRec(long id, int type, long outwardIssueId, long inwardIssueId) {}

  record DeletedWorklog(long id, long deletedAt) {}

  /** A comment added through the mutation API; {@code body} is its ADF document (null for an empty comment). */
  record AddedComment(long id, int author, long created, Object body) {}

  /** A comment's body replaced through the API. */
  record EditedComment(Object body, int author, long updated) {}

  /** A changelog entry added by a mutation. */
  record AddedHistory(long id, int author, long created, String field, String fromText, String toText,
      String from, String to) {}

  static final class ProjectRec {
    final long id;
    final String key;
    final String name;
    final int lead;
    final String typeKey;
    final List<ComponentRec> components = new ArrayList<>();
    final List<VersionRec> versions = new ArrayList<>();
    final List<IssueRec> issues = new ArrayList<>();
    /** Archived issues: out of {@link #issues} (so out of search and counts), still readable by id or key. */
    final List<IssueRec> archivedIssues = new ArrayList<>();
    boolean archived;
    long archivedAt;
    int nextNum = 1;
    SiteModel site;

    long lagMs() {
      return site == null ? 0 : site.searchLagMs;
    }

    ProjectRec(long id, String key, String name, int lead, String typeKey) {
      this.id = id;
      this.key = key;
      this.name = name;
      this.lead = lead;
      this.typeKey = typeKey;
    }
  }

  static final class IssueRec {
    final long id;
    final long rnd;
    ProjectRec project;
    int num;
    final long created;
    long updated;
    int type;
    int status;
    int priority;
    int assignee;
    final int reporter;
    final boolean sparse;
    String summaryOverride;
    /** Set by an edit: {@link #description} replaces the generated one (null = no description). */
    boolean descriptionSet;
    Object description;
    /** Set by an edit: replaces the generated labels. */
    List<String> labels;
    /** Custom field values set by a create or an edit, by field id (a JSON null clears). */
    Map<String, Object> customValues;
    /** Comments whose body was replaced, by comment id. */
    Map<Long, EditedComment> editedComments;
    /** What search saw before the latest burst of changes ({@link Long#MIN_VALUE}: nothing pending; -1: not yet indexed). */
    long staleUpdated = Long.MIN_VALUE;
    /** When the issue was archived (fake clock), 0 if it is not. */
    long archivedAt;
    long lastTouched;
    final int baseComments;
    List<AddedComment> addedComments;
    Set<Long> deletedComments;
    final int baseHistories;
    List<AddedHistory> addedHistories;
    final int attachments;
    List<LinkRec> links;
    List<WorklogRec> worklogs;

    IssueRec(long id, long rnd, ProjectRec project, int num, long created, long updated, int type, int status,
        int priority, int assignee, int reporter, boolean sparse, int baseComments, int baseHistories,
        int attachments) {
      this.id = id;
      this.rnd = rnd;
      this.project = project;
      this.num = num;
      this.created = created;
      this.updated = updated;
      this.type = type;
      this.status = status;
      this.priority = priority;
      this.assignee = assignee;
      this.reporter = reporter;
      this.sparse = sparse;
      this.baseComments = baseComments;
      this.baseHistories = baseHistories;
      this.attachments = attachments;
    }

    String key() {
      return project.key + "-" + num;
    }

    int commentCount() {
      int n = baseComments + (addedComments == null ? 0 : addedComments.size());
      return n - (deletedComments == null ? 0 : deletedComments.size());
    }

    /** Whether a comment with this id exists (generated or added) and was not deleted. */
    boolean hasComment(long commentId) {
      int total = baseComments + (addedComments == null ? 0 : addedComments.size());
      long idx = commentId - id * CHILD_ID_STRIDE;
      return idx >= 0 && idx < total && (deletedComments == null || !deletedComments.contains(commentId));
    }

    int historyCount() {
      return baseHistories + (addedHistories == null ? 0 : addedHistories.size());
    }

    List<LinkRec> links() {
      return links == null ? List.of() : links;
    }

    List<WorklogRec> worklogs() {
      return worklogs == null ? List.of() : worklogs;
    }
  }

  static final class WorklogRec {
    final long id;
    final long issueId;
    final int author;
    final long started;
    final int seconds;
    final long created;
    final long updated;
    final String text;

    WorklogRec(long id, long issueId, int author, long started, int seconds, long created, long updated,
        String text) {
      this.id = id;
      this.issueId = issueId;
      this.author = author;
      this.started = started;
      this.seconds = seconds;
      this.created = created;
      this.updated = updated;
      this.text = text;
    }
  }

  SiteModel(int index, FakeSite site, long seed, List<UserRec> users) {
    this.index = index;
    this.site = site;
    this.seed = seed;
    this.users = users;
  }

  // ---------------------------------------------------------------- generation

  static long mix(long a, long b) {
    long z = a ^ (b * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static final String[] PROJECT_NAMES = {
    "Platform", "Mobile App", "Website", "Operations", "Data Pipeline", "Billing", "Identity", "Search",
    "Growth", "Support Desk", "Infrastructure", "Design System", "Analytics", "Payments", "Onboarding"
  };
  static final String[] PROJECT_KEYS = {
    "PLAT", "MOB", "WEB", "OPS", "DATA", "BILL", "IDN", "SRCH", "GRO", "SUP", "INFRA", "DS", "ANA", "PAY", "ONB"
  };
  static final String[] LABEL_POOL = {
    "backend", "frontend", "tech-debt", "security", "performance", "customer", "regression", "ux", "äöü",
    "日本語", "release-blocker", "needs-triage", "docs", "flaky", "infra", "q3", "q4", "accessibility"
  };

  void generate(Dataset d, long nowMs) {
    SplittableRandom r = new SplittableRandom(mix(seed, 1));
    for (int i = 0; i < d.labels; i++) {
      labels.add(i < LABEL_POOL.length ? LABEL_POOL[i] : "label-" + i);
    }
    String[] groupNames = {"jira-software-users", "site-admins", "developers", "product", "support", "qa"};
    for (int i = 0; i < d.groups; i++) {
      List<Integer> members = new ArrayList<>();
      for (int u = 0; u < users.size(); u++) {
        if (i == 0 || r.nextInt(3) == 0) {
          members.add(u);
        }
      }
      groups.add(new GroupRec(uuid(mix(seed, 100 + i)),
          i < groupNames.length ? groupNames[i] : "group-" + i, members));
    }
    int totalProjects = d.projects + d.archivedProjects;
    for (int p = 0; p < totalProjects; p++) {
      String key = p < PROJECT_KEYS.length ? PROJECT_KEYS[p] : "P" + p;
      String name = p < PROJECT_NAMES.length ? PROJECT_NAMES[p] : "Project " + p;
      String type = p % 5 == 3 ? "business" : (p % 7 == 5 ? "service_desk" : "software");
      ProjectRec pr = new ProjectRec(nextProjectId++, key, name, r.nextInt(users.size()), type);
      pr.site = this;
      for (int c = 0; c < d.componentsPerProject; c++) {
        String[] cn = {"API", "UI", "Database", "Integrations", "Notifications", "Reporting"};
        pr.components.add(new ComponentRec(10_000L + p * 100L + c, c < cn.length ? cn[c] : "Component " + c,
            c % 2 == 0 ? "Everything about " + (c < cn.length ? cn[c] : "component " + c) : "",
            r.nextInt(users.size())));
      }
      for (int v = 0; v < d.versionsPerProject; v++) {
        boolean released = v < d.versionsPerProject - 1;
        long rel = nowMs - (d.versionsPerProject - v) * 30 * DAY;
        pr.versions.add(new VersionRec(10_000L + p * 100L + v, "v" + (v + 1) + ".0", released, v == 0 && d.versionsPerProject > 2,
            Render.date(rel)));
      }
      projects.add(pr);
      int n = d.issuesPerProject;
      if (p >= d.projects) {
        n = Math.min(5, Math.max(1, d.issuesPerProject));
      } else if (index == 0 && p == 0 && d.largeProjectIssues > 0) {
        n = d.largeProjectIssues;
      }
      for (int i = 0; i < n; i++) {
        generateIssue(d, pr, nowMs);
      }
      if (p >= d.projects) {
        pr.archived = true;
        pr.archivedAt = nowMs - 3 * DAY;
      }
    }
    // links between random issues of the site
    if (d.linksPerIssue > 0 && issuesById.size() > 1) {
      List<IssueRec> all = new ArrayList<>(issuesById.values());
      all.sort((a, b) -> Long.compare(a.id, b.id));
      long links = Math.round(all.size() * d.linksPerIssue);
      for (long l = 0; l < links; l++) {
        IssueRec a = all.get(r.nextInt(all.size()));
        IssueRec b = all.get(r.nextInt(all.size()));
        if (a != b) {
          link(new LinkRec(nextLinkId++, r.nextInt(Render.LINK_TYPES.length), a.id, b.id), a, b);
        }
      }
    }
    for (int i = 0; i < d.dashboards; i++) {
      dashboards.add(new NamedRec(10_000 + i, i == 0 ? "Team overview" : "Dashboard " + (i + 1) + (i % 3 == 2 ? " — Überblick" : ""),
          r.nextInt(users.size()), ""));
    }
    for (int i = 0; i < d.filters; i++) {
      ProjectRec pr = projects.get(i % projects.size());
      filters.add(new NamedRec(10_000 + i, "Filter " + (i + 1) + " for " + pr.name, r.nextInt(users.size()),
          "project = " + pr.key + " ORDER BY updated DESC"));
    }
    agile.generate(this, d, nowMs);
  }

  private void link(LinkRec l, IssueRec a, IssueRec b) {
    if (a.links == null) {
      a.links = new ArrayList<>(2);
    }
    if (b.links == null) {
      b.links = new ArrayList<>(2);
    }
    a.links.add(l);
    b.links.add(l);
  }

  private void generateIssue(Dataset d, ProjectRec pr, long nowMs) {
    long id = nextIssueId++;
    int num = pr.nextNum++;
    long rnd = mix(seed, id);
    SplittableRandom r = new SplittableRandom(rnd);
    long created = nowMs - DAY - (long) (r.nextDouble() * 720 * DAY);
    long latest = nowMs - 5 * MINUTE;
    long updated = created + (long) (r.nextDouble() * r.nextDouble() * (latest - created));
    boolean heavy = d.heavyIssueEvery > 0 && num % d.heavyIssueEvery == 0;
    int comments = heavy ? 21 + r.nextInt(25) : r.nextInt(d.maxComments + 1);
    int histories = heavy ? 21 + r.nextInt(25) : r.nextInt(d.maxChangelog + 1);
    int attachments = r.nextInt(d.maxAttachments + 1);
    int nu = users.size();
    int assignee = r.nextInt(5) == 0 ? -1 : r.nextInt(nu);
    IssueRec is = new IssueRec(id, rnd, pr, num, created, updated, r.nextInt(4), r.nextInt(Render.STATUSES.length),
        r.nextInt(Render.PRIORITIES.length), assignee, r.nextInt(nu), r.nextInt(7) == 3, comments, histories,
        attachments);
    int wl = r.nextInt(d.maxWorklogs + 1);
    for (int w = 0; w < wl; w++) {
      long started = created + (long) (r.nextDouble() * (updated - created));
      long wcreated = Math.min(started + r.nextInt(3_600_000), updated);
      WorklogRec rec = new WorklogRec(nextWorklogId++, id, r.nextInt(nu), started, 900 * (1 + r.nextInt(16)),
          wcreated, wcreated, w % 4 == 3 ? "" : "Worked on " + Render.SUMMARY_OBJECTS[r.nextInt(Render.SUMMARY_OBJECTS.length)]);
      addWorklogRec(is, rec);
    }
    pr.issues.add(is);
    issuesById.put(id, is);
    issuesByKey.put(is.key(), is);
  }

  void addWorklogRec(IssueRec is, WorklogRec rec) {
    if (is.worklogs == null) {
      is.worklogs = new ArrayList<>(2);
    }
    is.worklogs.add(rec);
    worklogs.add(rec);
    worklogsById.put(rec.id, rec);
  }

  static String uuid(long bits) {
    long hi = mix(bits, 7);
    long lo = mix(bits, 13);
    hi = (hi & ~0xF000L) | 0x4000L;
    lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new java.util.UUID(hi, lo).toString();
  }

  // ---------------------------------------------------------------- lookups (call with read lock)

  ProjectRec project(String idOrKey) {
    for (ProjectRec p : projects) {
      if (p.key.equalsIgnoreCase(idOrKey) || Long.toString(p.id).equals(idOrKey)) {
        return p;
      }
    }
    return null;
  }

  IssueRec issue(String idOrKey) {
    if (idOrKey == null || idOrKey.isEmpty()) {
      return null;
    }
    IssueRec is;
    if (Character.isDigit(idOrKey.charAt(0))) {
      try {
        is = issuesById.get(Long.parseLong(idOrKey));
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      is = issuesByKey.get(idOrKey.toUpperCase(java.util.Locale.ROOT));
    }
    return is;
  }

  /** Whether the account may see this project's data (not archived, access not revoked). */
  boolean visible(String accountId, ProjectRec p) {
    if (p.archived) {
      return false;
    }
    return notRevoked(accountId, p);
  }

  boolean notRevoked(String accountId, ProjectRec p) {
    if (accountId == null) {
      return true;
    }
    Set<Long> revoked = revokedProjects.get(accountId);
    return revoked == null || !revoked.contains(p.id);
  }

  /** The issue if this account may see it, else null. */
  IssueRec visibleIssue(String accountId, String idOrKey) {
    IssueRec is = issue(idOrKey);
    return is != null && visible(accountId, is.project) ? is : null;
  }

  UserRec user(int idx) {
    return idx < 0 ? null : users.get(idx);
  }

  int userIndex(String accountId) {
    for (UserRec u : users) {
      if (u.user().accountId().equals(accountId)) {
        return u.index();
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- mutations (take the write lock themselves)

  interface Mutation<T> {
    T apply();
  }

  <T> T write(Mutation<T> m) {
    lock.writeLock().lock();
    try {
      T t = m.apply();
      version++;
      snapshotCache.clear();
      return t;
    } finally {
      lock.writeLock().unlock();
    }
  }

  <T> T read(Mutation<T> m) {
    lock.readLock().lock();
    try {
      return m.apply();
    } finally {
      lock.readLock().unlock();
    }
  }

  IssueRec requireIssue(String idOrKey) {
    IssueRec is = issue(idOrKey);
    if (is == null) {
      throw new IllegalArgumentException("no issue " + idOrKey + " on site " + site.name());
    }
    return is;
  }

  ProjectRec requireProject(String idOrKey) {
    ProjectRec p = project(idOrKey);
    if (p == null) {
      throw new IllegalArgumentException("no project " + idOrKey + " on site " + site.name());
    }
    return p;
  }

  /** The most changelog histories search/jql and bulkfetch embed per issue (40 as of 2026). */
  volatile int changelogCap = FakeJiraCloud.DEFAULT_EMBEDDED_CHANGELOG_CAP;

  /** Where {@code self} links point. */
  volatile SelfUrls selfUrls = SelfUrls.LOCAL_GATEWAY;

  /** Search index lag in ms (0 = search sees every change at once). */
  volatile long searchLagMs;

  /** How far {@code approximate-count} trails creations and deletions, in ms (0 = exact). */
  volatile long countLagMs;

  /** An issue deleted less than {@link #countLagMs} ago, which the approximate count still sees. */
  record DeletedIssue(ProjectRec project, long id, long updated, long created, long deletedAt) {}

  /** Deleted issues the approximate count may still count, oldest first (written under the site's write lock). */
  final List<DeletedIssue> recentlyDeleted = new ArrayList<>();

  /** Moves {@code updated} and remembers what the search index still shows during the lag. */
  static void touch(IssueRec is, long newUpdated, long now) {
    if (is.staleUpdated == Long.MIN_VALUE || now >= is.lastTouched + is.project.lagMs()) {
      is.staleUpdated = is.updated;
    }
    is.lastTouched = now;
    is.updated = newUpdated;
  }

  /** The {@code updated} search sees at {@code now}; -1 when the issue is not yet searchable. */
  long searchUpdated(IssueRec is, long now) {
    if (is.staleUpdated != Long.MIN_VALUE && now < is.lastTouched + searchLagMs) {
      return is.staleUpdated;
    }
    return is.updated;
  }

  /** The next update time: now, but strictly after the issue's current {@code updated}. */
  static long bump(IssueRec is, long now) {
    return Math.max(now, is.updated + 1);
  }

  void addHistory(IssueRec is, int author, long at, String field, String from, String to, String fromId, String toId) {
    if (is.addedHistories == null) {
      is.addedHistories = new ArrayList<>(2);
    }
    long hid = is.id * SiteModel.CHILD_ID_STRIDE + is.baseHistories + is.addedHistories.size();
    is.addedHistories.add(new AddedHistory(hid, author, at, field, from, to, fromId, toId));
  }

  IssueRec createIssue(ProjectRec pr, String summary, int reporter, long now) {
    long id = nextIssueId++;
    int num = pr.nextNum++;
    long rnd = mix(seed, id);
    IssueRec is = new IssueRec(id, rnd, pr, num, now, now, 0, 0, 2, -1, Math.max(0, reporter), false, 0, 0, 0);
    is.summaryOverride = summary;
    is.staleUpdated = -1;
    is.lastTouched = now;
    pr.issues.add(is);
    issuesById.put(id, is);
    issuesByKey.put(is.key(), is);
    return is;
  }

  /** Archives an issue: it leaves search, counts and bulk reads; {@code issue/{id}} still answers it. */
  void archiveIssue(IssueRec is, long now) {
    if (is.archivedAt != 0) {
      return;
    }
    is.project.issues.remove(is);
    is.project.archivedIssues.add(is);
    is.archivedAt = now;
  }

  /** Restores an archived issue; the fake records it as a change, so its {@code updated} moves to now. */
  void unarchiveIssue(IssueRec is, long now) {
    if (is.archivedAt == 0) {
      return;
    }
    is.project.archivedIssues.remove(is);
    List<IssueRec> list = is.project.issues;
    int at = 0;
    while (at < list.size() && list.get(at).id < is.id) {
      at++;
    }
    list.add(at, is);
    is.archivedAt = 0;
    touch(is, bump(is, now), now);
  }

  void deleteIssue(IssueRec is, long now) {
    if (countLagMs > 0) {
      recentlyDeleted.removeIf(d -> d.deletedAt() <= now - countLagMs);
      recentlyDeleted.add(new DeletedIssue(is.project, is.id, is.updated, is.created, now));
    }
    is.project.issues.remove(is);
    is.project.archivedIssues.remove(is);
    issuesById.remove(is.id);
    issuesByKey.values().removeIf(x -> x == is);
    for (WorklogRec w : is.worklogs()) {
      worklogs.remove(w);
      worklogsById.remove(w.id);
    }
    for (LinkRec l : is.links()) {
      IssueRec other = issuesById.get(l.outwardIssueId() == is.id ? l.inwardIssueId() : l.outwardIssueId());
      if (other != null && other.links != null) {
        other.links.remove(l);
      }
    }
  }

  /** Counts per entity type, as a sync of everything visible to an unrestricted account would store them. */
  Map<String, Long> counts() {
    Map<String, Long> m = new LinkedHashMap<>();
    long issues = 0;
    long comments = 0;
    long histories = 0;
    long attachments = 0;
    long worklogCount = 0;
    Set<Long> links = new HashSet<>();
    for (ProjectRec p : projects) {
      for (IssueRec is : p.issues) {
        issues++;
        comments += is.commentCount();
        histories += is.historyCount();
        attachments += is.attachments;
        worklogCount += is.worklogs().size();
        for (LinkRec l : is.links()) {
          links.add(l.id());
        }
      }
    }
    m.put("issues", issues);
    m.put("comments", comments);
    m.put("changelogs", histories);
    m.put("attachments", attachments);
    m.put("worklogs", worklogCount);
    m.put("issueLinks", (long) links.size());
    return m;
  }

  List<ProjectRec> projectsView() {
    return Collections.unmodifiableList(projects);
  }
}
