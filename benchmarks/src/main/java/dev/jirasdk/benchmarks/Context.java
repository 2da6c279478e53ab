package dev.jirasdk.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** What every benchmark gets: the scale, where to write progress, and the options of the command line. */
final class Context {
  final Scale scale;
  final Path demoJar;
  private final PrintStream progress;

  Context(Scale scale, Path demoJar, PrintStream progress) {
    this.scale = scale;
    this.demoJar = demoJar;
    this.progress = progress;
  }

  void progress(String format, Object... args) {
    progress.println("[bench] " + String.format(Locale.ROOT, format, args));
    progress.flush();
  }
}
