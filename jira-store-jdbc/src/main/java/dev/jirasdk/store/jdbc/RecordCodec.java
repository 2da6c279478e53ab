package dev.jirasdk.store.jdbc;

import dev.jirasdk.sync.SyncRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A record's typed columns as the SQL stores keep them: each value as its SQL column holds it
 * ({@link #sqlValue}), and all of them with their Java types in {@code columns_json} ({@link #encodeColumns}),
 * so that a record reads back exactly as it was given.
 */
public final class RecordCodec {
  private RecordCodec() {}

  /**
   * The value bound to a typed SQL column: {@code String}, {@code Long}, {@code Double} or null; booleans as
   * 0 / 1, instants as {@link StoredTimes} text, lists as a JSON array of strings.
   *
   * @throws IllegalArgumentException naming the record and the column if the value has another type
   */
  public static @Nullable Object sqlValue(SyncRecord r, String key, @Nullable Object v) {
    if (v == null || v instanceof String || v instanceof Long || v instanceof Double) return v;
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
    if (v instanceof Float f) return Double.valueOf(f.toString());
    if (v instanceof Boolean b) return b ? 1L : 0L;
    if (v instanceof Instant i) return StoredTimes.format(i);
    if (v instanceof List<?> l) return StoredJson.write(stringList(l));
    throw unsupported(r, key, v);
  }

  /**
   * The columns with their Java types: {@code {"name": ["s", "x"]}} with tags s (String), l (Long), d (Double,
   * as text), b (Boolean), t (Instant), a (List of String).
   */
  public static String encodeColumns(SyncRecord r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : r.columns().entrySet()) {
      Object v = e.getValue();
      if (v == null) continue;
      List<Object> tagged;
      if (v instanceof String s) {
        tagged = List.of("s", s);
      } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        tagged = List.of("l", ((Number) v).longValue());
      } else if (v instanceof Double || v instanceof Float) {
        tagged = List.of("d", v.toString());
      } else if (v instanceof Boolean b) {
        tagged = List.of("b", b);
      } else if (v instanceof Instant i) {
        tagged = List.of("t", i.toString());
      } else if (v instanceof List<?> l) {
        tagged = List.of("a", stringList(l));
      } else {
        throw unsupported(r, e.getKey(), v);
      }
      out.put(e.getKey(), tagged);
    }
    return StoredJson.write(out);
  }

  /** The columns {@link #encodeColumns} wrote, with their Java types. */
  public static Map<String, @Nullable Object> decodeColumns(String json) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : RunCodec.map(StoredJson.read(json)).entrySet()) {
      List<?> tagged = (List<?>) e.getValue();
      Object v = tagged.get(1);
      out.put(e.getKey(), switch ((String) tagged.get(0)) {
        case "s", "b", "l" -> v;
        case "d" -> Double.valueOf((String) v);
        case "t" -> Instant.parse((String) v);
        case "a" -> RunCodec.strings(v);
        default -> throw new IllegalArgumentException("unknown column tag " + tagged.get(0));
      });
    }
    return out;
  }

  private static List<String> stringList(List<?> l) {
    List<String> out = new ArrayList<>(l.size());
    for (Object o : l) out.add(String.valueOf(o));
    return out;
  }

  private static IllegalArgumentException unsupported(SyncRecord r, String key, Object v) {
    return new IllegalArgumentException("column '" + key + "' of " + r.entity().streamName() + " " + r.id()
        + " has unsupported type " + v.getClass().getName()
        + " (expected String, Long, Double, Boolean, Instant or List<String>)");
  }
}
