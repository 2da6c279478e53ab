package dev.jirasdk.benchmarks;

import java.util.List;

/** Placeholder until the module lands. */
final class StoreBenchmark implements Benchmark {
  @Override
  public String group() {
    return "store";
  }

  @Override
  public List<Row> run(Context context) {
    return List.of(Row.notAvailable("store", "all figures", "module not integrated into the benchmarks yet"));
  }
}
