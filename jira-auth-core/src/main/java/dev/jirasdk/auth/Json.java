package dev.jirasdk.auth;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JSON helpers over one shared Moshi instance. */
final class Json {
  static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Object> ANY = MOSHI.adapter(Object.class);
  private static final JsonAdapter<Map<String, Object>> MAP =
      MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private Json() {}

  /** Parses JSON text; null if it is not JSON. */
  static Object parseOrNull(String text) {
    if (text == null || text.isBlank()) return null;
    try {
      return ANY.fromJson(text);
    } catch (IOException | JsonDataException e) {
      return null;
    }
  }

  static String write(Map<String, ?> value) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return MAP.toJson(map);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asObject(Object json) {
    return json instanceof Map ? (Map<String, Object>) json : null;
  }

  static String string(Map<String, Object> obj, String name) {
    Object v = obj == null ? null : obj.get(name);
    return v instanceof String ? (String) v : null;
  }

  /** Jira's {@code errorMessages} array, if the body has one. */
  static List<String> errorMessages(Object body) {
    Map<String, Object> obj = asObject(body);
    List<String> out = new ArrayList<>();
    if (obj != null && obj.get("errorMessages") instanceof List<?> list) {
      for (Object o : list) out.add(String.valueOf(o));
    }
    if (obj != null && out.isEmpty() && obj.get("message") instanceof String m) out.add(m);
    return out;
  }

  /** Jira's {@code errors} object, if the body has one. */
  static Map<String, String> errors(Object body) {
    Map<String, Object> obj = asObject(body);
    Map<String, String> out = new LinkedHashMap<>();
    if (obj != null && obj.get("errors") instanceof Map<?, ?> map) {
      map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }
}
