package dev.jirasdk.jira;

import dev.jirasdk.auth.JiraApiException;
import dev.jirasdk.auth.JiraRequest;
import dev.jirasdk.auth.UnexpectedResponseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues: read, create, edit, delete, move through the workflow, assign. Get one from {@link JiraApi#issues()}.
 *
 * <pre>{@code
 * Issues issues = jira.issues();
 * Issue issue = issues.get("ACME-42", "summary", "status", "customfield_10016");
 * issues.transition("ACME-42", "Done");          // by transition name, target status name or id
 * issues.assign("ACME-42", accountId);
 * }</pre>
 *
 * Thread-safe.
 */
public final class Issues {
  private final JiraApi api;
  private final WriteSpacer spacer;

  Issues(JiraApi api, WriteSpacer spacer) {
    this.api = api;
    this.spacer = spacer;
  }

  /**
   * The issue with the given fields (all navigable fields when none are named).
   *
   * @throws JiraApiException with status 404 if it does not exist or the user may not see it
   */
  public Issue get(String issueIdOrKey, String... fields) {
    JiraRequest.Builder b = JiraRequest.get("rest/api/3/issue/" + Ids.issue(issueIdOrKey));
    Objects.requireNonNull(fields, "fields == null");
    if (fields.length > 0) b.query("fields", String.join(",", fields));
    JiraRequest request = b.build();
    return JsonTree.model(request.endpoint(), api.object(request), Issue::of);
  }

  /** Like {@link #get}, but empty when Jira answers 404 (missing, or not visible to this user). */
  public Optional<Issue> find(String issueIdOrKey, String... fields) {
    try {
      return Optional.of(get(issueIdOrKey, fields));
    } catch (JiraApiException e) {
      if (e.status() == 404) return Optional.empty();
      throw e;
    }
  }

  /** Creates the issue and returns its id and key. */
  public IssueRef create(NewIssue issue) {
    Objects.requireNonNull(issue, "issue == null");
    JiraRequest request = JiraRequest.post("rest/api/3/issue")
        .jsonBody(JsonTree.write(Map.of("fields", issue.fields()))).build();
    Map<String, Object> json = api.object(request);
    return new IssueRef(required(request, json, "id"), required(request, json, "key"));
  }

  /** Changes the fields named in {@code edit}; others stay as they are. */
  public void edit(String issueIdOrKey, IssueEdit edit) {
    Objects.requireNonNull(edit, "edit == null");
    write(issueIdOrKey, JiraRequest.put("rest/api/3/issue/" + Ids.issue(issueIdOrKey))
        .jsonBody(JsonTree.write(Map.of("fields", edit.fields()))).build());
  }

  /** Deletes the issue (Jira refuses if it has subtasks). */
  public void delete(String issueIdOrKey) {
    write(issueIdOrKey, JiraRequest.delete("rest/api/3/issue/" + Ids.issue(issueIdOrKey)).build());
  }

  /** The transitions the issue can take now, in Jira's order. */
  public List<Transition> transitions(String issueIdOrKey) {
    JiraRequest request = JiraRequest.get("rest/api/3/issue/" + Ids.issue(issueIdOrKey) + "/transitions").build();
    Map<String, Object> json = api.object(request);
    if (!(json.get("transitions") instanceof List<?> list)) {
      throw new UnexpectedResponseException(request.endpoint(), 200,
          "expected an array at $.transitions, got " + JsonTree.kind(json.get("transitions")));
    }
    List<Transition> out = new ArrayList<>();
    for (Object o : list) {
      Map<String, Object> t = JsonTree.asMap(o);
      if (t != null) out.add(JsonTree.model(request.endpoint(), t, Transition::of));
    }
    return List.copyOf(out);
  }

  /**
   * Moves the issue through the transition named {@code transition}: its id, its name, or the name of the status
   * it leads to (case-insensitive, in that order). Returns the transition taken.
   *
   * @throws IllegalArgumentException if no available transition matches; the message lists those that do exist
   */
  public Transition transition(String issueIdOrKey, String transition) {
    Objects.requireNonNull(transition, "transition == null");
    if (transition.isBlank()) throw new IllegalArgumentException("transition is blank");
    List<Transition> available = transitions(issueIdOrKey);
    Transition chosen = pick(available, transition).orElseThrow(() -> new IllegalArgumentException(
        "no transition '" + transition + "' is available for " + issueIdOrKey + "; available: "
            + describe(available)));
    transition(issueIdOrKey, chosen);
    return chosen;
  }

  /** Takes {@code transition} (one of {@link #transitions}). */
  public void transition(String issueIdOrKey, Transition transition) {
    Objects.requireNonNull(transition, "transition == null");
    write(issueIdOrKey, JiraRequest.post("rest/api/3/issue/" + Ids.issue(issueIdOrKey) + "/transitions")
        .jsonBody(JsonTree.write(Map.of("transition", Map.of("id", transition.id())))).build());
  }

  /** Assigns the issue to the account. */
  public void assign(String issueIdOrKey, String accountId) {
    Ids.account(accountId);
    write(issueIdOrKey, JiraRequest.put("rest/api/3/issue/" + Ids.issue(issueIdOrKey) + "/assignee")
        .jsonBody(JsonTree.write(Map.of("accountId", accountId))).build());
  }

  /** Leaves the issue unassigned. */
  public void unassign(String issueIdOrKey) {
    Map<String, Object> body = new HashMap<>();
    body.put("accountId", null);
    write(issueIdOrKey, JiraRequest.put("rest/api/3/issue/" + Ids.issue(issueIdOrKey) + "/assignee")
        .jsonBody(JsonTree.write(body)).build());
  }

  private void write(String issueIdOrKey, JiraRequest request) {
    spacer.beforeWrite(issueIdOrKey, request.endpoint());
    api.send(request);
  }

  static Optional<Transition> pick(List<Transition> available, String wanted) {
    String w = wanted.toLowerCase(Locale.ROOT);
    for (Transition t : available) if (t.id().equals(wanted)) return Optional.of(t);
    for (Transition t : available) if (t.name().toLowerCase(Locale.ROOT).equals(w)) return Optional.of(t);
    for (Transition t : available) if (t.to().name().toLowerCase(Locale.ROOT).equals(w)) return Optional.of(t);
    return Optional.empty();
  }

  private static String describe(List<Transition> available) {
    if (available.isEmpty()) return "none";
    List<String> names = new ArrayList<>();
    for (Transition t : available) names.add(t.name() + " (id " + t.id() + " -> " + t.to().name() + ")");
    return String.join(", ", names);
  }

  private static String required(JiraRequest request, Map<String, Object> json, String name) {
    String v = JsonTree.string(json, name);
    if (v == null) {
      throw new UnexpectedResponseException(request.endpoint(), 201, "expected a string at $." + name);
    }
    return v;
  }
}
