package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write endpoints change the site's state: later reads, searches and changelogs see every change. */
class IssueWritesTest {
  private static final String ADF = "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\","
      + "\"content\":[{\"type\":\"text\",\"text\":\"%s\"}]}]}";
  private final MutableClock clock = MutableClock.create();
  private FakeJiraCloud fake;
  private String token;
  private String cloudId;

  @BeforeEach
  void setUp() {
    fake = FakeJiraCloud.builder().clock(clock).build().start();
    cloudId = fake.sites().get(0).cloudId();
    token = TestClient.connect(fake).accessToken();
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private TestClient.Answer send(String method, String path, String body) {
    return TestClient.send(method, TestClient.api(fake, cloudId, path), body, token);
  }

  private Map<String, Object> fields(String key) {
    TestClient.Answer a = send("GET", "/rest/api/3/issue/" + key, null);
    assertEquals(200, a.code(), a.body());
    return Json.asObject(a.json().get("fields"));
  }

  private String create(String extraFields) {
    TestClient.Answer a = send("POST", "/rest/api/3/issue", "{\"fields\":{\"project\":{\"key\":\"PLAT\"},"
        + "\"issuetype\":{\"name\":\"Task\"},\"summary\":\"Written\"" + extraFields + "}}");
    assertEquals(201, a.code(), a.body());
    return (String) a.json().get("key");
  }

  @Test
  void createdFieldsAreWhatLaterReadsAndSearchesSee() {
    String account = fake.users().get(2).accountId();
    String key = create(",\"labels\":[\"one\",\"two\"],\"priority\":{\"id\":\"1\"},\"assignee\":{\"accountId\":\""
        + account + "\"},\"description\":" + String.format(ADF, "Details") + ",\"customfield_10016\":8");
    Map<String, Object> f = fields(key);
    assertEquals(List.of("one", "two"), f.get("labels"));
    assertEquals("Highest", Json.asObject(f.get("priority")).get("name"));
    assertEquals(account, Json.asObject(f.get("assignee")).get("accountId"));
    assertEquals(8.0, ((Number) f.get("customfield_10016")).doubleValue());
    assertTrue(Json.string(f.get("description")).contains("Details"));

    TestClient.Answer search = send("GET", "/rest/api/3/search/jql?jql=" + TestClient.enc("project = PLAT ORDER BY created DESC")
        + "&fields=summary,labels&maxResults=1", null);
    Map<String, Object> first = Json.asObject(((List<?>) search.json().get("issues")).get(0));
    assertEquals(key, first.get("key"));
    assertEquals("Written", Json.asObject(first.get("fields")).get("summary"));
  }

  @Test
  void editsAndTransitionsMoveUpdatedAndLeaveChangelogEntries() {
    String key = create("");
    clock.advance(Duration.ofMinutes(5));
    Instant edited = clock.instant();
    assertEquals(204, send("PUT", "/rest/api/3/issue/" + key, "{\"fields\":{\"summary\":\"Renamed\",\"description\":null}}").code());
    Map<String, Object> f = fields(key);
    assertEquals("Renamed", f.get("summary"));
    assertNull(f.get("description"));
    assertTrue(f.containsKey("description"));

    TestClient.Answer t = send("GET", "/rest/api/3/issue/" + key + "/transitions", null);
    List<?> transitions = (List<?>) t.json().get("transitions");
    assertEquals(Render.STATUSES.length - 1, transitions.size(), "every status but the current one");
    Map<String, Object> done = transitions.stream().map(Json::asObject).filter(x -> x.get("name").equals("Done"))
        .findFirst().orElseThrow();
    assertEquals(204, send("POST", "/rest/api/3/issue/" + key + "/transitions",
        "{\"transition\":{\"id\":\"" + done.get("id") + "\"}}").code());
    f = fields(key);
    assertEquals("Done", Json.asObject(f.get("status")).get("name"));
    assertTrue(f.get("resolution") != null, "a done issue has a resolution");
    assertTrue(Instant.parse(((String) f.get("updated")).replace("+0000", "Z")).compareTo(edited) >= 0);
    TestClient.Answer again = send("POST", "/rest/api/3/issue/" + key + "/transitions",
        "{\"transition\":{\"id\":\"" + done.get("id") + "\"}}");
    assertEquals(400, again.code(), "the issue is already Done: that transition is not available");
    assertTrue(again.body().contains("is not valid for this issue"), again.body());

    TestClient.Answer log = send("GET", "/rest/api/3/issue/" + key + "/changelog", null);
    String changes = Json.string(log.json().get("values"));
    assertTrue(changes.contains("\"field\":\"summary\"") && changes.contains("\"field\":\"status\""), changes);
  }

  @Test
  void assigningChecksTheAccountAndUnassigningClears() {
    String key = create("");
    String account = fake.users().get(1).accountId();
    assertEquals(204, send("PUT", "/rest/api/3/issue/" + key + "/assignee", "{\"accountId\":\"" + account + "\"}").code());
    assertEquals(account, Json.asObject(fields(key).get("assignee")).get("accountId"));
    TestClient.Answer bad = send("PUT", "/rest/api/3/issue/" + key + "/assignee", "{\"accountId\":\"nobody\"}");
    assertEquals(400, bad.code());
    assertTrue(bad.body().contains("nobody"), bad.body());
    assertEquals(account, Json.asObject(fields(key).get("assignee")).get("accountId"), "a refused write changes nothing");
    assertEquals(204, send("PUT", "/rest/api/3/issue/" + key + "/assignee", "{\"accountId\":null}").code());
    assertNull(fields(key).get("assignee"));
  }

  @Test
  void commentsCanBeAddedEditedAndDeleted() {
    String key = "PLAT-3";
    TestClient.Answer added = send("POST", "/rest/api/3/issue/" + key + "/comment", "{\"body\":" + String.format(ADF, "first") + "}");
    assertEquals(201, added.code(), added.body());
    String id = (String) added.json().get("id");
    clock.advance(Duration.ofMinutes(1));
    TestClient.Answer edited = send("PUT", "/rest/api/3/issue/" + key + "/comment/" + id, "{\"body\":" + String.format(ADF, "second") + "}");
    assertEquals(200, edited.code(), edited.body());
    assertTrue(Json.string(edited.json().get("body")).contains("second"));
    assertFalse(edited.json().get("created").equals(edited.json().get("updated")));
    TestClient.Answer list = send("GET", "/rest/api/3/issue/" + key + "/comment", null);
    String all = Json.string(list.json().get("comments"));
    assertTrue(all.contains("second") && !all.contains("\"first\""), all);
    assertEquals(400, send("POST", "/rest/api/3/issue/" + key + "/comment", "{\"body\":\"plain text\"}").code());
    assertEquals(204, send("DELETE", "/rest/api/3/issue/" + key + "/comment/" + id, null).code());
    assertEquals(404, send("PUT", "/rest/api/3/issue/" + key + "/comment/" + id, "{\"body\":" + String.format(ADF, "x") + "}").code());
  }

  @Test
  void unknownFieldsAndUpdateOperationsAreRefusedByName() {
    TestClient.Answer a = send("POST", "/rest/api/3/issue", "{\"fields\":{\"project\":{\"key\":\"PLAT\"},"
        + "\"issuetype\":{\"name\":\"Task\"},\"summary\":\"x\",\"customfield_99999\":1}}");
    assertEquals(400, a.code());
    assertTrue(a.body().contains("customfield_99999"), a.body());
    TestClient.Answer u = send("PUT", "/rest/api/3/issue/PLAT-1", "{\"update\":{\"labels\":[{\"add\":\"x\"}]}}");
    assertEquals(400, u.code());
    assertTrue(u.body().contains("update"), u.body());
  }
}
