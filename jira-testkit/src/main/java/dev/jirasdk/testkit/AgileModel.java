package dev.jirasdk.testkit;

import dev.jirasdk.testkit.SiteModel.IssueRec;
import dev.jirasdk.testkit.SiteModel.ProjectRec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Jira Software data of one site: boards (a scrum board per software project, a kanban board for every
 * second one), sprints of every scrum board (closed ones, one active, one future), which sprints each issue went
 * through, and the epic each issue belongs to ({@code parent}). Guarded by the owning {@link SiteModel}'s lock.
 *
 * <p>The Sprint custom field is {@link #SPRINT_FIELD}: {@code customfield_10020} is Jira Cloud's usual id for it,
 * but this dataset already uses that id for "Team", so the Sprint field is {@code customfield_10021} here. Like
 * Jira, it lists every sprint an issue was in (closed ones included) plus its open sprint, each as a sprint object.
 *
 * <p>Team-managed projects are the odd-indexed ones ({@link #teamManaged}); their boards are located in the
 * project like the others. Epics exist in both kinds, and both render the epic as the child's {@code parent} (the
 * Epic Link and Parent Link fields are gone).
 */
final class AgileModel {
  static final String SPRINT_FIELD = "customfield_10021";
  static final String SPRINT_FIELD_TYPE = "com.pyxis.greenhopper.jira:gh-sprint";
  static final long SPRINT_LENGTH = 14 * SiteModel.DAY;
  static final int EPIC_TYPE = 3;

  static final class BoardRec {
    final long id;
    final String name;
    final String type;
    final ProjectRec project;

    BoardRec(long id, String name, String type, ProjectRec project) {
      this.id = id;
      this.name = name;
      this.type = type;
      this.project = project;
    }
  }

  static final class SprintRec {
    final long id;
    final long boardId;
    String name;
    String state;
    Long start;
    Long end;
    Long complete;
    String goal;

    SprintRec(long id, long boardId, String name, String state, Long start, Long end, Long complete, String goal) {
      this.id = id;
      this.boardId = boardId;
      this.name = name;
      this.state = state;
      this.start = start;
      this.end = end;
      this.complete = complete;
      this.goal = goal;
    }
  }

  final List<BoardRec> boards = new ArrayList<>();
  final Map<Long, SprintRec> sprints = new LinkedHashMap<>();
  /** issue id -> the sprints it went through, oldest first (the last may be open). */
  final Map<Long, List<Long>> membership = new HashMap<>();
  /** issue id -> its epic's issue id. */
  final Map<Long, Long> parents = new HashMap<>();
  long nextBoardId = 1;
  long nextSprintId = 1;

  static boolean teamManaged(ProjectRec p, List<ProjectRec> all) {
    return all.indexOf(p) % 2 == 1;
  }

  static final String[] GOALS = {"Ship the checkout redesign", "Pay down flaky tests", "", "Onboarding v2 — beta",
    "Performance: p95 under 300 ms", "Quarterly cleanup"};

  /** Generates boards, sprints, memberships and epics for the site's live software projects. */
  void generate(SiteModel s, Dataset d, long nowMs) {
    if (!d.agile) {
      return;
    }
    int pi = 0;
    for (ProjectRec p : s.projects) {
      int index = pi++;
      if (!p.typeKey.equals("software")) {
        continue;
      }
      SplittableRandom r = new SplittableRandom(SiteModel.mix(s.seed, 7_000 + p.id));
      BoardRec scrum = new BoardRec(nextBoardId++, p.key + " board", "scrum", p);
      boards.add(scrum);
      if (index % 2 == 0) {
        boards.add(new BoardRec(nextBoardId++, p.key + " kanban", "kanban", p));
      }
      int n = d.sprintsPerBoard;
      List<SprintRec> own = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // the last sprint is future, the one before it active, the rest closed
        String state = i == n - 1 && n > 1 ? "future" : (i == n - 2 || n == 1 ? "active" : "closed");
        long start = nowMs - (long) (n - 2 - i) * SPRINT_LENGTH - SPRINT_LENGTH / 2;
        SprintRec sp = new SprintRec(nextSprintId++, scrum.id, p.key + " Sprint " + (i + 1), state,
            state.equals("future") ? null : start, state.equals("future") ? null : start + SPRINT_LENGTH,
            state.equals("closed") ? start + SPRINT_LENGTH : null, GOALS[(int) ((p.id + i) % GOALS.length)]);
        sprints.put(sp.id, sp);
        own.add(sp);
      }
      List<IssueRec> epics = new ArrayList<>();
      for (IssueRec is : p.issues) {
        if (is.type == EPIC_TYPE) {
          epics.add(is);
        }
      }
      boolean first = true;
      for (IssueRec is : p.issues) {
        if (is.type == EPIC_TYPE) {
          continue;
        }
        if (!epics.isEmpty() && r.nextInt(2) == 0) {
          parents.put(is.id, epics.get(r.nextInt(epics.size())).id);
        }
        if (own.isEmpty()) {
          continue;
        }
        List<Long> through = new ArrayList<>();
        if (first && own.size() >= 3) {
          // the first issue of each board is carried through three sprints
          for (int i = 0; i < 3; i++) {
            through.add(own.get(i).id);
          }
          first = false;
        } else if (r.nextInt(3) > 0) {
          int from = r.nextInt(own.size());
          int len = 1 + r.nextInt(3);
          for (int i = from; i < Math.min(own.size(), from + len); i++) {
            through.add(own.get(i).id);
            if (!own.get(i).state.equals("closed")) {
              break;
            }
          }
        }
        if (!through.isEmpty()) {
          membership.put(is.id, through);
        }
      }
    }
  }

  BoardRec board(long id) {
    for (BoardRec b : boards) {
      if (b.id == id) {
        return b;
      }
    }
    return null;
  }

  List<SprintRec> sprintsOf(long boardId) {
    List<SprintRec> out = new ArrayList<>();
    for (SprintRec sp : sprints.values()) {
      if (sp.boardId == boardId) {
        out.add(sp);
      }
    }
    return out;
  }

  List<Long> sprintIdsOf(long issueId) {
    List<Long> l = membership.get(issueId);
    return l == null ? List.of() : l;
  }

  /** Issues whose Sprint field lists this sprint, by id (call with the site's read lock). */
  List<IssueRec> issuesOf(SiteModel s, long sprintId) {
    List<IssueRec> out = new ArrayList<>();
    for (Map.Entry<Long, List<Long>> e : membership.entrySet()) {
      if (e.getValue().contains(sprintId)) {
        IssueRec is = s.issuesById.get(e.getKey());
        if (is != null) {
          out.add(is);
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.id, b.id));
    return out;
  }

  /** The value of the Sprint field: every sprint the issue was in, or null. */
  Object sprintField(String base, IssueRec is) {
    List<Long> ids = sprintIdsOf(is.id);
    if (ids.isEmpty()) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (long id : ids) {
      SprintRec sp = sprints.get(id);
      if (sp != null) {
        Map<String, Object> m = Json.obj("id", sp.id, "name", sp.name, "state", sp.state, "boardId", sp.boardId,
            "goal", sp.goal);
        putDates(m, sp);
        out.add(m);
      }
    }
    return out.isEmpty() ? null : out;
  }

  /** The issue's {@code parent} field (its epic), or null. */
  Object parentField(String base, SiteModel s, IssueRec is) {
    Long pid = parents.get(is.id);
    IssueRec epic = pid == null ? null : s.issuesById.get(pid);
    if (epic == null) {
      return null;
    }
    return Json.obj("id", Long.toString(epic.id), "key", epic.key(), "self", base + "/rest/api/3/issue/" + epic.id,
        "fields", Json.obj("summary", Render.summary(epic), "status", Render.status(base, epic.status),
            "priority", Render.priority(base, epic.priority), "issuetype", Render.issueType(base, epic.type)));
  }

  static void putDates(Map<String, Object> m, SprintRec sp) {
    if (sp.start != null) {
      m.put("startDate", Render.time(sp.start));
    }
    if (sp.end != null) {
      m.put("endDate", Render.time(sp.end));
    }
    if (sp.complete != null) {
      m.put("completeDate", Render.time(sp.complete));
    }
  }

  /**
   * Moves an issue into a sprint as Jira does: leaving an open (active or future) sprint replaces it, a closed
   * sprint stays in the issue's history.
   */
  void moveTo(IssueRec is, long sprintId) {
    List<Long> l = new ArrayList<>(sprintIdsOf(is.id));
    if (!l.isEmpty()) {
      SprintRec last = sprints.get(l.get(l.size() - 1));
      if (last == null || !last.state.equals("closed")) {
        l.remove(l.size() - 1);
      }
    }
    if (!l.contains(sprintId)) {
      l.add(sprintId);
    }
    membership.put(is.id, l);
  }

  void deleteSprint(long sprintId) {
    sprints.remove(sprintId);
    for (List<Long> l : membership.values()) {
      l.remove(Long.valueOf(sprintId));
    }
    membership.values().removeIf(List::isEmpty);
  }

  void deleteBoard(long boardId) {
    boards.removeIf(b -> b.id == boardId);
    for (SprintRec sp : sprintsOf(boardId)) {
      deleteSprint(sp.id);
    }
  }
}
