package dev.jirasdk.sync.internal;

import dev.jirasdk.sync.Entity;
import java.util.SortedSet;

/** The scopes one stream needs, from the {@link Endpoints} table (for {@code JiraSync.requiredScopes}). */
public final class StreamScopes {
  private StreamScopes() {}

  public static SortedSet<String> of(Entity e) {
    return Endpoints.scopesOf(e.streamName());
  }
}
