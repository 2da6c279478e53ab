package dev.jirasdk.demo;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON in and out as plain maps and lists; instants become ISO-8601 strings. */
final class Json {
  private static final JsonAdapter<Object> ADAPTER = new Moshi.Builder().build().adapter(Object.class);
  private static final JsonAdapter<Object> WRITER = ADAPTER.serializeNulls();

  private Json() {}

  static String write(Object value) {
    return WRITER.toJson(plain(value));
  }

  /** Parses a JSON object; anything else is a 400. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readObject(String text) {
    if (text == null || text.isBlank()) return Map.of();
    try {
      Object value = ADAPTER.fromJson(text);
      if (value instanceof Map) return (Map<String, Object>) value;
    } catch (IOException | JsonDataException e) {
      throw ApiError.badRequest("invalid_json", "request body is not valid JSON");
    }
    throw ApiError.badRequest("invalid_json", "request body must be a JSON object");
  }

  /** Parses any JSON value, or returns null when the text is not JSON. */
  static Object parseOrNull(String text) {
    if (text == null) return null;
    try {
      return ADAPTER.fromJson(text);
    } catch (IOException | JsonDataException e) {
      return null;
    }
  }

  private static Object plain(Object value) {
    if (value instanceof Instant) return value.toString();
    if (value instanceof Enum<?>) return ((Enum<?>) value).name();
    if (value instanceof Map<?, ?>) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) value).forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (value instanceof Collection<?>) {
      ArrayList<Object> out = new ArrayList<>();
      for (Object v : (Collection<?>) value) out.add(plain(v));
      return out;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    return value;
  }
}
