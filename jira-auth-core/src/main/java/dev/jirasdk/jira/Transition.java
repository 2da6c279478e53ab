package dev.jirasdk.jira;

import java.util.Map;
import java.util.Objects;

/**
 * A workflow transition an issue can take now. Immutable.
 *
 * @param id the transition id ({@code POST issue/{id}/transitions} needs it)
 * @param name the transition's name, often the target status's name
 * @param to the status the issue will be in afterwards
 */
public record Transition(String id, String name, Status to) {
  public Transition {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(to, "to == null");
  }

  static Transition of(Map<String, Object> json) {
    Status to = Status.of(JsonTree.asMap(json.get("to")));
    if (to == null) throw new IllegalArgumentException("expected an object at $.transitions[].to");
    return new Transition(JsonTree.requireString(json, "id", "$.transitions[]"),
        JsonTree.requireString(json, "name", "$.transitions[]"), to);
  }
}
