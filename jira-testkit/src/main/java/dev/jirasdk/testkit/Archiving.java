package dev.jirasdk.testkit;

import static dev.jirasdk.testkit.Json.arr;
import static dev.jirasdk.testkit.Json.obj;

import dev.jirasdk.testkit.Exchange.Resp;
import dev.jirasdk.testkit.JiraApi.Ctx;
import dev.jirasdk.testkit.SiteModel.IssueRec;
import dev.jirasdk.testkit.SiteModel.ProjectRec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue and project archiving as Jira Premium and Enterprise answer it ({@code PUT issue/archive},
 * {@code PUT issue/unarchive}, {@code POST project/{key}/archive}). An archived issue leaves {@code search/jql},
 * {@code approximate-count}, {@code issue/bulkfetch} and {@code changelog/bulkfetch} like a deleted one, and
 * {@code GET issue/{id}} still answers it (archived issues stay viewable by their key); restoring it moves its
 * {@code updated}. The fake does not model the admin permission or the license: every account may archive.
 */
final class Archiving {
  /** Jira's hard limit of ids per request. */
  static final int MAX_IDS = 1000;

  private Archiving() {}

  /** {@code PUT issue/archive} ({@code archive}) or {@code PUT issue/unarchive}: up to 1000 ids or keys. */
  static Resp archive(Ctx c, Map<String, Object> body, boolean archive) {
    List<String> ids = JiraApi.strings(body.get("issueIdsOrKeys"));
    boolean tooMany = ids.size() > MAX_IDS;
    List<String> taken = tooMany ? ids.subList(0, MAX_IDS) : ids;
    List<String> notFound = new ArrayList<>();
    List<String> subtasks = new ArrayList<>();
    List<String> inArchivedProjects = new ArrayList<>();
    long updated = c.s.write(() -> {
      long n = 0;
      for (String id : taken) {
        IssueRec is = c.s.issue(id.trim());
        if (is == null || !c.s.notRevoked(c.accountId, is.project)) {
          notFound.add(id);
        } else if (is.project.archived) {
          inArchivedProjects.add(id);
        } else if (Render.ISSUE_TYPES[is.type][3].equals("-1")) {
          subtasks.add(id);
        } else if (archive && is.archivedAt == 0) {
          c.s.archiveIssue(is, c.now);
          n++;
        } else if (!archive && is.archivedAt != 0) {
          c.s.unarchiveIssue(is, c.now);
          n++;
        }
      }
      return n;
    });
    if (tooMany) {
      return Resp.jiraError(412, "The number of issues to archive or unarchive exceeds the hard limit of 1000."
          + " Precondition failed.");
    }
    if (updated == 0 && notFound.size() + subtasks.size() + inArchivedProjects.size() == ids.size()) {
      return Resp.jiraError(400, "No valid issue to archive or unarchive. Bad request.");
    }
    Map<String, Object> errors = new LinkedHashMap<>();
    error(errors, "issueIsSubtask", subtasks, "Issue is subtask.");
    error(errors, "issuesInArchivedProjects", inArchivedProjects, "Issue exists in archived project.");
    error(errors, "issuesNotFound", notFound, "Issue not found.");
    return Resp.json(200, obj("errors", errors, "numberOfIssuesUpdated", updated));
  }

  private static void error(Map<String, Object> errors, String name, List<String> ids, String message) {
    if (!ids.isEmpty()) {
      errors.put(name, obj("count", (long) ids.size(), "issueIdsOrKeys", arr(ids.toArray()), "message", message));
    }
  }

  /** {@code POST project/{projectIdOrKey}/archive}: 204; its issues leave search with it. */
  static Resp archiveProject(Ctx c, String idOrKey) {
    return c.s.write(() -> {
      ProjectRec p = c.s.project(idOrKey);
      if (p == null || !c.s.notRevoked(c.accountId, p)) {
        return Resp.jiraError(404, "No project could be found with key '" + idOrKey + "'.");
      }
      if (p.archived) {
        return Resp.jiraError(400, "The project is already archived.");
      }
      p.archived = true;
      p.archivedAt = c.now;
      return Resp.empty(204);
    });
  }
}
