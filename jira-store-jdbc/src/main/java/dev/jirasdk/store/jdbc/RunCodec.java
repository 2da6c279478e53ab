package dev.jirasdk.store.jdbc;

import dev.jirasdk.sync.Counts;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.RunStatus;
import dev.jirasdk.sync.StreamSummary;
import dev.jirasdk.sync.SyncError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detail of a {@link dev.jirasdk.sync.SyncRun} that the SQL stores keep as JSON text: per-stream summaries
 * ({@code streams_json}), errors ({@code errors_json}) and notes ({@code notes_json}).
 */
public final class RunCodec {
  private RunCodec() {}

  public static String encodeStreams(List<StreamSummary> streams) {
    List<Object> out = new ArrayList<>();
    for (StreamSummary s : streams) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stream", s.stream());
      m.put("status", s.status().name());
      Map<String, Object> counts = new LinkedHashMap<>();
      Map<Entity, Counts> ordered = new EnumMap<>(Entity.class);
      ordered.putAll(s.counts());
      ordered.forEach((e, c) ->
          counts.put(e.streamName(), List.of(c.created(), c.updated(), c.unchanged(), c.deleted())));
      m.put("counts", counts);
      m.put("pages", s.pages());
      m.put("requests", s.requests());
      m.put("points", s.points());
      m.put("startedAt", s.startedAt() == null ? null : s.startedAt().toString());
      m.put("finishedAt", s.finishedAt() == null ? null : s.finishedAt().toString());
      out.add(m);
    }
    return StoredJson.write(out);
  }

  public static List<StreamSummary> decodeStreams(String json) {
    List<StreamSummary> out = new ArrayList<>();
    for (Object o : (List<?>) StoredJson.read(json)) {
      Map<String, Object> m = map(o);
      Map<Entity, Counts> counts = new EnumMap<>(Entity.class);
      map(m.get("counts")).forEach((name, v) -> {
        List<?> n = (List<?>) v;
        counts.put(Entity.ofStreamName(name),
            new Counts((Long) n.get(0), (Long) n.get(1), (Long) n.get(2), (Long) n.get(3)));
      });
      out.add(new StreamSummary((String) m.get("stream"), RunStatus.valueOf((String) m.get("status")), counts,
          (Long) m.get("pages"), (Long) m.get("requests"), (Long) m.get("points"), instant(m.get("startedAt")),
          instant(m.get("finishedAt"))));
    }
    return out;
  }

  public static String encodeErrors(List<SyncError> errors) {
    List<Object> out = new ArrayList<>();
    for (SyncError e : errors) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stream", e.stream());
      m.put("partition", e.partition());
      m.put("kind", e.kind().wireName());
      m.put("endpoint", e.endpoint());
      m.put("status", (long) e.status());
      m.put("messages", e.messages());
      m.put("exceptionType", e.exceptionType());
      m.put("at", e.at().toString());
      out.add(m);
    }
    return StoredJson.write(out);
  }

  public static List<SyncError> decodeErrors(String json) {
    List<SyncError> out = new ArrayList<>();
    for (Object o : (List<?>) StoredJson.read(json)) {
      Map<String, Object> m = map(o);
      out.add(new SyncError((String) m.get("stream"), (String) m.get("partition"),
          SyncError.Kind.of((String) m.get("kind")),
          (String) m.get("endpoint"), ((Long) m.get("status")).intValue(), strings(m.get("messages")),
          (String) m.get("exceptionType"), instant(m.get("at"))));
    }
    return out;
  }

  public static String encodeNotes(List<String> notes) {
    return StoredJson.write(notes);
  }

  public static List<String> decodeNotes(String json) {
    return strings(StoredJson.read(json));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object x : (List<?>) o) out.add((String) x);
    return out;
  }

  private static Instant instant(Object o) {
    return o == null ? null : Instant.parse((String) o);
  }
}
