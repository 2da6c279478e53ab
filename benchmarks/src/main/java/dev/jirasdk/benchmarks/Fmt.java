package dev.jirasdk.benchmarks;

import java.util.Locale;

/** Number formatting for the report. */
final class Fmt {
  private Fmt() {}

  static String micros(long nanos) {
    return String.format(Locale.ROOT, "%.1f µs", nanos / 1_000.0);
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
  }

  /** Seconds, or milliseconds below one second so that short phases never print as "0.00 s". */
  static String seconds(long nanos) {
    if (nanos < 1_000_000_000L) return String.format(Locale.ROOT, "%.2f ms", nanos / 1_000_000.0);
    return String.format(Locale.ROOT, "%.2f s", nanos / 1_000_000_000.0);
  }

  static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f×", r);
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
  }

  static String perSecond(double perSecond, String unit) {
    return String.format(Locale.ROOT, "%,.0f %s/s", perSecond, unit);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MiB", bytes / (1024.0 * 1024.0));
  }

  static String decimal(double d, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", d);
  }
}
