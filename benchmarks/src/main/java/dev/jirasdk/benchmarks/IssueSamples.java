package dev.jirasdk.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic issue JSON taken from the testkit's generator (fetched once through {@code search/jql}), turned
 * into as many distinct rows as a benchmark needs: row {@code i} is sample {@code i mod n} with its own id,
 * key and update time. The same {@code i} always gives the same row, so a page can be rebuilt identically to
 * measure an unchanged re-upsert.
 */
final class IssueSamples {
  static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");
  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class);
  private static final JsonAdapter<List<String>> STRINGS = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(List.class, String.class));

  private record Sample(String rawJson, String id, String key, Map<String, Object> columns) {}

  private final List<Sample> samples = new ArrayList<>();

  /** Adds one issue as parsed from a search page. */
  void add(Map<String, Object> issue) {
    String raw = ANY.toJson(issue);
    samples.add(new Sample(raw, (String) issue.get("id"), (String) issue.get("key"), columns(issue)));
  }

  int size() {
    return samples.size();
  }

  long averageJsonBytes() {
    long sum = 0;
    for (Sample s : samples) sum += s.rawJson.length();
    return sum / Math.max(1, samples.size());
  }

  String id(int i) {
    return Long.toString(1_000_000L + i);
  }

  Instant updated(int i) {
    return BASE.plusSeconds(i);
  }

  /** Row {@code i} as the sync engine would hand it to a store. */
  SyncRecord record(int i) {
    Sample s = samples.get(i % samples.size());
    String id = id(i);
    String key = "BEN-" + i;
    Map<String, Object> columns = new LinkedHashMap<>(s.columns);
    columns.put(Columns.Issue.KEY, key);
    columns.put(Columns.Issue.UPDATED, updated(i));
    String raw = s.rawJson.replaceFirst("\"id\":\"" + s.id + "\"", "\"id\":\"" + id + "\"")
        .replaceFirst("\"key\":\"" + s.key + "\"", "\"key\":\"" + key + "\"");
    return new SyncRecord(Entity.ISSUES, id, (String) columns.get(Columns.Issue.PROJECT_ID), updated(i), columns, raw);
  }

  /** The typed columns the sync engine extracts from an issue (same names and types). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> columns(Map<String, Object> issue) {
    Map<String, Object> f = (Map<String, Object>) issue.get("fields");
    Map<String, Object> c = new LinkedHashMap<>();
    put(c, Columns.Issue.KEY, issue.get("key"));
    put(c, Columns.Issue.PROJECT_ID, at(f, "project", "id"));
    put(c, Columns.Issue.PROJECT_KEY, at(f, "project", "key"));
    put(c, Columns.Issue.SUMMARY, f.get("summary"));
    put(c, Columns.Issue.STATUS, at(f, "status", "name"));
    put(c, Columns.Issue.STATUS_CATEGORY, at(f, "status", "statusCategory", "key"));
    put(c, Columns.Issue.ISSUE_TYPE, at(f, "issuetype", "name"));
    put(c, Columns.Issue.PRIORITY, at(f, "priority", "name"));
    put(c, Columns.Issue.ASSIGNEE_ACCOUNT_ID, at(f, "assignee", "accountId"));
    put(c, Columns.Issue.REPORTER_ACCOUNT_ID, at(f, "reporter", "accountId"));
    Object created = f.get("created");
    if (created instanceof String s) c.put(Columns.Issue.CREATED, parseJiraTime(s));
    put(c, Columns.Issue.RESOLUTION, at(f, "resolution", "name"));
    Object resolved = f.get("resolutiondate");
    if (resolved instanceof String s) c.put(Columns.Issue.RESOLUTION_DATE, parseJiraTime(s));
    put(c, Columns.Issue.DUE_DATE, f.get("duedate"));
    put(c, Columns.Issue.PARENT_ID, at(f, "parent", "id"));
    List<String> labels = new ArrayList<>();
    if (f.get("labels") instanceof List<?> l) for (Object o : l) labels.add(String.valueOf(o));
    if (!labels.isEmpty()) c.put(Columns.Issue.LABELS, labels);
    List<String> components = names(f.get("components"));
    if (!components.isEmpty()) c.put(Columns.Issue.COMPONENTS, components);
    List<String> versions = names(f.get("fixVersions"));
    if (!versions.isEmpty()) c.put(Columns.Issue.FIX_VERSIONS, versions);
    return c;
  }

  /** The bare-JDBC values of row {@code i}, in the column order of {@link StoreBenchmark#BARE_INSERT}. */
  Object[] bareRow(String connectionId, int i, String syncedAt) {
    SyncRecord r = record(i);
    Map<String, Object> c = r.columns();
    return new Object[] {connectionId, r.id(), r.parentId(), r.updated().toString(),
      c.get(Columns.Issue.KEY), c.get(Columns.Issue.PROJECT_ID), c.get(Columns.Issue.PROJECT_KEY),
      c.get(Columns.Issue.SUMMARY), c.get(Columns.Issue.STATUS), c.get(Columns.Issue.STATUS_CATEGORY),
      c.get(Columns.Issue.ISSUE_TYPE), c.get(Columns.Issue.PRIORITY), c.get(Columns.Issue.ASSIGNEE_ACCOUNT_ID),
      c.get(Columns.Issue.REPORTER_ACCOUNT_ID), text(c.get(Columns.Issue.CREATED)), c.get(Columns.Issue.RESOLUTION),
      text(c.get(Columns.Issue.RESOLUTION_DATE)), c.get(Columns.Issue.DUE_DATE), c.get(Columns.Issue.PARENT_ID),
      null, list(c.get(Columns.Issue.LABELS)), list(c.get(Columns.Issue.COMPONENTS)),
      list(c.get(Columns.Issue.FIX_VERSIONS)), r.rawJson(), ANY.toJson(stringified(c)),
      "0".repeat(64), syncedAt};
  }

  private static Map<String, Object> stringified(Map<String, Object> c) {
    Map<String, Object> out = new LinkedHashMap<>();
    c.forEach((k, v) -> out.put(k, v instanceof Instant ? v.toString() : v));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static String list(Object v) {
    return v == null ? null : STRINGS.toJson((List<String>) v);
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }

  private static List<String> names(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      for (Object o : l) if (o instanceof Map<?, ?> m && m.get("name") != null) out.add(String.valueOf(m.get("name")));
    }
    return out;
  }

  private static void put(Map<String, Object> c, String name, Object value) {
    if (value instanceof String s) c.put(name, s);
  }

  private static Object at(Map<String, Object> m, String... path) {
    Object v = m;
    for (String p : path) {
      if (!(v instanceof Map<?, ?> map)) return null;
      v = map.get(p);
    }
    return v;
  }

  /** Jira's "2025-03-01T10:00:00.000+0000" form. */
  static Instant parseJiraTime(String s) {
    try {
      return java.time.OffsetDateTime.parse(s, java.time.format.DateTimeFormatter.ofPattern(
          "yyyy-MM-dd'T'HH:mm:ss.SSSXX")).toInstant();
    } catch (RuntimeException e) {
      return Instant.parse(s);
    }
  }
}
