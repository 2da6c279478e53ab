package dev.jirasdk.demo;

import java.time.Duration;

final class Durations {
  private Durations() {}

  /** 90s, 30m, 1h 30m. */
  static String human(Duration d) {
    long s = d.toSeconds();
    if (s == 0) return d.toMillis() + "ms";
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    StringBuilder sb = new StringBuilder();
    if (h > 0) sb.append(h).append('h');
    if (m > 0) sb.append(sb.length() > 0 ? " " : "").append(m).append('m');
    if (sec > 0) sb.append(sb.length() > 0 ? " " : "").append(sec).append('s');
    return sb.toString();
  }
}
