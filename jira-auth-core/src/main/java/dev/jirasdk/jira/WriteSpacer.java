package dev.jirasdk.jira;

import dev.jirasdk.auth.JiraTransportException;
import dev.jirasdk.auth.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Spaces writes to one issue below Jira's per-issue limit ({@code jira-per-issue-on-write}: 20 writes per 2 s and
 * 100 per 30 s), so a loop of edits or comments on one issue waits instead of collecting 429s. A write that still
 * meets a 429 (another process wrote to the same issue) is retried by {@link dev.jirasdk.auth.JiraClient} after
 * the {@code Retry-After} Jira sends. Thread-safe; waits outside its lock.
 */
final class WriteSpacer {
  static final int SHORT_LIMIT = 20;
  static final Duration SHORT_WINDOW = Duration.ofSeconds(2);
  static final int LONG_LIMIT = 100;
  static final Duration LONG_WINDOW = Duration.ofSeconds(30);
  /** Waits per write before giving the decision to Jira (a sleeper that does not move the clock cannot loop us). */
  private static final int MAX_WAITS = 3;

  private final Clock clock;
  private final Sleeper sleeper;
  private final boolean enabled;
  private final Map<String, ArrayDeque<Long>> writes = new HashMap<>();

  WriteSpacer(Clock clock, Sleeper sleeper, boolean enabled) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.enabled = enabled;
  }

  /** Waits until one more write to {@code issue} fits both windows, then counts it. */
  void beforeWrite(String issue, String endpoint) {
    if (!enabled) return;
    String key = issue.toUpperCase(Locale.ROOT);
    for (int waits = 0; ; waits++) {
      long wait;
      synchronized (this) {
        long now = clock.millis();
        if (writes.size() > 10_000) writes.values().removeIf(d -> d.isEmpty() || d.peekLast() <= now - LONG_WINDOW.toMillis());
        ArrayDeque<Long> times = writes.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - LONG_WINDOW.toMillis()) times.pollFirst();
        wait = waitFor(times, now);
        if (wait <= 0 || waits == MAX_WAITS) {
          times.addLast(now);
          return;
        }
      }
      try {
        sleeper.sleep(Duration.ofMillis(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JiraTransportException(endpoint, 0, e);
      }
    }
  }

  /** Milliseconds until a write fits: the oldest write of a full window must have left it. */
  private static long waitFor(ArrayDeque<Long> times, long now) {
    long wait = 0;
    if (times.size() >= LONG_LIMIT) {
      wait = times.peekFirst() + LONG_WINDOW.toMillis() - now;
    }
    int inShort = 0;
    long oldestInShort = 0;
    var it = times.descendingIterator();
    while (it.hasNext()) {
      long t = it.next();
      if (t <= now - SHORT_WINDOW.toMillis()) break;
      inShort++;
      oldestInShort = t;
    }
    if (inShort >= SHORT_LIMIT) {
      wait = Math.max(wait, oldestInShort + SHORT_WINDOW.toMillis() - now);
    }
    return wait;
  }
}
