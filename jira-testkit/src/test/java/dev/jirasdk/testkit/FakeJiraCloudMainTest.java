package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FakeJiraCloudMainTest {
  @Test
  void runStartsASandboxOnLoopback() {
    try (FakeJiraCloud fake = FakeJiraCloudMain.run("--dataset", "small", "--seed", "3")) {
      assertTrue(fake.apiBaseUrl().startsWith("http://127.0.0.1:"));
      assertEquals(3, fake.seed());
      TestClient.Tokens t = TestClient.connect(fake);
      assertTrue(t.accessToken().length() > 400, "JWT-sized access tokens");
      assertEquals(3, t.accessToken().split("\\.").length);
      assertEquals(200, TestClient.get(fake.apiBaseUrl() + "/oauth/token/accessible-resources", t.accessToken()).code());
    }
  }

  @Test
  void runRejectsUnknownOptions() {
    assertThrows(IllegalArgumentException.class, () -> FakeJiraCloudMain.run("--nope", "1"));
    assertThrows(IllegalArgumentException.class, () -> FakeJiraCloudMain.run("--port"));
  }
}
