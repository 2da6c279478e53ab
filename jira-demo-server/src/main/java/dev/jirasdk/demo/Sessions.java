package dev.jirasdk.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Browser session ids that this server issued. A sign-in always starts with a fresh id, and only ids in this
 * list are accepted, so a cookie planted by another page or app on {@code localhost} binds nothing (no
 * session fixation). Only a hash of each id is kept; ids live {@link #TTL} and at most {@link #MAX_SESSIONS}
 * are remembered (the oldest are forgotten first). Thread-safe.
 */
final class Sessions {
  static final Duration TTL = Duration.ofHours(12);
  static final int MAX_SESSIONS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  /** Binding (hash of the id) to when it was issued, oldest first. */
  private final LinkedHashMap<String, Instant> issued = new LinkedHashMap<>();

  Sessions(Clock clock) {
    this.clock = clock;
  }

  /** A new random id (256 bits, base64url), remembered as issued. */
  synchronized String issue() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = clock.instant();
    prune(now);
    if (issued.size() >= MAX_SESSIONS) {
      Iterator<String> oldest = issued.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    issued.put(bindingOf(id), now);
    return id;
  }

  /** Whether this server issued the id and it has not expired. */
  synchronized boolean known(String id) {
    if (id == null || !id.matches("[A-Za-z0-9_-]{43}")) return false;
    Instant at = issued.get(bindingOf(id));
    return at != null && at.plus(TTL).isAfter(clock.instant());
  }

  private void prune(Instant now) {
    for (Iterator<Map.Entry<String, Instant>> it = issued.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().plus(TTL).isAfter(now)) break;
      it.remove();
    }
  }

  /** What the OAuth state is bound to: a hash of the session id, never the id itself. */
  static String bindingOf(String id) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("jira-demo-session:" + id).getBytes(StandardCharsets.UTF_8));
      return "s_" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
