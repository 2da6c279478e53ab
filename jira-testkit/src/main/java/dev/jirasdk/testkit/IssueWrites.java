package dev.jirasdk.testkit;

import static dev.jirasdk.testkit.Json.arr;
import static dev.jirasdk.testkit.Json.obj;

import dev.jirasdk.testkit.Exchange.Resp;
import dev.jirasdk.testkit.JiraApi.BadRequest;
import dev.jirasdk.testkit.JiraApi.Ctx;
import dev.jirasdk.testkit.SiteModel.EditedComment;
import dev.jirasdk.testkit.SiteModel.IssueRec;
import dev.jirasdk.testkit.SiteModel.ProjectRec;
import dev.jirasdk.testkit.SiteModel.UserRec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The write endpoints of the simulated Jira: create, edit, delete and transition issues, assign them, and add,
 * edit or delete comments. Every change becomes part of the site's state (later reads and searches see it), moves
 * the issue's {@code updated} and, like Jira, leaves a changelog entry per changed field. Stateless.
 *
 * <p>Fields a create or an edit may set: {@code summary}, {@code description} (an ADF document or null),
 * {@code issuetype}, {@code priority} ({@code id} or {@code name}), {@code assignee} ({@code accountId} or null),
 * {@code labels} and the site's custom fields; anything else is refused with Jira's "cannot be set" error.
 */
final class IssueWrites {
  /** The simplified workflow: one global transition into each status, id {@code 11 + 10 × status index}. */
  static String transitionId(int status) {
    return Integer.toString(11 + 10 * status);
  }

  private IssueWrites() {}

  static Resp create(Ctx c, Map<String, Object> body) {
    Map<String, Object> fields = Json.asObject(body.get("fields"));
    if (fields == null) {
      throw new BadRequest(Resp.json(400, obj("errorMessages", arr("fields are required"), "errors", obj())));
    }
    rejectUpdateOperations(body);
    Map<String, Object> errors = new LinkedHashMap<>();
    Map<String, Object> proj = Json.asObject(fields.get("project"));
    String ref = proj == null ? null : proj.get("key") instanceof String k ? k : idString(proj.get("id"));
    if (!(fields.get("summary") instanceof String summary) || summary.isBlank()) {
      errors.put("summary", "You must specify a summary of the issue.");
    }
    if (fields.get("issuetype") == null) {
      errors.put("issuetype", "Specify an issue type");
    }
    IssueRec is = c.s.write(() -> {
      ProjectRec p = ref == null ? null : c.s.project(ref);
      if (p == null || !c.s.visible(c.accountId, p)) {
        errors.put("project", "valid project is required");
      }
      Map<String, Object> rest = new LinkedHashMap<>(fields);
      rest.remove("project");
      Changes changes = errors.isEmpty() ? parse(c, rest, errors) : null;
      if (!errors.isEmpty()) {
        return null;
      }
      IssueRec created = c.s.createIssue(p, (String) fields.get("summary"), c.userIndex(), c.now);
      changes.apply(created, false);
      return created;
    });
    if (is == null) {
      return Resp.json(400, obj("errorMessages", arr(), "errors", errors));
    }
    return Resp.json(201, obj("id", Long.toString(is.id), "key", is.key(), "self", c.base + JiraApi.API + "/issue/" + is.id));
  }

  static Resp edit(Ctx c, String idOrKey, Map<String, Object> body) {
    rejectUpdateOperations(body);
    Map<String, Object> fields = Json.asObject(body.get("fields"));
    Map<String, Object> errors = new LinkedHashMap<>();
    return change(c, idOrKey, errors, is -> parse(c, fields == null ? Map.of() : fields, errors));
  }

  /**
   * One write to a visible issue under the site's write lock: 404 when it is not there; otherwise the changes
   * {@code changesFor} returns are applied unless it reported errors (400 with Jira's {@code errors}) or returned
   * null (its caller answers).
   */
  private static Resp change(Ctx c, String idOrKey, Map<String, Object> errors, Function<IssueRec, Changes> changesFor) {
    Boolean found = c.s.write(() -> {
      IssueRec is = c.s.visibleIssue(c.accountId, idOrKey);
      if (is == null) {
        return false;
      }
      Changes changes = changesFor.apply(is);
      if (changes != null && errors.isEmpty()) {
        changes.apply(is, true);
      }
      return true;
    });
    if (!found) {
      return JiraApi.issueNotFound();
    }
    return errors.isEmpty() ? Resp.empty(204) : Resp.json(400, obj("errorMessages", arr(), "errors", errors));
  }

  static Resp delete(Ctx c, String idOrKey) {
    Boolean ok = c.s.write(() -> {
      IssueRec is = c.s.visibleIssue(c.accountId, idOrKey);
      if (is == null) {
        return false;
      }
      c.s.deleteIssue(is, c.now);
      return true;
    });
    return ok ? Resp.empty(204) : JiraApi.issueNotFound();
  }

  /** {@code GET issue/{id}/transitions}: a global transition into every status but the current one. */
  static Resp transitions(Ctx c, String idOrKey) {
    IssueRec is = c.s.visibleIssue(c.accountId, idOrKey);
    if (is == null) {
      return JiraApi.issueNotFound();
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < Render.STATUSES.length; i++) {
      if (i != is.status) {
        out.add(obj("id", transitionId(i), "name", Render.STATUSES[i][1], "to", Render.status(c.base, i),
            "hasScreen", false, "isGlobal", true, "isInitial", false, "isAvailable", true, "isConditional", false,
            "isLooped", false));
      }
    }
    return Resp.json(200, obj("expand", "transitions", "transitions", out));
  }

  /** {@code POST issue/{id}/transitions}: moves the issue into the transition's status, with optional fields. */
  static Resp transition(Ctx c, String idOrKey, Map<String, Object> body) {
    rejectUpdateOperations(body);
    Map<String, Object> t = Json.asObject(body.get("transition"));
    String id = t == null ? null : idString(t.get("id"));
    Map<String, Object> fields = Json.asObject(body.get("fields"));
    Map<String, Object> errors = new LinkedHashMap<>();
    String[] message = new String[1];
    Resp r = change(c, idOrKey, errors, is -> {
      int to = -1;
      for (int i = 0; i < Render.STATUSES.length; i++) {
        if (transitionId(i).equals(id) && i != is.status) {
          to = i;
        }
      }
      if (to < 0) {
        message[0] = id == null ? "Missing 'transition' identifier"
            : "Transition id '" + id + "' is not valid for this issue.";
        return null;
      }
      Changes changes = parse(c, fields == null ? Map.of() : fields, errors);
      changes.status = to;
      return changes;
    });
    return message[0] != null ? Resp.jiraError(400, message[0]) : r;
  }

  /** {@code PUT issue/{id}/assignee}: {@code {"accountId": "…"}}, null to unassign, "-1" for the project lead. */
  static Resp assign(Ctx c, String idOrKey, Map<String, Object> body) {
    if (!body.containsKey("accountId")) {
      throw JiraApi.bad("accountId is required (null to unassign).");
    }
    Object account = body.get("accountId");
    Map<String, Object> errors = new LinkedHashMap<>();
    return change(c, idOrKey, errors, is -> {
      Changes changes = new Changes(c);
      if ("-1".equals(account)) {
        changes.assignee = is.project.lead;
      } else {
        changes.assignee = assignee(c, account, errors);
      }
      return changes;
    });
  }

  static Resp addComment(Ctx c, String idOrKey, Map<String, Object> body) {
    Object adf = commentBody(body);
    Object[] out = c.s.write(() -> {
      IssueRec is = c.s.visibleIssue(c.accountId, idOrKey);
      if (is == null) {
        return null;
      }
      long id = FakeJiraCloud.addCommentRec(is, c.userIndex(), adf, c.now);
      return new Object[] {is, id};
    });
    if (out == null) {
      return JiraApi.issueNotFound();
    }
    IssueRec is = (IssueRec) out[0];
    return c.s.read(() -> Resp.json(201, Render.comment(c.base, c.s, is, (Long) out[1],
        c.s.user(Math.max(0, c.userIndex())), c.now, adf)));
  }

  /** {@code PUT issue/{id}/comment/{cid}}: replaces the body; answers the comment as it now reads. */
  static Resp editComment(Ctx c, String idOrKey, String commentId, Map<String, Object> body) {
    Object adf = commentBody(body);
    long cid = parseId(commentId);
    Map<String, Object> rendered = c.s.write(() -> {
      IssueRec is = c.s.visibleIssue(c.accountId, idOrKey);
      if (is == null || cid < 0 || !is.hasComment(cid)) {
        return null;
      }
      if (is.editedComments == null) {
        is.editedComments = new HashMap<>();
      }
      is.editedComments.put(cid, new EditedComment(adf, Math.max(0, c.userIndex()), c.now));
      SiteModel.touch(is, SiteModel.bump(is, c.now), c.now);
      for (Map<String, Object> m : Render.comments(c.base, c.s, is, 0, Integer.MAX_VALUE)) {
        if (m.get("id").equals(Long.toString(cid))) {
          return m;
        }
      }
      throw new IllegalStateException("comment " + cid + " vanished while being edited");
    });
    return rendered == null ? commentNotFound(commentId) : Resp.json(200, rendered);
  }

  static Resp deleteComment(Ctx c, String idOrKey, String commentId) {
    long cid = parseId(commentId);
    Boolean ok = c.s.write(() -> {
      IssueRec is = c.s.visibleIssue(c.accountId, idOrKey);
      return is != null && cid >= 0 && FakeJiraCloud.deleteCommentRec(is, cid, c.now);
    });
    return ok ? Resp.empty(204) : commentNotFound(commentId);
  }

  /** {@code GET user?accountId=…}. */
  static Resp user(Ctx c) {
    String accountId = c.req.param("accountId");
    if (accountId == null || accountId.isBlank()) {
      throw JiraApi.bad("The accountId query parameter needs to be provided.");
    }
    int idx = c.s.userIndex(accountId);
    if (idx < 0) {
      return Resp.jiraError(404, "Specified user does not exist or you do not have required permissions");
    }
    Resp r = Resp.json(200, Render.user(c.base, c.s.user(idx)));
    r.points = 3;
    return r;
  }

  // ------------------------------------------------------------------ fields

  /** Parsed field values of one write; {@code null} members are left as they are. */
  private static final class Changes {
    final Ctx c;
    String summary;
    boolean descriptionSet;
    Object description;
    Integer type;
    Integer priority;
    Integer assignee;
    Integer status;
    List<String> labels;
    final Map<String, Object> custom = new LinkedHashMap<>();

    Changes(Ctx c) {
      this.c = c;
    }

    /** Applies the changes; with {@code history}, each changed field leaves a changelog entry. */
    void apply(IssueRec is, boolean history) {
      SiteModel s = c.s;
      int author = Math.max(0, c.userIndex());
      long at = SiteModel.bump(is, c.now);
      if (summary != null && !summary.equals(Render.summary(is))) {
        if (history) {
          s.addHistory(is, author, at, "summary", Render.summary(is), summary, null, null);
        }
        is.summaryOverride = summary;
      }
      if (descriptionSet) {
        if (history) {
          s.addHistory(is, author, at, "description", null, null, null, null);
        }
        is.descriptionSet = true;
        is.description = description;
      }
      if (type != null && type != is.type) {
        if (history) {
          s.addHistory(is, author, at, "issuetype", Render.ISSUE_TYPES[is.type][1], Render.ISSUE_TYPES[type][1],
              Render.ISSUE_TYPES[is.type][0], Render.ISSUE_TYPES[type][0]);
        }
        is.type = type;
      }
      if (priority != null && priority != is.priority) {
        if (history) {
          s.addHistory(is, author, at, "priority", Render.PRIORITIES[is.priority][1], Render.PRIORITIES[priority][1],
              Render.PRIORITIES[is.priority][0], Render.PRIORITIES[priority][0]);
        }
        is.priority = priority;
      }
      if (assignee != null && assignee != is.assignee) {
        if (history) {
          UserRec from = s.user(is.assignee);
          UserRec to = s.user(assignee);
          s.addHistory(is, author, at, "assignee", from == null ? null : from.user().displayName(),
              to == null ? null : to.user().displayName(), from == null ? null : from.user().accountId(),
              to == null ? null : to.user().accountId());
        }
        is.assignee = assignee;
      }
      if (status != null && status != is.status) {
        if (history) {
          s.addHistory(is, author, at, "status", Render.STATUSES[is.status][1], Render.STATUSES[status][1],
              Render.STATUSES[is.status][0], Render.STATUSES[status][0]);
        }
        is.status = status;
      }
      if (labels != null) {
        if (history) {
          s.addHistory(is, author, at, "labels", String.join(" ", Render.labels(s, is)), String.join(" ", labels), null,
              null);
        }
        is.labels = List.copyOf(labels);
      }
      if (!custom.isEmpty()) {
        if (is.customValues == null) {
          is.customValues = new HashMap<>();
        }
        is.customValues.putAll(custom);
      }
      if (history) {
        SiteModel.touch(is, at, c.now);
      }
    }
  }

  private static Changes parse(Ctx c, Map<String, Object> fields, Map<String, Object> errors) {
    Changes ch = new Changes(c);
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      String name = e.getKey();
      Object v = e.getValue();
      switch (name) {
        case "summary" -> {
          if (!(v instanceof String s) || s.isBlank()) {
            errors.put("summary", "You must specify a summary of the issue.");
          } else if (s.length() > 255) {
            errors.put("summary", "Summary must be less than 255 characters.");
          } else {
            ch.summary = s;
          }
        }
        case "description" -> {
          if (v != null && !isAdfDocument(v)) {
            errors.put("description", "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
          } else {
            ch.descriptionSet = true;
            ch.description = v;
          }
        }
        case "issuetype" -> ch.type = pick(Render.ISSUE_TYPES, v, "issuetype", "Specify a valid issue type", errors);
        case "priority" -> ch.priority = pick(Render.PRIORITIES, v, "priority", "Specify a valid priority", errors);
        case "assignee" -> ch.assignee = assignee(c, v == null ? null : Json.asObject(v) == null ? v
            : Json.asObject(v).get("accountId"), errors);
        case "labels" -> {
          List<String> labels = new ArrayList<>();
          if (v instanceof List<?> l) {
            for (Object o : l) {
              if (o instanceof String s && !s.isBlank() && !s.contains(" ")) {
                labels.add(s);
              } else {
                errors.put("labels", "The label '" + o + "' contains spaces or is empty, which is invalid.");
              }
            }
          } else {
            errors.put("labels", "Labels must be an array of strings.");
          }
          ch.labels = labels;
        }
        default -> {
          if (isCustomField(name)) {
            if (name.equals("customfield_10016") && v != null && !(v instanceof Number)) {
              errors.put(name, "Operation value must be a number");
            } else {
              ch.custom.put(name, v);
            }
          } else {
            errors.put(name, "Field '" + name + "' cannot be set. It is not on the appropriate screen, or unknown.");
          }
        }
      }
    }
    return ch;
  }

  private static boolean isCustomField(String name) {
    for (String[] cf : Render.CUSTOM_FIELDS) {
      if (cf[0].equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAdfDocument(Object v) {
    Map<String, Object> m = Json.asObject(v);
    return m != null && "doc".equals(m.get("type")) && m.get("content") instanceof List
        && m.get("version") instanceof Number n && n.intValue() == 1;
  }

  /** An id or name reference ({@code {"id": "3"}} or {@code {"name": "High"}}) into one of Render's tables. */
  private static Integer pick(String[][] table, Object ref, String field, String message, Map<String, Object> errors) {
    Map<String, Object> m = Json.asObject(ref);
    String id = m == null ? null : idString(m.get("id"));
    String name = m == null ? null : m.get("name") instanceof String s ? s : null;
    for (int i = 0; i < table.length; i++) {
      if (table[i][0].equals(id) || (id == null && table[i][1].equalsIgnoreCase(Objects.toString(name, "")))) {
        return i;
      }
    }
    errors.put(field, message);
    return null;
  }

  /** The user index for an accountId (null → -1, unassigned); unknown accounts are an error. */
  private static Integer assignee(Ctx c, Object accountId, Map<String, Object> errors) {
    if (accountId == null) {
      return -1;
    }
    int idx = accountId instanceof String a ? c.s.userIndex(a) : -1;
    if (idx < 0 || !c.s.user(idx).active()) {
      errors.put("assignee", "User '" + accountId + "' cannot be assigned issues.");
      return null;
    }
    return idx;
  }

  private static Object commentBody(Map<String, Object> body) {
    Object adf = body.get("body");
    if (!isAdfDocument(adf)) {
      throw new BadRequest(Resp.json(400, obj("errorMessages", arr(),
          "errors", obj("comment", "Comment body is not a valid Atlassian Document."))));
    }
    if (((List<?>) Json.asObject(adf).get("content")).isEmpty()) {
      throw new BadRequest(Resp.json(400, obj("errorMessages", arr(),
          "errors", obj("comment", "Comment body can not be empty!"))));
    }
    return adf;
  }

  /** The simulation keeps the {@code fields} form only; refusing {@code update} beats silently ignoring it. */
  private static void rejectUpdateOperations(Map<String, Object> body) {
    Map<String, Object> update = Json.asObject(body.get("update"));
    if (update != null && !update.isEmpty()) {
      throw JiraApi.bad("FakeJiraCloud does not simulate 'update' operations (" + String.join(", ", update.keySet())
          + "); set the values under 'fields' instead.");
    }
  }

  private static String idString(Object o) {
    if (o instanceof String s) {
      return s;
    }
    if (o instanceof Number n) {
      return Long.toString(n.longValue());
    }
    return null;
  }

  private static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Resp commentNotFound(String commentId) {
    return Resp.jiraError(404, "Can not find a comment for the id: " + commentId + ".");
  }
}
