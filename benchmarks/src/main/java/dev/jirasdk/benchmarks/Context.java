package dev.jirasdk.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** What every benchmark gets: the scale, where to write progress, and the options of the command line. */
final class Context {
  final Scale scale;
  final Path demoJar;
  /** Issues in the synced site: the scale's size unless {@code --sync-issues} overrides it. */
  final int syncIssues;
  private final PrintStream progress;

  Context(Scale scale, Path demoJar, int syncIssues, PrintStream progress) {
    this.scale = scale;
    this.syncIssues = syncIssues > 0 ? syncIssues : scale.syncIssues;
    this.demoJar = demoJar;
    this.progress = progress;
  }

  private final java.util.Map<String, Double> figures = new java.util.concurrent.ConcurrentHashMap<>();

  /** Keeps a figure for a later group to compare with (e.g. the fake's serving rate vs the sync's rate). */
  void record(String name, double value) {
    figures.put(name, value);
  }

  /** A figure recorded earlier in this run, if that group ran. */
  java.util.Optional<Double> figure(String name) {
    return java.util.Optional.ofNullable(figures.get(name));
  }

  void progress(String format, Object... args) {
    progress.println("[bench] " + String.format(Locale.ROOT, format, args));
    progress.flush();
  }
}
