package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every row of the scope table states what Atlassian's spec (vendored in the testkit) requires. */
class EndpointScopesTest {
  /** The spec as vendored in the testkit's test tree (tests run in the module's directory). */
  private static final Path SPEC = Path.of("..", "jira-testkit", "src", "test", "resources",
      "jira-platform-openapi-v3.json");
  /** The Jira Software (Agile) spec, vendored next to it. */
  private static final Path SOFTWARE_SPEC = Path.of("..", "jira-testkit", "src", "test", "resources",
      "jira-software-openapi-v3.json");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec() throws IOException {
    return read(SPEC);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(Path spec) throws IOException {
    JsonAdapter<Map<String, Object>> adapter =
        Json.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    return adapter.fromJson(Files.readString(spec));
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyEntryNamesExactlyTheClassicScopesOfTheSpecsSecurityRequirement() throws IOException {
    Map<String, Object> paths = new java.util.HashMap<>((Map<String, Object>) spec().get("paths"));
    paths.putAll((Map<String, Object>) read(SOFTWARE_SPEC).get("paths"));
    for (EndpointScopes.Entry e : EndpointScopes.entries()) {
      String where = e.method() + " /" + e.template();
      Map<String, Object> item = (Map<String, Object>) paths.get("/" + e.template());
      assertNotNull(item, where + " is not a path of the spec");
      Map<String, Object> op = (Map<String, Object>) item.get(e.method().toLowerCase(Locale.ROOT));
      assertNotNull(op, where + " is not an operation of the spec");
      Set<String> classic = new HashSet<>();
      for (Map<String, Object> requirement : (List<Map<String, Object>>) op.get("security")) {
        Object oauth = requirement.get("OAuth2");
        if (oauth != null) classic.addAll((List<String>) oauth);
      }
      if (classic.isEmpty() && e.template().equals("rest/agile/1.0/board")) {
        // the spec lists no scope for the board listing; the table names those of Atlassian's documentation
        continue;
      }
      assertEquals(classic, e.scopes(), where);
    }
  }

  @Test
  void aConcretePathFindsItsTemplateAndAnUnknownOneNothing() {
    assertEquals(Set.of("write:jira-work"), EndpointScopes.required("put", "/rest/api/3/issue/PROJ-7/comment/10?x=1"));
    assertEquals(Set.of("read:jira-work"), EndpointScopes.required("GET", "rest/api/3/issue/10001/comment"));
    assertEquals(Set.of("manage:jira-configuration"), EndpointScopes.required("GET", "rest/api/3/permissions"));
    assertTrue(EndpointScopes.required("GET", "rest/api/3/serverInfo").isEmpty());
    assertTrue(EndpointScopes.required("POST", "rest/api/3/permissions").isEmpty());
  }

  @Test
  void aRequestNamesTheScopesOfItsEndpointAPlaceholderStandingForAnyValue() {
    assertEquals(Set.of("read:jira-work"), JiraRequest.get("rest/api/3/issue/{issueId}/comment").build().scopesNeeded());
    assertEquals(Set.of("read:jira-user"), JiraRequest.get("/rest/api/3/users/search").build().scopesNeeded());
    assertTrue(JiraRequest.get("rest/api/3/serverInfo").build().scopesNeeded().isEmpty());
  }
}
