package dev.jirasdk.benchmarks;

import java.util.Arrays;

/** Percentiles of a set of samples (nanoseconds or any other unit). */
final class Stats {
  private final long[] sorted;

  Stats(long[] samples) {
    if (samples.length == 0) throw new IllegalArgumentException("no samples");
    this.sorted = samples.clone();
    Arrays.sort(sorted);
  }

  int count() {
    return sorted.length;
  }

  /** The nearest-rank percentile, {@code p} in (0, 100]. */
  long percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  long median() {
    return percentile(50);
  }

  long p99() {
    return percentile(99);
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
