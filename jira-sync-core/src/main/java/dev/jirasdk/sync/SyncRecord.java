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
import org.jspecify.annotations.Nullable;

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
 * <p>The engine builds records from the bytes of Jira's answer ({@link #ofUtf8}), so the raw JSON is decoded
 * to a {@code String} only if someone asks for {@link #rawJson()}; a store can write {@link #rawJsonUtf8()}
 * as it is. Immutable and thread-safe; two records are equal when all six parts are.
 */
public final class SyncRecord {
  private final Entity entity;
  private final String id;
  private final String parentId;
  private final Instant updated;
  private final Map<String, Object> columns;
  private final byte[] utf8; // null when built from text
  private volatile String text; // the raw JSON decoded, once asked for
  private volatile byte[] encoded; // the UTF-8 of a record built from text, once asked for

  /**
   * @param entity what this is
   * @param id Jira's id, unique per entity and connection
   * @param parentId project id or issue id (see above), or null
   * @param updated Jira's last update, or null
   * @param columns typed columns (copied; insertion order kept)
   * @param rawJson the item's JSON
   */
  public SyncRecord(Entity entity, String id, @Nullable String parentId, @Nullable Instant updated,
      Map<String, Object> columns,
      String rawJson) {
    this(entity, id, parentId, updated, columns, null, Objects.requireNonNull(rawJson, "rawJson == null"));
  }

  private SyncRecord(Entity entity, String id, String parentId, Instant updated, Map<String, Object> columns,
      byte[] utf8, String text) {
    this.entity = Objects.requireNonNull(entity, "entity == null");
    this.id = Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(columns, "columns == null");
    if (id.isEmpty()) throw new IllegalArgumentException("id is empty for " + entity);
    this.parentId = parentId;
    this.updated = updated;
    this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    this.utf8 = utf8;
    this.text = text;
  }

  /**
   * A record whose raw JSON is the UTF-8 bytes {@code json[offset, offset + length)} (copied).
   *
   * @throws IndexOutOfBoundsException if the range is outside {@code json}
   */
  public static SyncRecord ofUtf8(Entity entity, String id, @Nullable String parentId, @Nullable Instant updated,
      Map<String, Object> columns, byte[] json, int offset, int length) {
    Objects.requireNonNull(json, "json == null");
    Objects.checkFromIndexSize(offset, length, json.length);
    return new SyncRecord(entity, id, parentId, updated, columns, Arrays.copyOfRange(json, offset, offset + length),
        null);
  }

  public Entity entity() {
    return entity;
  }

  public String id() {
    return id;
  }

  public @Nullable String parentId() {
    return parentId;
  }

  public @Nullable Instant updated() {
    return updated;
  }

  /** The typed columns (unmodifiable, in insertion order). */
  public Map<String, Object> columns() {
    return columns;
  }

  /** A typed column, or null. */
  public @Nullable Object column(String name) {
    return columns.get(name);
  }

  /** The item's JSON. */
  public String rawJson() {
    String t = text;
    if (t == null) {
      t = new String(utf8, StandardCharsets.UTF_8);
      text = t;
    }
    return t;
  }

  /** The item's JSON as UTF-8 bytes (a copy the caller owns). */
  public byte[] rawJsonUtf8() {
    return utf8View().clone();
  }

  /**
   * The raw JSON's UTF-8 bytes, not to be modified. A record built from text encodes it once, on the first call
   * (a store that hashes the record and writes its bytes encodes it once, not twice).
   */
  private byte[] utf8View() {
    if (utf8 != null) return utf8;
    byte[] e = encoded;
    if (e == null) {
      e = text.getBytes(StandardCharsets.UTF_8);
      encoded = e;
    }
    return e;
  }

  /**
   * SHA-256 (hex) over the raw JSON's UTF-8 bytes, the parent, the update time and the columns in name order:
   * two records with equal hashes are the same content, so a store counts re-upserting them as unchanged.
   */
  public String contentHash() {
    MessageDigest md = SHA256.get();
    md.update(utf8View());
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

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof SyncRecord r)) return false;
    return entity == r.entity && id.equals(r.id) && Objects.equals(parentId, r.parentId)
        && Objects.equals(updated, r.updated) && columns.equals(r.columns)
        && (utf8 == null && r.utf8 == null ? text.equals(r.text) : Arrays.equals(utf8View(), r.utf8View()));
  }

  @Override
  public int hashCode() {
    return Objects.hash(entity, id, parentId, updated, columns) * 31 + Arrays.hashCode(utf8View());
  }

  @Override
  public String toString() {
    return "SyncRecord[" + entity.streamName() + " " + id + (parentId == null ? "" : " in " + parentId)
        + ", updated=" + updated + "]";
  }
}
