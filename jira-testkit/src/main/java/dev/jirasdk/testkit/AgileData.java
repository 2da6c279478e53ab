package dev.jirasdk.testkit;

import dev.jirasdk.testkit.AgileModel.BoardRec;
import dev.jirasdk.testkit.AgileModel.SprintRec;
import dev.jirasdk.testkit.SiteModel.IssueRec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts and mutations of one site's Jira Software data (boards, sprints, sprint membership, epics), obtained
 * with {@link SiteData#agile()}.
 *
 * <p>Counts describe what a full sync by an account that sees everything stores: boards of live projects, the
 * sprints of those boards, one membership per issue and sprint the issue went through (closed sprints included,
 * as Jira's Sprint field lists them) for issues of live projects.
 *
 * <p>Mutations behave like Jira: moving an issue into a sprint changes its Sprint field, adds a changelog entry
 * and moves its {@code updated}; leaving an open sprint replaces it in the field, a closed one stays. Starting,
 * completing or editing a sprint changes no issue. Deleting a board deletes its sprints (they leave every issue's
 * Sprint field).
 *
 * <pre>{@code
 * AgileData agile = fake.data(cloudId).agile();
 * long board = agile.boardIds().get(0);
 * long future = agile.sprintIds(board, "future").get(0);
 * agile.moveToSprint("PLAT-3", future);
 * }</pre>
 *
 * Thread-safe.
 */
public final class AgileData {
  private final java.time.Clock clock;
  private final SiteModel s;

  AgileData(java.time.Clock clock, SiteModel s) {
    this.clock = clock;
    this.s = s;
  }

  private AgileModel a() {
    return s.agile;
  }

  // ------------------------------------------------------------------ counts and lookups

  /** Board ids of live projects, ascending. */
  public List<Long> boardIds() {
    return s.read(() -> {
      List<Long> out = new ArrayList<>();
      for (BoardRec b : a().boards) {
        if (!b.project.archived) {
          out.add(b.id);
        }
      }
      return out;
    });
  }

  public long boardCount() {
    return boardIds().size();
  }

  /** The board's type: {@code scrum} or {@code kanban}. */
  public String boardType(long boardId) {
    return s.read(() -> requireBoard(boardId).type);
  }

  /** The key of the project the board is located in. */
  public String boardProjectKey(long boardId) {
    return s.read(() -> requireBoard(boardId).project.key);
  }

  /** Sprints of a board in the given state ({@code future}, {@code active}, {@code closed}; null = all). */
  public List<Long> sprintIds(long boardId, String state) {
    return s.read(() -> {
      List<Long> out = new ArrayList<>();
      for (SprintRec sp : a().sprintsOf(boardId)) {
        if (state == null || state.equals(sp.state)) {
          out.add(sp.id);
        }
      }
      return out;
    });
  }

  /** Sprints of the boards of live projects. */
  public long sprintCount() {
    return s.read(() -> {
      long n = 0;
      for (BoardRec b : a().boards) {
        if (!b.project.archived) {
          n += a().sprintsOf(b.id).size();
        }
      }
      return n;
    });
  }

  public String sprintState(long sprintId) {
    return s.read(() -> requireSprint(sprintId).state);
  }

  public String sprintGoal(long sprintId) {
    return s.read(() -> requireSprint(sprintId).goal);
  }

  /** (issue, sprint) pairs of issues in live projects: what a sprint membership table holds. */
  public long sprintMembershipCount() {
    return s.read(() -> {
      long n = 0;
      for (Map.Entry<Long, List<Long>> e : a().membership.entrySet()) {
        IssueRec is = s.issuesById.get(e.getKey());
        if (is != null && !is.project.archived) {
          n += e.getValue().size();
        }
      }
      return n;
    });
  }

  /** The sprints an issue went through, oldest first (the last may be open). */
  public List<Long> sprintsOf(String issueIdOrKey) {
    return s.read(() -> List.copyOf(a().sprintIdsOf(s.requireIssue(issueIdOrKey).id)));
  }

  /** Issue ids whose Sprint field lists the sprint. */
  public List<String> issuesInSprint(long sprintId) {
    return s.read(() -> {
      List<String> out = new ArrayList<>();
      for (IssueRec is : a().issuesOf(s, sprintId)) {
        out.add(Long.toString(is.id));
      }
      return out;
    });
  }

  /** The id of an issue (of a live project) that went through at least {@code n} sprints, or null. */
  public String issueThroughSprints(int n) {
    return s.read(() -> {
      long best = Long.MAX_VALUE;
      for (Map.Entry<Long, List<Long>> e : a().membership.entrySet()) {
        IssueRec is = s.issuesById.get(e.getKey());
        if (is != null && !is.project.archived && e.getValue().size() >= n) {
          best = Math.min(best, is.id);
        }
      }
      return best == Long.MAX_VALUE ? null : Long.toString(best);
    });
  }

  /** The id of the issue's epic ({@code parent}), or null. */
  public String parentOf(String issueIdOrKey) {
    return s.read(() -> {
      Long p = a().parents.get(s.requireIssue(issueIdOrKey).id);
      return p == null || !s.issuesById.containsKey(p) ? null : Long.toString(p);
    });
  }

  /** Issues of live projects that have an epic as {@code parent}. */
  public long issuesWithParentCount() {
    return s.read(() -> {
      long n = 0;
      for (Map.Entry<Long, Long> e : a().parents.entrySet()) {
        IssueRec is = s.issuesById.get(e.getKey());
        if (is != null && !is.project.archived && s.issuesById.containsKey(e.getValue())) {
          n++;
        }
      }
      return n;
    });
  }

  /** Whether the project is team-managed (the dataset's odd-indexed projects) rather than company-managed. */
  public boolean teamManaged(String projectKey) {
    return s.read(() -> AgileModel.teamManaged(s.requireProject(projectKey), s.projects));
  }

  // ------------------------------------------------------------------ mutations

  /** Moves an issue into a sprint (see the class comment); adds a "Sprint" changelog entry; moves {@code updated}. */
  public void moveToSprint(String issueIdOrKey, long sprintId) {
    s.write(() -> {
      IssueRec is = s.requireIssue(issueIdOrKey);
      SprintRec to = requireSprint(sprintId);
      List<Long> before = a().sprintIdsOf(is.id);
      String from = before.isEmpty() ? null : names(before);
      String fromIds = before.isEmpty() ? null : ids(before);
      a().moveTo(is, to.id);
      long now = now();
      long at = SiteModel.bump(is, now);
      List<Long> after = a().sprintIdsOf(is.id);
      s.addHistory(is, 0, at, "Sprint", from, names(after), fromIds, ids(after));
      SiteModel.touch(is, at, now);
      return null;
    });
  }

  /** Starts a future sprint (now, for two weeks); no issue changes. */
  public void startSprint(long sprintId) {
    s.write(() -> {
      SprintRec sp = requireSprint(sprintId);
      sp.state = "active";
      sp.start = now();
      sp.end = sp.start + AgileModel.SPRINT_LENGTH;
      return null;
    });
  }

  /** Completes an active sprint (now); its issues keep it in their Sprint field; no issue changes. */
  public void completeSprint(long sprintId) {
    s.write(() -> {
      SprintRec sp = requireSprint(sprintId);
      sp.state = "closed";
      sp.complete = now();
      return null;
    });
  }

  /** Changes a sprint's goal; no issue changes. */
  public void editSprintGoal(long sprintId, String goal) {
    Objects.requireNonNull(goal, "goal == null");
    s.write(() -> {
      requireSprint(sprintId).goal = goal;
      return null;
    });
  }

  /** Creates a future sprint on a scrum board and returns its id. */
  public long createSprint(long boardId, String name) {
    Objects.requireNonNull(name, "name == null");
    return s.write(() -> {
      BoardRec b = requireBoard(boardId);
      if (!b.type.equals("scrum")) {
        throw new IllegalArgumentException("board " + boardId + " is a " + b.type + " board: no sprints");
      }
      SprintRec sp = new SprintRec(a().nextSprintId++, b.id, name, "future", null, null, null, "");
      a().sprints.put(sp.id, sp);
      return sp.id;
    });
  }

  /** Deletes a sprint; it leaves every issue's Sprint field (no issue's {@code updated} moves). */
  public void deleteSprint(long sprintId) {
    s.write(() -> {
      requireSprint(sprintId);
      a().deleteSprint(sprintId);
      return null;
    });
  }

  /** Deletes a board with its sprints. */
  public void deleteBoard(long boardId) {
    s.write(() -> {
      requireBoard(boardId);
      a().deleteBoard(boardId);
      return null;
    });
  }

  // ------------------------------------------------------------------ helpers

  private long now() {
    return clock.millis();
  }

  private BoardRec requireBoard(long id) {
    BoardRec b = a().board(id);
    if (b == null) {
      throw new IllegalArgumentException("no board " + id + " on site " + s.site.name());
    }
    return b;
  }

  private SprintRec requireSprint(long id) {
    SprintRec sp = a().sprints.get(id);
    if (sp == null) {
      throw new IllegalArgumentException("no sprint " + id + " on site " + s.site.name());
    }
    return sp;
  }

  private String names(List<Long> ids) {
    List<String> n = new ArrayList<>();
    for (long id : ids) {
      SprintRec sp = a().sprints.get(id);
      n.add(sp == null ? Long.toString(id) : sp.name);
    }
    return String.join(", ", n);
  }

  private static String ids(List<Long> ids) {
    List<String> n = new ArrayList<>();
    for (long id : ids) {
      n.add(Long.toString(id));
    }
    return String.join(", ", n);
  }

  @Override
  public String toString() {
    return "AgileData[" + s.site.name() + "]";
  }
}
