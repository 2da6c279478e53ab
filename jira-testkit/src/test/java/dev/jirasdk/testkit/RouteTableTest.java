package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake's one table of routes agrees with the vendored spec, and finds the route a request means. */
class RouteTableTest {
  static Map<String, Object> paths;
  static Routes routes;

  @BeforeAll
  static void load() throws IOException {
    String spec;
    try (InputStream in = RouteTableTest.class.getResourceAsStream("/jira-platform-openapi-v3.json")) {
      spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    paths = Json.asObject(Json.asObject(Json.parse(spec)).get("paths"));
    routes = Routes.of(new JiraApi(Clock.systemUTC()));
    platform = routes.all().stream().filter(r -> r.template().startsWith(JiraApi.API + "/")).toList();
  }

  /** The platform group; the Agile group is checked against the Jira Software spec by AgileSpecContractTest. */
  private static List<Route> platform;

  private static Map<String, Object> operation(Route r) {
    Map<String, Object> item = Json.asObject(paths.get(r.template()));
    assertNotNull(item, r.template() + " is not a path of the spec");
    Map<String, Object> op = Json.asObject(item.get(r.method().toLowerCase(Locale.ROOT)));
    assertNotNull(op, r.method() + " " + r.template() + " is not an operation of the spec");
    return op;
  }

  @Test
  void everyRouteIsAnOperationOfTheSpecWithItsOperationIdAndQueryParameters() {
    assertEquals(routes.all().size(), routes.byOperation().size(), "one route per operation");
    assertTrue(platform.size() > 40 && platform.size() < routes.all().size(), "both groups are in the table");
    for (Route r : platform) {
      Map<String, Object> op = operation(r);
      String where = r.method() + " " + r.template();
      assertEquals(op.get("operationId"), r.operationId(), where);
      Set<String> query = new TreeSet<>();
      List<Object> params = new ArrayList<>();
      if (op.get("parameters") instanceof List<?> l) {
        params.addAll(l);
      }
      for (Object o : params) {
        Map<String, Object> p = Json.asObject(o);
        if ("query".equals(p.get("in"))) {
          query.add((String) p.get("name"));
        }
      }
      assertEquals(query, new TreeSet<>(r.queryParams()), where);
    }
  }

  @Test
  void everyRouteNeedsExactlyTheClassicScopesOfTheSpecsSecurityRequirement() {
    int stated = 0;
    for (Route r : platform) {
      Set<String> classic = new TreeSet<>();
      if (operation(r).get("security") instanceof List<?> requirements) {
        for (Object o : requirements) {
          if (Json.asObject(o).get("OAuth2") instanceof List<?> scopes) {
            for (Object s : scopes) {
              classic.add((String) s);
            }
          }
        }
      }
      if (!classic.isEmpty()) {
        stated++;
        assertEquals(classic, new TreeSet<>(r.scopes()), r.method() + " " + r.template());
      }
      assertFalse(r.scopes().isEmpty(), r.method() + " " + r.template() + " needs no scope");
    }
    assertEquals(platform.size(), stated, "the spec states the scopes of every route the fake serves");
  }

  @Test
  void aRequestFindsTheMostSpecificRouteOfItsMethodAndItsPathVariables() {
    Routes.Match m = routes.find("PUT", "/rest/api/3/issue/PLAT-7/comment/10010");
    assertEquals("updateComment", m.route().operationId());
    assertEquals(List.of("PLAT-7", "10010"), m.vars());
    assertEquals("getProjectComponentsPaginated", routes.find("GET", "/rest/api/3/project/PLAT/component").route().operationId());
    assertEquals("searchProjects", routes.find("GET", "/rest/api/3/project/search").route().operationId());
    assertEquals("getIssue", routes.find("HEAD", "/rest/api/3/issue/10001").route().operationId());
    assertEquals("bulkFetchIssues", routes.find("POST", "/rest/api/3/issue/bulkfetch").route().operationId());
    assertNull(routes.find("POST", "/rest/api/3/myself"));
    assertNull(routes.find("GET", "/rest/api/3/serverInfo"));
    assertNull(routes.find("GET", "/rest/api/3/issue/"));
  }

  @Test
  void theJournalPatternIsTheRoutesTemplateWithIdsOrThePathItself() {
    assertEquals("/rest/api/3/issue/{id}/comment/{id}", routes.pattern("/rest/api/3/issue/PLAT-7/comment/10010"));
    assertEquals("/rest/api/3/project/{id}/version", routes.pattern("/rest/api/3/project/10000/version"));
    assertEquals("/rest/api/3/project/search", routes.pattern("/rest/api/3/project/search"));
    assertEquals("/rest/api/3/issue/bulkfetch", routes.pattern("/rest/api/3/issue/bulkfetch"));
    assertEquals("/rest/api/3/search", routes.pattern("/rest/api/3/search"));
    assertEquals("/rest/api/3/serverInfo", routes.pattern("/rest/api/3/serverInfo"));
  }

  @Test
  void removedEndpointsAreNotRoutesButAnswerGone() {
    for (Routes.Gone g : Routes.GONE) {
      assertNull(routes.find("GET", g.path()), g.path());
      assertTrue(g.message().contains("removed"), g.path());
    }
  }
}
