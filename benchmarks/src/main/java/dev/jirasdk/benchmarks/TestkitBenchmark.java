package dev.jirasdk.benchmarks;

import java.util.List;

/** Placeholder until the module lands. */
final class TestkitBenchmark implements Benchmark {
  @Override
  public String group() {
    return "testkit";
  }

  @Override
  public List<Row> run(Context context) {
    return List.of(Row.notAvailable("testkit", "all figures", "module not integrated into the benchmarks yet"));
  }
}
