package dev.jirasdk.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entity as mirrored: its id, an optional parent (the project of an issue, component or version; the
 * issue of a comment, worklog, attachment, link or changelog entry), when it was last updated in Jira (null
 * for entities Jira does not date), typed columns named by {@link Columns}, and the item's raw JSON exactly as
 * Jira sent it.
 *
 * <pre>{@code
 * SyncRecord r = new SyncRecord(Entity.ISSUES, "10001", "10000", updated,
 *     Map.of(Columns.Issue.KEY, "ACME-1"), "{\"id\":\"10001\",...}");
 * }</pre>
 *
 * @param entity what this is
 * @param id Jira's id, unique per entity and connection
 * @param parentId project id or issue id (see above), or null
 * @param updated Jira's last update, or null
 * @param columns typed columns (unmodifiable copy; insertion order kept)
 * @param rawJson the item's JSON
 */
public record SyncRecord(Entity entity, String id, String parentId, Instant updated, Map<String, Object> columns,
    String rawJson) {

  public SyncRecord {
    Objects.requireNonNull(entity, "entity == null");
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(columns, "columns == null");
    Objects.requireNonNull(rawJson, "rawJson == null");
    if (id.isEmpty()) throw new IllegalArgumentException("id is empty for " + entity);
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  /**
   * SHA-256 (hex) over the raw JSON, the parent, the update time and the columns in name order: two records
   * with equal hashes are the same content, so a store counts re-upserting them as unchanged. A store calls
   * it once per record written, so it avoids building intermediate strings.
   */
  public String contentHash() {
    MessageDigest md = SHA256.get();
    md.update(rawJson.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(String.valueOf(parentId).getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(String.valueOf(updated).getBytes(StandardCharsets.UTF_8));
    String[] names = columns.keySet().toArray(new String[0]);
    Arrays.sort(names);
    for (String name : names) {
      md.update((byte) 0);
      md.update(name.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '=');
      md.update(String.valueOf(columns.get(name)).getBytes(StandardCharsets.UTF_8));
    }
    byte[] d = md.digest(); // also resets the digest for the next call on this thread
    return HexFormat.of().formatHex(d);
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  });

  /** A typed column, or null. */
  public Object column(String name) {
    return columns.get(name);
  }

  @Override
  public String toString() {
    return "SyncRecord[" + entity.streamName() + " " + id + (parentId == null ? "" : " in " + parentId)
        + ", updated=" + updated + "]";
  }
}
