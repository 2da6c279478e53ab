package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void utf8WriterMatchesTheStringWriterForAnyText() {
    Object tree = Json.obj("ascii", "plain", "quotes", "say \"hi\" \\ back", "controls", "a\nb\tc\r\u0001",
        "latin", "Zoë Åkesson — Größe ≥ 10", "cjk", "修复登录超时问题", "rtl", "تحديث", "emoji", "🚀 launch",
        "separators", "x\u2028y\u2029z", "numbers", List.of(1, 2.5, 3.0, -7L), "nested", Map.of("b", true),
        "null", null, "raw", new Json.RawJson("{\"k\":\"ü\"}"));
    byte[] utf8 = Json.bytes(tree);
    assertArrayEquals(Json.string(tree).getBytes(StandardCharsets.UTF_8), utf8);
    Map<String, Object> back = Json.asObject(Json.parse(new String(utf8, StandardCharsets.UTF_8)));
    assertEquals("🚀 launch", back.get("emoji"));
    assertEquals("a\nb\tc\r\u0001", back.get("controls"));
    assertEquals(Map.of("k", "ü"), back.get("raw"));
  }

  @Test
  void parseRejectsMalformedDocuments() {
    assertNull(Json.parse(")"));
    assertNull(Json.parse("{\"a\":1} trailing"));
    assertNull(Json.parse(""));
  }
}
