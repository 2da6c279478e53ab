package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The fake's table of served operations and their query parameters matches the vendored spec. */
class KnownOperationsTest {
  @Test
  void everyServedOperationExistsInTheSpecWithTheSameQueryParameters() throws IOException {
    String spec;
    try (InputStream in = getClass().getResourceAsStream("/jira-platform-openapi-v3.json")) {
      spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Object> paths = Json.asObject(Json.asObject(Json.parse(spec)).get("paths"));
    for (String[] op : KnownOperations.OPERATIONS) {
      Map<String, Object> operation = null;
      for (Map.Entry<String, Object> p : paths.entrySet()) {
        if (p.getKey().replaceAll("\\{[^}]+}", "{id}").equals(op[1])) {
          operation = Json.asObject(Json.asObject(p.getValue()).get(op[0].toLowerCase(Locale.ROOT)));
          if (operation != null) {
            break;
          }
        }
      }
      assertNotNull(operation, op[0] + " " + op[1] + " is not in the spec");
      Set<String> query = new TreeSet<>();
      List<Object> params = new ArrayList<>();
      if (operation.get("parameters") instanceof List<?> l) {
        params.addAll(l);
      }
      for (Object o : params) {
        Map<String, Object> p = Json.asObject(o);
        if ("query".equals(p.get("in"))) {
          query.add((String) p.get("name"));
        }
      }
      assertEquals(query, new TreeSet<>(op[2].isEmpty() ? Set.of() : Set.of(op[2].split(","))), op[0] + " " + op[1]);
    }
  }
}
