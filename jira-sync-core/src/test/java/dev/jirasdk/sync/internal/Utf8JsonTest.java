package dev.jirasdk.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.MalformedResponseException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class Utf8JsonTest {

  @Test
  void decodesEveryKindOfValue() {
    Object v = Utf8Json.parse("{\"s\":\"x\",\"i\":-42,\"big\":12345678901234567890,\"d\":1.5e3,\"z\":-0,"
        + "\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"two\",[],{}],\"o\":{}}");
    Map<?, ?> m = assertInstanceOf(Map.class, v);
    assertEquals("x", m.get("s"));
    assertEquals(-42L, m.get("i"));
    assertEquals(1.2345678901234567e19, m.get("big"));
    assertEquals(1500.0, m.get("d"));
    assertEquals(0L, m.get("z"));
    assertEquals(Boolean.TRUE, m.get("t"));
    assertEquals(Boolean.FALSE, m.get("f"));
    assertNull(m.get("n"));
    assertTrue(m.containsKey("n"));
    assertEquals(List.of(1L, "two", List.of(), Map.of()), m.get("a"));
    assertEquals(List.of("s", "i", "big", "d", "z", "t", "f", "n", "a", "o"), new ArrayList<>(m.keySet()));
  }

  @Test
  void decodesEscapesAndNonAsciiText() {
    String json = "[\"caf\u00e9 \u65e5\u672c \ud83d\ude00\", \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"\\u00e9\\ud83d\\ude00x\","
        + " \"\u00e9\\n\u00e9\"]";
    assertEquals(List.of("caf\u00e9 \u65e5\u672c \ud83d\ude00", "a\"b\\c/d\b\f\n\r\t", "\u00e9\ud83d\ude00x",
        "\u00e9\n\u00e9"), Utf8Json.parse(json));
  }

  @Test
  void keepsTheExactBytesOfEveryElement() {
    String first = "{ \"id\" : \"1\", \"v\": 1.50, \"u\": \"\\u00e9\u00e9\" }";
    String json = "{\"items\": [" + first + " ,\n\t\"plain\", 7, null]}";
    Utf8Json.Arr items = (Utf8Json.Arr) ((Map<?, ?>) Utf8Json.parse(json)).get("items");
    assertEquals(first, new String(items.raw(0), StandardCharsets.UTF_8));
    assertEquals("\"plain\"", new String(items.raw(1), StandardCharsets.UTF_8));
    assertEquals("7", items.item(2).json());
    assertEquals("null", items.item(3).json());
    assertEquals(first, new String(((Utf8Json.Obj) items.get(0)).raw(), StandardCharsets.UTF_8));
  }

  @Test
  void objectsBehaveAsReadOnlyMaps() {
    StringBuilder big = new StringBuilder("{");
    Map<String, Object> expected = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      big.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
      expected.put("k" + i, (long) i);
    }
    Map<?, ?> m = (Map<?, ?>) Utf8Json.parse(big.append('}').toString());
    assertEquals(expected, m);
    assertEquals(expected.hashCode(), m.hashCode());
    assertEquals(39L, m.get("k39"));
    assertNull(m.get("k40"));
    assertNull(m.get(7));
    assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) cast(m)).put("x", 1));
    assertEquals(2L, ((Map<?, ?>) Utf8Json.parse("{\"a\":1,\"a\":2}")).get("a"), "a repeated name: the last wins");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  @Test
  void malformedDocumentsAreRejectedWithTheirOffset() {
    String[][] cases = {
      {"", "empty document"},
      {"   ", "empty document"},
      {"{\"a\":1", "unterminated object"},
      {"{\"a\":1,}", "expected a member name"},
      {"[1,]", "unexpected ']'"},
      {"[1 2]", "expected ',' or ']'"},
      {"{\"a\" 1}", "expected ':'"},
      {"{\"a\":1}x", "after the document"},
      {"\"abc", "unterminated string"},
      {"\"a\\qb\"", "invalid escape \\q"},
      {"\"\\u12G4\"", "invalid \\u escape"},
      {"\"a\nb\"", "unescaped control character"},
      {"01", "after the document"},
      {"-", "invalid number"},
      {"1.", "no digit after '.'"},
      {"1e+", "no digit in exponent"},
      {"tru", "unexpected end"},
      {"nul!", "expected null"},
      {"[\u00e9]", "unexpected byte 0xc3"},
    };
    for (String[] c : cases) {
      JsonFormatException e = assertThrows(JsonFormatException.class, () -> Utf8Json.parse(c[0]), c[0]);
      assertTrue(e.getMessage().startsWith("malformed JSON at byte "), e.getMessage());
      assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
    }
    String deep = "[".repeat(600) + "]".repeat(600);
    assertTrue(assertThrows(JsonFormatException.class, () -> Utf8Json.parse(deep)).getMessage().contains("nesting"));
  }

  @Test
  void bytesThatAreNotUtf8AreReplacedLikeADecoderWould() {
    byte[] body = {'[', '"', 'a', (byte) 0xff, 'b', '"', ',', '"', (byte) 0xc3, '"', ']'};
    assertEquals(List.of("a\ufffdb", "\ufffd"), Utf8Json.parse(body));
    byte[] overlong = {'"', (byte) 0xc0, (byte) 0xaf, '"'};
    assertEquals("\ufffd\ufffd", Utf8Json.parse(overlong));
    byte[] surrogate = {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'};
    assertEquals(new String(surrogate, StandardCharsets.UTF_8).replace("\"", ""), Utf8Json.parse(surrogate));
  }

  @Test
  void pagesReportMalformedBodiesAsTheSdksMalformedResponseException() {
    Buffer body = new Buffer().writeUtf8("{\"issues\":[{\"id\":1}");
    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> PageParser.parse(body.inputStream(), "issues", false));
    assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
  }

  @Test
  void oversizedBodiesAreRefusedBeforeTheyAreRead() throws IOException {
    String page = "{\"values\":[" + "1,".repeat(600) + "1]}";
    assertEquals(601, PageParser.parse(new Buffer().writeUtf8(page), "values", false, 2_000).items().size());
    com.squareup.moshi.JsonDataException e = assertThrows(com.squareup.moshi.JsonDataException.class,
        () -> PageParser.parse(new Buffer().writeUtf8(page), "values", false, 1_000));
    assertTrue(e.getMessage().contains("larger than 1000 bytes"), e.getMessage());
  }

  /** Random documents decode to the same values as Moshi's reader (numbers compared as doubles). */
  @Test
  void agreesWithMoshiOnRandomDocuments() throws IOException {
    Random random = new Random(20261123);
    for (int n = 0; n < 2_000; n++) {
      String json = randomValue(random, 0);
      Object ours = Utf8Json.parse(json);
      Object moshi = JsonReader.of(new Buffer().writeUtf8(json)).readJsonValue();
      assertEquals(normalise(moshi), normalise(ours), json);
    }
  }

  private static Object normalise(Object v) {
    if (v instanceof Number num) return num.doubleValue();
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, normalise(x)));
      return out;
    }
    if (v instanceof List<?> l) return l.stream().map(Utf8JsonTest::normalise).toList();
    return v;
  }

  private static final String[] STRINGS = {"", "a", "caf\u00e9", "\u65e5\u672c\u8a9e", "\ud83d\ude00 emoji",
    "quote \\\" and backslash \\\\", "\\u00e9\\u0041", "tab\\tnewline\\n", "\u05e9\u05dc\u05d5\u05dd"};
  private static final String[] NUMBERS = {"0", "-1", "42", "3.25", "-0.5", "1e3", "2.5E-2", "123456789012"};

  private static String randomValue(Random r, int depth) {
    int pick = depth > 4 ? r.nextInt(4) : r.nextInt(6);
    switch (pick) {
      case 0:
        return "\"" + STRINGS[r.nextInt(STRINGS.length)] + "\"";
      case 1:
        return NUMBERS[r.nextInt(NUMBERS.length)];
      case 2:
        return r.nextBoolean() ? "true" : "false";
      case 3:
        return "null";
      case 4: {
        StringBuilder sb = new StringBuilder("[");
        int size = r.nextInt(5);
        for (int i = 0; i < size; i++) sb.append(i == 0 ? "" : ", ").append(randomValue(r, depth + 1));
        return sb.append(']').toString();
      }
      default: {
        StringBuilder sb = new StringBuilder("{ ");
        int size = r.nextInt(5);
        for (int i = 0; i < size; i++) {
          sb.append(i == 0 ? "" : ",\n").append("\"k").append(i).append(STRINGS[r.nextInt(3)]).append("\" : ")
              .append(randomValue(r, depth + 1));
        }
        return sb.append('}').toString();
      }
    }
  }
}
