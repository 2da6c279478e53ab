package dev.jirasdk.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminTokenTest {
  @Test
  void everyApiCallNeedsTheAdminTokenWhenOneIsConfigured() {
    try (Fixture f = new Fixture(Map.of("ADMIN_TOKEN", "0123456789abcdef-admin"))) {
      HttpProbe http = f.http;
      HttpProbe.Answer missing = http.get("/api/accounts");
      assertEquals(401, missing.code());
      assertEquals("admin_token_required", missing.errorCode());
      assertEquals(401, http.post("/auth/start").code());
      HttpProbe.Answer health = http.get("/health");
      assertEquals(200, health.code());
      assertFalse(health.json().containsKey("connections"), "health hides details without the token");
      http.extraHeaders.put("Authorization", "Bearer wrong-token-wrong-token");
      assertEquals(401, http.get("/api/accounts").code());
      http.extraHeaders.put("Authorization", "Bearer 0123456789abcdef-admin");
      assertEquals(200, http.get("/api/accounts").code());
      assertEquals(200, http.post("/auth/start").code());
    }
  }
}
