package dev.jirasdk.micrometer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns request paths into bounded endpoint templates for tags: {@code rest/api/3/issue/ACME-1/comment/10001}
 * becomes {@code /rest/api/3/issue/{id}/comment/{id}}. Past {@link #MAX_TEMPLATES} distinct templates every new
 * one is tagged {@code other}, so odd paths cannot grow a registry without bound. Thread-safe.
 */
final class EndpointTemplates {
  static final int MAX_TEMPLATES = 200;
  static final String OTHER = "other";
  private static final Pattern ID = Pattern.compile("\\d+|[A-Za-z][A-Za-z0-9_]*-\\d+");
  /** Path words that follow {@code project/} and are not a project key. */
  private static final Set<String> PROJECT_WORDS = Set.of("search", "type", "recent");
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  String of(String path) {
    String[] seg = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < seg.length; i++) {
      sb.append('/');
      boolean projectKey = i > 0 && seg[i - 1].equals("project") && !seg[i].isEmpty()
          && !PROJECT_WORDS.contains(seg[i]);
      sb.append(ID.matcher(seg[i]).matches() && !(i > 0 && seg[i - 1].equals("api")) || projectKey ? "{id}" : seg[i]);
    }
    String template = sb.toString();
    if (seen.contains(template)) return template;
    if (seen.size() >= MAX_TEMPLATES) return OTHER;
    seen.add(template);
    return template;
  }
}
