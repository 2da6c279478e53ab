package dev.jirasdk.testkit;

import static dev.jirasdk.testkit.Json.obj;

import dev.jirasdk.testkit.AgileModel.BoardRec;
import dev.jirasdk.testkit.AgileModel.SprintRec;
import dev.jirasdk.testkit.Exchange.Req;
import dev.jirasdk.testkit.Exchange.Resp;
import dev.jirasdk.testkit.Render.FieldSet;
import dev.jirasdk.testkit.SiteModel.IssueRec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Jira Software (Agile) endpoints under {@code /rest/agile/1.0/}, in one table: method, path template,
 * the granular scopes the operation needs (from Atlassian's Jira Software spec), the query parameters the spec
 * defines, and the handler. Answers use the spec's shapes (page beans with {@code startAt}, {@code maxResults},
 * {@code total}, {@code isLast}).
 *
 * <p>{@code GET /board} lists no scope in the spec; Atlassian's documentation of the operation names
 * {@code read:board-scope:jira-software} and {@code read:project:jira}, which the fake requires.
 */
final class AgileApi {
  static final String ROOT = "/rest/agile/1.0";
  static final String BOARD_SCOPE = "read:board-scope:jira-software";
  static final String SPRINT_SCOPE = "read:sprint:jira-software";
  static final String PROJECT_SCOPE = "read:project:jira";
  static final String ISSUE_DETAILS_SCOPE = "read:issue-details:jira";
  static final String JQL_SCOPE = "read:jql:jira";
  /** Every granular scope the Agile endpoints use (known to the fake's authorization server). */
  static final Set<String> SCOPES = Set.of(BOARD_SCOPE, SPRINT_SCOPE, PROJECT_SCOPE, ISSUE_DETAILS_SCOPE, JQL_SCOPE,
      "read:epic:jira-software", "read:issue:jira-software");

  /** Context of one Agile request. */
  record Call(Req req, SiteModel s, String accountId, String base, String[] seg) {
    int intParam(String name, int dflt) {
      String v = req.param(name);
      if (v == null) {
        return dflt;
      }
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        return dflt;
      }
    }

    long id(int i) {
      try {
        return Long.parseLong(seg[i]);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }

  /**
   * The Agile group of the fake's route table ({@link Routes}): each route's handler gets a {@link Call} whose
   * segments are the request's path below the site root.
   */
  static final List<Route> ROUTES = List.of(
      route("/board", "getAllBoards", Set.of(BOARD_SCOPE, PROJECT_SCOPE),
          Set.of("startAt", "maxResults", "type", "name", "projectKeyOrId", "accountIdLocation", "projectLocation",
              "includePrivate", "negateLocationFiltering", "orderBy", "expand", "filterId"), AgileApi::boards),
      route("/board/{boardId}", "getBoard", Set.of(BOARD_SCOPE, ISSUE_DETAILS_SCOPE), Set.of(), AgileApi::board),
      route("/board/{boardId}/sprint", "getAllSprints", Set.of(SPRINT_SCOPE), Set.of("startAt", "maxResults", "state"),
          AgileApi::boardSprints),
      route("/sprint/{sprintId}", "getSprint", Set.of(SPRINT_SCOPE), Set.of(), AgileApi::sprint),
      route("/sprint/{sprintId}/issue", "getIssuesForSprint", Set.of(SPRINT_SCOPE, ISSUE_DETAILS_SCOPE, JQL_SCOPE),
          Set.of("startAt", "maxResults", "jql", "validateQuery", "fields", "expand"), AgileApi::sprintIssues));

  private AgileApi() {}

  /** A read-only GET route below {@link #ROOT}. */
  private static Route route(String path, String operationId, Set<String> scopes, Set<String> params,
      Function<Call, Resp> handler) {
    String template = ROOT + path;
    return new Route("GET", template, operationId, scopes, params, true, (c, vars) -> {
      String rel = template;
      for (String v : vars) {
        rel = rel.replaceFirst("\\{[^}/]+\\}", java.util.regex.Matcher.quoteReplacement(v));
      }
      return handler.apply(new Call(c.req, c.s, c.accountId, c.base, rel.substring(1).split("/")));
    });
  }

  // ------------------------------------------------------------------ handlers (read lock held)

  private static boolean visible(Call c, BoardRec b) {
    return c.s().visible(c.accountId(), b.project);
  }

  private static Resp boards(Call c) {
    String type = c.req().param("type");
    String project = c.req().param("projectKeyOrId");
    List<Object> all = new ArrayList<>();
    for (BoardRec b : c.s().agile.boards) {
      if (!visible(c, b) || (type != null && !type.equals(b.type))) {
        continue;
      }
      if (project != null && !project.equalsIgnoreCase(b.project.key) && !project.equals(Long.toString(b.project.id))) {
        continue;
      }
      all.add(board(c.base(), b));
    }
    return page(c, all, 50, "values", 1);
  }

  private static Resp board(Call c) {
    BoardRec b = c.s().agile.board(c.id(4));
    if (b == null || !visible(c, b)) {
      return Resp.jiraError(404, "The requested board cannot be viewed because it either does not exist or you do "
          + "not have permission to view it.");
    }
    Resp r = Resp.json(200, board(c.base(), b));
    r.points = 1;
    return r;
  }

  private static Resp boardSprints(Call c) {
    BoardRec b = c.s().agile.board(c.id(4));
    if (b == null || !visible(c, b)) {
      return Resp.jiraError(404, "The requested board cannot be viewed because it either does not exist or you do "
          + "not have permission to view it.");
    }
    if (!b.type.equals("scrum")) {
      return Resp.jiraError(400, "The board does not support sprints");
    }
    Set<String> states = null;
    String st = c.req().param("state");
    if (st != null && !st.isBlank()) {
      states = Set.of(st.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    }
    List<SprintRec> sprints = new ArrayList<>(c.s().agile.sprintsOf(b.id));
    // Jira orders closed, active, future, then by position (here: creation)
    sprints.sort((x, y) -> Integer.compare(stateRank(x.state), stateRank(y.state)));
    List<Object> all = new ArrayList<>();
    for (SprintRec sp : sprints) {
      if (states == null || states.contains(sp.state)) {
        all.add(sprint(c.base(), sp));
      }
    }
    return page(c, all, 50, "values", 1);
  }

  private static int stateRank(String state) {
    return switch (state) {
      case "closed" -> 0;
      case "active" -> 1;
      default -> 2;
    };
  }

  private static Resp sprint(Call c) {
    SprintRec sp = c.s().agile.sprints.get(c.id(4));
    BoardRec b = sp == null ? null : c.s().agile.board(sp.boardId);
    if (sp == null || (b != null && !visible(c, b))) {
      return Resp.jiraError(404, "The requested sprint cannot be viewed because it either does not exist or you do "
          + "not have permission to view it.");
    }
    Resp r = Resp.json(200, sprint(c.base(), sp));
    r.points = 1;
    return r;
  }

  private static Resp sprintIssues(Call c) {
    SprintRec sp = c.s().agile.sprints.get(c.id(4));
    if (sp == null) {
      return Resp.jiraError(404, "The requested sprint cannot be viewed because it either does not exist or you do "
          + "not have permission to view it.");
    }
    FieldSet fs = FieldSet.parse(c.req().params("fields"), "*navigable");
    List<Object> issues = new ArrayList<>();
    for (IssueRec is : c.s().agile.issuesOf(c.s(), sp.id)) {
      if (c.s().visible(c.accountId(), is.project)) {
        issues.add(is);
      }
    }
    int startAt = Math.max(0, c.intParam("startAt", 0));
    int max = Math.max(0, Math.min(c.intParam("maxResults", 50), 100));
    int end = (int) Math.min(issues.size(), (long) startAt + max);
    List<Object> out = new ArrayList<>();
    for (int i = startAt; i < end; i++) {
      out.add(Render.issue(c.base(), c.s(), (IssueRec) issues.get(i), fs, false, 20, 40));
    }
    Resp r = Resp.json(200, obj("expand", "schema,names", "startAt", startAt, "maxResults", max,
        "total", issues.size(), "issues", out));
    // like search: one point for the request, one per issue returned
    r.points = 1 + out.size();
    return r;
  }

  // ------------------------------------------------------------------ shapes

  static Map<String, Object> board(String base, BoardRec b) {
    return obj("id", b.id, "self", base + ROOT + "/board/" + b.id, "name", b.name, "type", b.type,
        "location", obj("projectId", b.project.id, "displayName", b.project.name + " (" + b.project.key + ")",
            "projectName", b.project.name, "projectKey", b.project.key, "projectTypeKey", b.project.typeKey,
            "avatarURI", base + "/rest/api/2/universal_avatar/view/type/project/avatar/10400?size=small",
            "name", b.project.name + " (" + b.project.key + ")"),
        "isPrivate", false);
  }

  static Map<String, Object> sprint(String base, SprintRec sp) {
    Map<String, Object> m = obj("id", sp.id, "self", base + ROOT + "/sprint/" + sp.id, "state", sp.state,
        "name", sp.name);
    AgileModel.putDates(m, sp);
    m.put("originBoardId", sp.boardId);
    m.put("goal", sp.goal);
    return m;
  }

  private static Resp page(Call c, List<Object> all, int defaultMax, String field, int pointsPerItem) {
    int startAt = Math.max(0, c.intParam("startAt", 0));
    int max = Math.max(0, Math.min(c.intParam("maxResults", defaultMax), defaultMax));
    int end = (int) Math.min(all.size(), (long) startAt + max);
    List<Object> values = startAt >= all.size() ? List.of() : new ArrayList<>(all.subList(startAt, end));
    Resp r = Resp.json(200, obj("maxResults", max, "startAt", startAt, "total", all.size(),
        "isLast", end >= all.size(), field, values));
    r.points = 1 + (long) pointsPerItem * values.size();
    return r;
  }
}
