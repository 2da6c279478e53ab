package dev.jirasdk.benchmarks;

import java.util.List;

/** One group of benchmarks (one module). */
interface Benchmark {
  /** The group name used in the table and by {@code --only}. */
  String group();

  /** Measures and returns the group's rows; a module that is missing yields "not available" rows. */
  List<Row> run(Context context) throws Exception;
}
