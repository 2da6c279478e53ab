package dev.jirasdk.sync;

import dev.jirasdk.sync.internal.StreamScopes;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The OAuth scopes a selection of streams needs, so an app asks its users for exactly those: the classic
 * {@code read:jira-work}, {@code read:jira-user} and {@code manage:jira-configuration} for the platform streams,
 * and granular {@code *:jira-software} / {@code *:jira} scopes for the Agile ones. A scope added later makes every
 * user consent again, which is why the Agile streams are opt-in ({@link SyncRequest#DEFAULT_STREAMS}).
 *
 * <pre>{@code
 * Set<String> scopes = SyncScopes.required(SyncRequest.full().withAgileStreams().streams());
 * AtlassianOAuth oauth = AtlassianOAuth.builder()...scopes(scopes.toArray(String[]::new)).build();
 * }</pre>
 *
 * A run whose grant lacks a stream's scope skips that stream with a {@link SyncError.Kind#PERMISSION} error
 * naming the scope; the other streams run. Stateless and thread-safe.
 */
public final class SyncScopes {
  private SyncScopes() {}

  /** The scopes the streams need, sorted ({@code offline_access} is the OAuth client's business, not listed). */
  public static SortedSet<String> required(Set<Entity> streams) {
    Objects.requireNonNull(streams, "streams == null");
    SortedSet<String> out = new TreeSet<>();
    for (Entity e : streams) out.addAll(StreamScopes.of(e));
    return out;
  }
}
