package dev.jirasdk.testkit;

import static dev.jirasdk.testkit.Json.arr;
import static dev.jirasdk.testkit.Json.obj;

import dev.jirasdk.testkit.SiteModel.AddedComment;
import dev.jirasdk.testkit.SiteModel.EditedComment;
import dev.jirasdk.testkit.SiteModel.AddedHistory;
import dev.jirasdk.testkit.SiteModel.ComponentRec;
import dev.jirasdk.testkit.SiteModel.IssueRec;
import dev.jirasdk.testkit.SiteModel.LinkRec;
import dev.jirasdk.testkit.SiteModel.ProjectRec;
import dev.jirasdk.testkit.SiteModel.UserRec;
import dev.jirasdk.testkit.SiteModel.VersionRec;
import dev.jirasdk.testkit.SiteModel.WorklogRec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** Turns site records into Jira REST v3 JSON trees. Call with the site's read lock held. */
final class Render {
  private static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  // id, name, description, category key, category id, color
  static final String[][] STATUSES = {
    {"10000", "To Do", "Work that has not started.", "new", "2", "blue-gray", "TODO"},
    {"3", "In Progress", "This issue is being actively worked on.", "indeterminate", "4", "yellow", "IN_PROGRESS"},
    {"10001", "In Review", "Waiting for a review.", "indeterminate", "4", "yellow", "IN_PROGRESS"},
    {"10002", "Done", "Work is finished.", "done", "3", "green", "DONE"},
  };
  static final String[][] PRIORITIES = {
    {"1", "Highest", "#d04437", "This problem will block progress."},
    {"2", "High", "#f15C75", "Serious problem that could block progress."},
    {"3", "Medium", "#f79232", "Has the potential to affect progress."},
    {"4", "Low", "#707070", "Minor problem or easily worked around."},
    {"5", "Lowest", "#999999", "Trivial problem with little or no impact on progress."},
  };
  static final String[][] ISSUE_TYPES = {
    {"10001", "Task", "A small, distinct piece of work.", "0"},
    {"10002", "Bug", "A problem or error.", "0"},
    {"10003", "Story", "A user story.", "0"},
    {"10004", "Epic", "A big user story that needs to be broken down.", "1"},
    {"10005", "Subtask", "A small piece of work that's part of a larger task.", "-1"},
  };
  static final String[][] RESOLUTIONS = {
    {"10000", "Done", "Work has been completed on this issue."},
    {"10001", "Won't Do", "This issue won't be actioned."},
    {"10002", "Duplicate", "The problem is a duplicate of an existing issue."},
    {"10003", "Cannot Reproduce", "All attempts at reproducing this issue failed."},
  };
  static final String[][] LINK_TYPES = {
    {"10000", "Blocks", "is blocked by", "blocks"},
    {"10001", "Cloners", "is cloned by", "clones"},
    {"10002", "Duplicate", "is duplicated by", "duplicates"},
    {"10003", "Relates", "relates to", "relates to"},
  };
  // id, name, type, custom type, items
  static final String[][] CUSTOM_FIELDS = {
    // Team-managed projects estimate with "Story point estimate", company-managed ones with "Story Points": both
    // fields exist on the site, with different ids; an issue has a value in the one of its project's style.
    {"customfield_10016", "Story point estimate", "number", "com.pyxis.greenhopper.jira:jsw-story-points", null},
    {"customfield_10028", "Story Points", "number", "com.atlassian.jira.plugin.system.customfieldtypes:float", null},
    {"customfield_10020", "Team", "option", "com.atlassian.jira.plugin.system.customfieldtypes:select", null},
    {"customfield_10015", "Start date", "date", "com.atlassian.jira.plugin.system.customfieldtypes:datepicker", null},
    {"customfield_10030", "Reviewer", "user", "com.atlassian.jira.plugin.system.customfieldtypes:userpicker", null},
    {"customfield_10031", "Release notes", "string", "com.atlassian.jira.plugin.system.customfieldtypes:textarea", null},
    {"customfield_10032", "Affected platforms", "array", "com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes", "option"},
    {"customfield_10033", "Customer reference", "string", "com.atlassian.jira.plugin.system.customfieldtypes:textfield", null},
    {"customfield_10034", "Go-live", "datetime", "com.atlassian.jira.plugin.system.customfieldtypes:datetime", null},
    {AgileModel.SPRINT_FIELD, "Sprint", "array", AgileModel.SPRINT_FIELD_TYPE, "json"},
  };
  // id, name, schema type, items, system, navigable
  static final String[][] SYSTEM_FIELDS = {
    {"summary", "Summary", "string", null, "summary"},
    {"status", "Status", "status", null, "status"},
    {"priority", "Priority", "priority", null, "priority"},
    {"issuetype", "Issue Type", "issuetype", null, "issuetype"},
    {"project", "Project", "project", null, "project"},
    {"assignee", "Assignee", "user", null, "assignee"},
    {"reporter", "Reporter", "user", null, "reporter"},
    {"creator", "Creator", "user", null, "creator"},
    {"created", "Created", "datetime", null, "created"},
    {"updated", "Updated", "datetime", null, "updated"},
    {"description", "Description", "string", null, "description"},
    {"labels", "Labels", "array", "string", "labels"},
    {"components", "Components", "array", "component", "components"},
    {"fixVersions", "Fix versions", "array", "version", "fixVersions"},
    {"resolution", "Resolution", "resolution", null, "resolution"},
    {"resolutiondate", "Resolved", "datetime", null, "resolutiondate"},
    {"duedate", "Due date", "date", null, "duedate"},
    {"comment", "Comment", "comments-page", null, "comment"},
    {"worklog", "Log Work", "array", "worklog", "worklog"},
    {"attachment", "Attachment", "array", "attachment", "attachment"},
    {"issuelinks", "Linked Issues", "array", "issuelinks", "issuelinks"},
    {"watches", "Watchers", "watches", null, "watches"},
    {"votes", "Votes", "votes", null, "votes"},
    {"environment", "Environment", "string", null, "environment"},
    {"timetracking", "Time tracking", "timetracking", null, "timetracking"},
  };
  static final String[] TEAMS = {"Falcon", "Kestrel", "Osprey", "Équipe Bleue"};
  static final String[] PLATFORMS = {"iOS", "Android", "Web", "Desktop"};
  static final String[] SUMMARY_VERBS = {"Fix", "Add", "Improve", "Remove", "Investigate", "Refactor", "Document", "Migrate"};
  static final String[] SUMMARY_OBJECTS = {
    "login timeout", "CSV export", "search results paging", "billing webhook", "dark mode toggle", "password reset email",
    "API rate limiting", "dashboard loading spinner", "audit log retention", "SSO configuration", "invoice PDF layout",
    "notification preferences"
  };
  static final String[] SUMMARY_PLACES = {"on mobile", "for admins", "in Safari", "after upgrade", "in the EU region", "", "under load"};
  static final String[] UNICODE_SUMMARIES = {
    "Überprüfung der Zahlungsmaske schlägt fehl", "修复登录超时问题", "تحديث صفحة الإعدادات", "Emoji 🚀 in release notes break export",
    "Ça ne marche pas — « guillemets »", "Ελληνικά characters in titles", "Line\nbreak and \"quotes\" in summary"
  };
  static final String[] COMMENT_TEXTS = {
    "I can reproduce this on the latest build.", "Looks good to me, merging.", "Can we add a test for this?",
    "Blocked by the upstream change, see linked issue.", "Déployé en production ✅", "已确认，下周修复。",
    "Closing as duplicate.", "Customer confirmed the fix works."
  };

  private Render() {}

  static String time(long ms) {
    return JIRA_TIME.format(Instant.ofEpochMilli(ms));
  }

  static String date(long ms) {
    return DATE.format(Instant.ofEpochMilli(ms));
  }

  static String avatar(String accountId, int size) {
    return "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/" + accountId + "/" + size + ".png";
  }

  static Map<String, Object> avatarUrls(String accountId) {
    return obj("48x48", avatar(accountId, 48), "24x24", avatar(accountId, 24), "16x16", avatar(accountId, 16),
        "32x32", avatar(accountId, 32));
  }

  private static final java.util.concurrent.ConcurrentHashMap<String, Json.RawJson> USER_JSON =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The same user object pre-serialized and cached: users repeat in every issue, comment and history. */
  static Object userRef(String base, UserRec u) {
    if (u == null) {
      return null;
    }
    String key = base + "|" + u.user().accountId() + "|" + u.index();
    Json.RawJson raw = USER_JSON.get(key);
    if (raw == null) {
      if (USER_JSON.size() > 10_000) {
        USER_JSON.clear();
      }
      raw = new Json.RawJson(Json.string(user(base, u)));
      USER_JSON.put(key, raw);
    }
    return raw;
  }

  /** Full user object (issue fields, users/search, myself). */
  static Map<String, Object> user(String base, UserRec u) {
    if (u == null) {
      return null;
    }
    FakeUser f = u.user();
    Map<String, Object> m = obj("self", base + "/rest/api/3/user?accountId=" + f.accountId(), "accountId", f.accountId(),
        "accountType", "atlassian");
    if (u.index() % 4 != 3) {
      m.put("emailAddress", f.email());
    }
    m.put("avatarUrls", avatarUrls(f.accountId()));
    m.put("displayName", f.displayName());
    m.put("active", u.active());
    m.put("timeZone", u.timeZone());
    return m;
  }

  static String summary(IssueRec is) {
    if (is.summaryOverride != null) {
      return is.summaryOverride;
    }
    SplittableRandom r = new SplittableRandom(is.rnd ^ 0x5EED);
    if (r.nextInt(9) == 4) {
      return UNICODE_SUMMARIES[r.nextInt(UNICODE_SUMMARIES.length)];
    }
    String place = SUMMARY_PLACES[r.nextInt(SUMMARY_PLACES.length)];
    return SUMMARY_VERBS[r.nextInt(SUMMARY_VERBS.length)] + " " + SUMMARY_OBJECTS[r.nextInt(SUMMARY_OBJECTS.length)]
        + (place.isEmpty() ? "" : " " + place);
  }

  static Map<String, Object> adf(String... paragraphs) {
    List<Object> content = new ArrayList<>();
    for (String p : paragraphs) {
      if (p.isEmpty()) {
        continue;
      }
      content.add(obj("type", "paragraph", "content", arr(obj("type", "text", "text", p))));
    }
    return obj("type", "doc", "version", 1, "content", content);
  }

  static Map<String, Object> status(String base, int i) {
    String[] s = STATUSES[i];
    return obj("self", base + "/rest/api/3/status/" + s[0], "description", s[2], "iconUrl", base + "/images/icons/statuses/generic.png",
        "name", s[1], "id", s[0], "statusCategory", obj("self", base + "/rest/api/3/statuscategory/" + s[4],
            "id", Integer.parseInt(s[4]), "key", s[3], "colorName", s[5], "name", s[6].equals("TODO") ? "To Do" : s[6].equals("DONE") ? "Done" : "In Progress"));
  }

  static Map<String, Object> priority(String base, int i) {
    String[] p = PRIORITIES[i];
    return obj("self", base + "/rest/api/3/priority/" + p[0], "iconUrl", base + "/images/icons/priorities/" + p[1].toLowerCase() + ".svg",
        "name", p[1], "id", p[0]);
  }

  static Map<String, Object> issueType(String base, int i) {
    String[] t = ISSUE_TYPES[i];
    return obj("self", base + "/rest/api/3/issuetype/" + t[0], "id", t[0], "description", t[2],
        "iconUrl", base + "/rest/api/2/universal_avatar/view/type/issuetype/avatar/1031" + i + "?size=medium", "name", t[1],
        "subtask", t[3].equals("-1"), "avatarId", 10310 + i, "hierarchyLevel", Integer.parseInt(t[3]));
  }

  static Map<String, Object> resolution(String base, int i) {
    String[] t = RESOLUTIONS[i];
    return obj("self", base + "/rest/api/3/resolution/" + t[0], "id", t[0], "description", t[2], "name", t[1]);
  }

  static Map<String, Object> projectRef(String base, ProjectRec p) {
    return obj("self", base + "/rest/api/3/project/" + p.id, "id", Long.toString(p.id), "key", p.key, "name", p.name,
        "projectTypeKey", p.typeKey, "simplified", false, "avatarUrls", projectAvatars(base, p));
  }

  static Map<String, Object> projectAvatars(String base, ProjectRec p) {
    String a = base + "/rest/api/3/universal_avatar/view/type/project/avatar/10400?size=";
    return obj("48x48", a + "large", "24x24", a + "small", "16x16", a + "xsmall", "32x32", a + "medium");
  }

  /** Every second project (odd ids) is team-managed ("next-gen"), the others company-managed ("classic"). */
  static boolean teamManaged(ProjectRec p) {
    return p.id % 2 == 1;
  }

  /**
   * The labels of an issue: those an edit set, else generated from the issue's own random stream (so that JQL
   * {@code labels = x} and the rendered issue agree whatever fields are asked for).
   */
  static List<String> labels(SiteModel s, IssueRec is) {
    if (is.labels != null) {
      return is.labels;
    }
    List<String> labels = new ArrayList<>();
    if (!is.sparse && !s.labels.isEmpty()) {
      SplittableRandom r = new SplittableRandom(is.rnd ^ 0x1ABE1L);
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        String l = s.labels.get(r.nextInt(s.labels.size()));
        if (!labels.contains(l)) {
          labels.add(l);
        }
      }
    }
    return labels;
  }

  static Map<String, Object> project(String base, SiteModel s, ProjectRec p) {
    Map<String, Object> m = obj("expand", "description,lead,issueTypes,url,projectKeys,permissions,insight",
        "self", base + "/rest/api/3/project/" + p.id, "id", Long.toString(p.id), "key", p.key, "name", p.name,
        "avatarUrls", projectAvatars(base, p), "projectTypeKey", p.typeKey, "simplified", teamManaged(p), "style", teamManaged(p) ? "next-gen" : "classic",
        "isPrivate", false, "properties", obj(), "entityId", null);
    m.remove("entityId");
    if (p.archived) {
      m.put("archived", true);
      m.put("archivedDate", time(p.archivedAt));
      m.put("archivedBy", user(base, s.user(p.lead)));
    }
    m.put("insight", obj("totalIssueCount", p.issues.size(), "lastIssueUpdateTime", time(lastUpdate(p))));
    return m;
  }

  static long lastUpdate(ProjectRec p) {
    long max = 0;
    for (IssueRec is : p.issues) {
      max = Math.max(max, is.updated);
    }
    return max;
  }

  static Map<String, Object> component(String base, ProjectRec p, ComponentRec c, SiteModel s, boolean withCount) {
    Map<String, Object> m = obj("self", base + "/rest/api/3/component/" + c.id(), "id", Long.toString(c.id()),
        "name", c.name());
    if (!c.description().isEmpty()) {
      m.put("description", c.description());
    }
    m.put("lead", user(base, s.user(c.lead())));
    m.put("assigneeType", "PROJECT_DEFAULT");
    m.put("realAssigneeType", "PROJECT_DEFAULT");
    m.put("isAssigneeTypeValid", false);
    m.put("project", p.key);
    m.put("projectId", p.id);
    if (withCount) {
      long n = 0;
      for (IssueRec is : p.issues) {
        if (componentOf(is, p) == c) {
          n++;
        }
      }
      m.put("issueCount", n);
    }
    return m;
  }

  static Map<String, Object> version(String base, ProjectRec p, VersionRec v) {
    return obj("self", base + "/rest/api/3/version/" + v.id(), "id", Long.toString(v.id()), "name", v.name(),
        "archived", v.archived(), "released", v.released(), "releaseDate", v.releaseDate(), "projectId", p.id);
  }

  static ComponentRec componentOf(IssueRec is, ProjectRec p) {
    if (p.components.isEmpty() || is.sparse) {
      return null;
    }
    int k = (int) Math.floorMod(is.rnd >>> 7, (long) p.components.size() + 1);
    return k == p.components.size() ? null : p.components.get(k);
  }

  /** Which fields to render. */
  record FieldSet(boolean all, boolean navigable, Set<String> include, Set<String> exclude) {
    boolean idOnly() {
      return !all && !navigable && include.stream().allMatch(f -> f.equals("id") || f.equals("key"));
    }

    boolean has(String field, boolean isNavigable) {
      if (exclude.contains(field)) {
        return false;
      }
      return all || (navigable && isNavigable) || include.contains(field);
    }

    boolean wantsKey() {
      return !idOnly() || include.contains("key");
    }

    static FieldSet parse(List<String> raw, String dflt) {
      Set<String> inc = new java.util.LinkedHashSet<>();
      Set<String> exc = new java.util.HashSet<>();
      boolean all = false;
      boolean nav = false;
      List<String> tokens = new ArrayList<>();
      for (String r : raw) {
        for (String t : r.split(",")) {
          if (!t.isBlank()) {
            tokens.add(t.trim());
          }
        }
      }
      if (tokens.isEmpty()) {
        tokens.add(dflt);
      }
      for (String t : tokens) {
        if (t.equals("*all")) {
          all = true;
        } else if (t.equals("*navigable")) {
          nav = true;
        } else if (t.startsWith("-")) {
          exc.add(t.substring(1));
        } else {
          inc.add(t);
        }
      }
      return new FieldSet(all, nav, inc, exc);
    }
  }

  /**
   * An issue as search/jql, bulkfetch and issue GET render it.
   *
   * @param embedCap the most comments, worklogs and changelog entries embedded
   */
  static Map<String, Object> issue(String base, SiteModel s, IssueRec is, FieldSet fs, boolean changelog, int embedCap) {
    return issue(base, s, is, fs, changelog, embedCap, embedCap);
  }

  /**
   * @param embedCap the most comments and worklogs embedded (20 in search results)
   * @param changelogCap the most changelog histories embedded (40 in search results since 2026, 20 before)
   */
  static Map<String, Object> issue(String base, SiteModel s, IssueRec is, FieldSet fs, boolean changelog, int embedCap,
      int changelogCap) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    if (fs.idOnly()) {
      m.put("id", Long.toString(is.id));
      if (fs.include().contains("key")) {
        m.put("key", is.key());
      }
      if (changelog) {
        m.put("changelog", changelogPage(base, s, is, changelogCap));
      }
      return m;
    }
    m.put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations");
    m.put("id", Long.toString(is.id));
    m.put("self", base + "/rest/api/3/issue/" + is.id);
    m.put("key", is.key());
    Map<String, Object> f = new java.util.LinkedHashMap<>();
    SplittableRandom r = new SplittableRandom(is.rnd ^ 0xF1E1D5L);
    ProjectRec p = is.project;
    if (fs.has("summary", true)) {
      f.put("summary", summary(is));
    }
    if (fs.has("issuetype", true)) {
      f.put("issuetype", issueType(base, is.type));
    }
    if (fs.has("status", true)) {
      f.put("status", status(base, is.status));
    }
    if (fs.has("priority", true)) {
      f.put("priority", priority(base, is.priority));
    }
    if (fs.has("project", true)) {
      f.put("project", projectRef(base, p));
    }
    if (fs.has("assignee", true)) {
      f.put("assignee", userRef(base, s.user(is.assignee)));
    }
    if (fs.has("reporter", true)) {
      f.put("reporter", userRef(base, s.user(is.reporter)));
    }
    if (fs.has("creator", true)) {
      f.put("creator", userRef(base, s.user(is.reporter)));
    }
    if (fs.has("created", true)) {
      f.put("created", time(is.created));
    }
    if (fs.has("updated", true)) {
      f.put("updated", time(is.updated));
    }
    boolean done = STATUSES[is.status][6].equals("DONE");
    if (fs.has("resolution", true)) {
      f.put("resolution", done ? resolution(base, (int) Math.floorMod(is.rnd, 4L)) : null);
    }
    if (fs.has("resolutiondate", true)) {
      f.put("resolutiondate", done ? time(is.updated) : null);
    }
    if (fs.has("description", true) && is.descriptionSet) {
      f.put("description", is.description);
    } else if (fs.has("description", true)) {
      f.put("description", is.sparse ? null : adf(summary(is) + ".",
          "Steps to reproduce: open the " + SUMMARY_OBJECTS[r.nextInt(SUMMARY_OBJECTS.length)] + " page and wait.",
          r.nextBoolean() ? "Expected: it works. Actual: it does not. 🙃" : ""));
    }
    if (fs.has("labels", true)) {
      f.put("labels", new ArrayList<Object>(labels(s, is)));
    }
    if (fs.has("components", true)) {
      ComponentRec c = componentOf(is, p);
      f.put("components", c == null ? arr() : arr(obj("self", base + "/rest/api/3/component/" + c.id(),
          "id", Long.toString(c.id()), "name", c.name())));
    }
    if (fs.has("fixVersions", true)) {
      List<Object> fv = new ArrayList<>();
      if (!p.versions.isEmpty() && !is.sparse && r.nextBoolean()) {
        VersionRec v = p.versions.get(r.nextInt(p.versions.size()));
        fv.add(obj("self", base + "/rest/api/3/version/" + v.id(), "id", Long.toString(v.id()), "name", v.name(),
            "archived", v.archived(), "released", v.released(), "releaseDate", v.releaseDate()));
      }
      f.put("fixVersions", fv);
    }
    if (fs.has("duedate", true)) {
      f.put("duedate", is.sparse || r.nextInt(3) > 0 ? null : date(is.created + 14 * SiteModel.DAY));
    }
    if (fs.has("parent", true)) {
      Object parent = s.agile.parentField(base, s, is);
      if (parent != null) {
        f.put("parent", parent);
      }
    }
    if (fs.has("environment", true)) {
      f.put("environment", null);
    }
    if (fs.has("watches", true)) {
      f.put("watches", obj("self", base + "/rest/api/3/issue/" + is.key() + "/watchers", "watchCount", 1 + r.nextInt(4), "isWatching", false));
    }
    if (fs.has("votes", true)) {
      f.put("votes", obj("self", base + "/rest/api/3/issue/" + is.key() + "/votes", "votes", r.nextInt(3), "hasVoted", false));
    }
    if (fs.has("timetracking", false)) {
      int spent = 0;
      for (WorklogRec w : is.worklogs()) {
        spent += w.seconds;
      }
      f.put("timetracking", spent == 0 ? obj() : obj("timeSpent", duration(spent), "timeSpentSeconds", spent));
    }
    if (fs.has("attachment", true)) {
      List<Object> att = new ArrayList<>();
      for (int i = 0; i < is.attachments; i++) {
        long aid = is.id * 10 + i;
        String name = i % 3 == 2 ? "Bildschirmfoto " + (i + 1) + ".png" : "attachment-" + (i + 1) + (i % 2 == 0 ? ".log" : ".png");
        att.add(obj("self", base + "/rest/api/3/attachment/" + aid, "id", Long.toString(aid), "filename", name,
            "author", userRef(base, s.user(is.reporter)), "created", time(is.created + i * 60_000L),
            "size", 1_000 + Math.floorMod(is.rnd >>> i, 900_000L), "mimeType", name.endsWith(".png") ? "image/png" : "text/plain",
            "content", base + "/rest/api/3/attachment/content/" + aid));
      }
      f.put("attachment", att);
    }
    if (fs.has("issuelinks", true)) {
      List<Object> links = new ArrayList<>();
      for (LinkRec l : is.links()) {
        String[] t = LINK_TYPES[l.type()];
        Map<String, Object> lm = obj("id", Long.toString(l.id()), "self", base + "/rest/api/3/issueLink/" + l.id(),
            "type", obj("id", t[0], "name", t[1], "inward", t[2], "outward", t[3], "self", base + "/rest/api/3/issueLinkType/" + t[0]));
        boolean outward = l.outwardIssueId() == is.id;
        IssueRec other = s.issuesById.get(outward ? l.inwardIssueId() : l.outwardIssueId());
        if (other == null) {
          continue;
        }
        lm.put(outward ? "outwardIssue" : "inwardIssue", obj("id", Long.toString(other.id), "key", other.key(),
            "self", base + "/rest/api/3/issue/" + other.id, "fields", obj("summary", summary(other),
                "status", status(base, other.status), "priority", priority(base, other.priority),
                "issuetype", issueType(base, other.type))));
        links.add(lm);
      }
      f.put("issuelinks", links);
    }
    if (fs.has("comment", false)) {
      List<Map<String, Object>> cs = comments(base, s, is, 0, embedCap);
      f.put("comment", obj("comments", cs, "self", base + "/rest/api/3/issue/" + is.id + "/comment",
          "maxResults", cs.size(), "total", is.commentCount(), "startAt", 0));
    }
    if (fs.has("worklog", false)) {
      List<Object> ws = new ArrayList<>();
      for (WorklogRec w : is.worklogs()) {
        if (ws.size() >= embedCap) {
          break;
        }
        ws.add(worklog(base, s, w));
      }
      f.put("worklog", obj("startAt", 0, "maxResults", embedCap, "total", is.worklogs().size(), "worklogs", ws));
    }
    customFields(base, s, is, fs, f, r);
    m.put("fields", f);
    if (changelog) {
      m.put("changelog", changelogPage(base, s, is, embedCap));
    }
    return m;
  }

  private static void customFields(String base, SiteModel s, IssueRec is, FieldSet fs, Map<String, Object> f, SplittableRandom r) {
    boolean empty = is.sparse;
    for (String[] cf : CUSTOM_FIELDS) {
      if (!fs.has(cf[0], true)) {
        continue;
      }
      if (cf[0].equals(AgileModel.SPRINT_FIELD)) {
        f.put(cf[0], s.agile.sprintField(base, is));
        continue;
      }
      Object v;
      int pick = r.nextInt(100);
      if (empty || pick < 15) {
        v = cf[2].equals("array") ? null : null;
      } else {
        v = switch (cf[0]) {
          case "customfield_10016" -> teamManaged(is.project) ? (double) (1 + pick % 13) : null;
          case "customfield_10028" -> teamManaged(is.project) ? null : (double) (1 + pick % 13);
          case "customfield_10020" -> obj("self", base + "/rest/api/3/customFieldOption/" + (10100 + pick % TEAMS.length),
              "value", TEAMS[pick % TEAMS.length], "id", Integer.toString(10100 + pick % TEAMS.length));
          case "customfield_10015" -> date(is.created + (pick % 10) * SiteModel.DAY);
          case "customfield_10030" -> userRef(base, s.user(pick % s.users.size()));
          case "customfield_10031" -> pick % 5 == 0 ? adf() : adf("Release note for " + is.key() + ": " + summary(is));
          case "customfield_10032" -> {
            List<Object> opts = new ArrayList<>();
            for (int i = 0; i < PLATFORMS.length; i++) {
              if (((pick >> i) & 1) == 1) {
                opts.add(obj("self", base + "/rest/api/3/customFieldOption/" + (10200 + i), "value", PLATFORMS[i],
                    "id", Integer.toString(10200 + i)));
              }
            }
            yield opts;
          }
          case "customfield_10033" -> pick % 4 == 0 ? "" : "CUST-" + (1000 + pick) + (pick % 7 == 0 ? " / Größe ≥ 10" : "");
          case "customfield_10034" -> time(is.created + pick * 3_600_000L);
          default -> null;
        };
      }
      f.put(cf[0], is.customValues != null && is.customValues.containsKey(cf[0]) ? is.customValues.get(cf[0]) : v);
    }
  }

  static String duration(int seconds) {
    int h = seconds / 3600;
    int m = (seconds % 3600) / 60;
    if (h > 0 && m > 0) {
      return h + "h " + m + "m";
    }
    return h > 0 ? h + "h" : m + "m";
  }

  /** A comment as the comment endpoints render it, derived from the issue seed or a mutation record. */
  static List<Map<String, Object>> comments(String base, SiteModel s, IssueRec is, int startAt, int max) {
    List<Map<String, Object>> out = new ArrayList<>();
    int seen = 0;
    int total = is.baseComments + (is.addedComments == null ? 0 : is.addedComments.size());
    for (int i = 0; i < total && out.size() < max; i++) {
      long cid = is.id * SiteModel.CHILD_ID_STRIDE + i;
      if (is.deletedComments != null && is.deletedComments.contains(cid)) {
        continue;
      }
      if (seen++ < startAt) {
        continue;
      }
      if (i < is.baseComments) {
        SplittableRandom r = new SplittableRandom(SiteModel.mix(is.rnd, 1000 + i));
        long span = Math.max(1, is.updated - is.created);
        long created = is.created + span * (i + 1) / (is.baseComments + 1);
        UserRec author = s.user(r.nextInt(s.users.size()));
        String text = r.nextInt(12) == 0 ? "" : COMMENT_TEXTS[r.nextInt(COMMENT_TEXTS.length)];
        out.add(comment(base, s, is, cid, author, created, text.isEmpty() ? null : adf(text)));
      } else {
        AddedComment c = is.addedComments.get(i - is.baseComments);
        out.add(comment(base, s, is, c.id(), s.user(c.author()), c.created(), c.body()));
      }
    }
    return out;
  }

  /** One comment; an edit recorded in {@code is.editedComments} replaces its body, update author and time. */
  static Map<String, Object> comment(String base, SiteModel s, IssueRec is, long cid, UserRec author, long created,
      Object body) {
    Object au = userRef(base, author);
    Object updateAuthor = au;
    long updated = created;
    EditedComment edit = is.editedComments == null ? null : is.editedComments.get(cid);
    if (edit != null) {
      body = edit.body();
      updateAuthor = userRef(base, s.user(edit.author()));
      updated = edit.updated();
    }
    return obj("self", base + "/rest/api/3/issue/" + is.id + "/comment/" + cid, "id", Long.toString(cid),
        "author", au, "body", body == null ? adf() : body, "updateAuthor", updateAuthor, "created", time(created),
        "updated", time(updated), "jsdPublic", true);
  }

  static Map<String, Object> worklog(String base, SiteModel s, WorklogRec w) {
    Object au = userRef(base, s.user(w.author));
    Map<String, Object> m = obj("self", base + "/rest/api/3/issue/" + w.issueId + "/worklog/" + w.id, "author", au,
        "updateAuthor", au);
    if (!w.text.isEmpty()) {
      m.put("comment", adf(w.text));
    }
    m.put("created", time(w.created));
    m.put("updated", time(w.updated));
    m.put("started", time(w.started));
    m.put("timeSpent", duration(w.seconds));
    m.put("timeSpentSeconds", w.seconds);
    m.put("id", Long.toString(w.id));
    m.put("issueId", Long.toString(w.issueId));
    return m;
  }

  static Map<String, Object> changelogPage(String base, SiteModel s, IssueRec is, int cap) {
    List<Map<String, Object>> h = histories(base, s, is, 0, cap);
    return obj("startAt", 0, "maxResults", h.size(), "total", is.historyCount(), "histories", h);
  }

  static List<Map<String, Object>> histories(String base, SiteModel s, IssueRec is, int startAt, int max) {
    List<Map<String, Object>> out = new ArrayList<>();
    int total = is.historyCount();
    for (int i = startAt; i < total && out.size() < max; i++) {
      out.add(history(base, s, is, i));
    }
    return out;
  }

  /** The spec types change items' from/to as plain strings: absent values are left out rather than null. */
  static Map<String, Object> item(Object... kv) {
    Map<String, Object> m = obj(kv);
    m.values().removeIf(java.util.Objects::isNull);
    return m;
  }

  static Map<String, Object> history(String base, SiteModel s, IssueRec is, int i) {
    if (i >= is.baseHistories) {
      AddedHistory h = is.addedHistories.get(i - is.baseHistories);
      return obj("id", Long.toString(h.id()), "author", userRef(base, s.user(h.author())), "created", time(h.created()),
          "items", arr(item("field", h.field(), "fieldtype", "jira", "fieldId", h.field(), "from", h.from(),
              "fromString", h.fromText(), "to", h.to(), "toString", h.toText())));
    }
    SplittableRandom r = new SplittableRandom(SiteModel.mix(is.rnd, 5000 + i));
    long span = Math.max(1, is.updated - is.created);
    long created = is.created + span * (i + 1) / (is.baseHistories + 1);
    Map<String, Object> item;
    Map<String, Object> second = null;
    switch (r.nextInt(4)) {
      case 0 -> {
        int from = r.nextInt(STATUSES.length);
        int to = (from + 1) % STATUSES.length;
        item = item("field", "status", "fieldtype", "jira", "fieldId", "status", "from", STATUSES[from][0],
            "fromString", STATUSES[from][1], "to", STATUSES[to][0], "toString", STATUSES[to][1]);
      }
      case 1 -> {
        UserRec u = s.user(r.nextInt(s.users.size()));
        item = item("field", "assignee", "fieldtype", "jira", "fieldId", "assignee", "from", null, "fromString", null,
            "to", u.user().accountId(), "toString", u.user().displayName());
      }
      case 2 -> item = item("field", "labels", "fieldtype", "jira", "fieldId", "labels", "from", null, "fromString", "",
          "to", null, "toString", s.labels.isEmpty() ? "" : s.labels.get(r.nextInt(s.labels.size())));
      default -> {
        // A multi-value change: two components added in one entry are two items, as Jira writes them.
        List<ComponentRec> comps = is.project.components;
        if (comps.size() < 2) {
          item = item("field", "labels", "fieldtype", "jira", "fieldId", "labels", "from", null, "fromString", "",
              "to", null, "toString", s.labels.isEmpty() ? "" : s.labels.get(r.nextInt(s.labels.size())));
        } else {
          int k = r.nextInt(comps.size() - 1);
          ComponentRec a = comps.get(k);
          ComponentRec b = comps.get(k + 1);
          item = item("field", "Component", "fieldtype", "jira", "fieldId", "components", "from", null, "fromString", null,
              "to", Long.toString(a.id()), "toString", a.name());
          second = item("field", "Component", "fieldtype", "jira", "fieldId", "components", "from", null, "fromString",
              null, "to", Long.toString(b.id()), "toString", b.name());
        }
      }
    }
    return obj("id", Long.toString(is.id * SiteModel.CHILD_ID_STRIDE + i), "author", userRef(base, s.user(r.nextInt(s.users.size()))),
        "created", time(created), "items", second == null ? arr(item) : arr(item, second));
  }
}
