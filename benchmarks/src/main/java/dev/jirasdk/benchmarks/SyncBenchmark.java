package dev.jirasdk.benchmarks;

import java.util.List;

/** Placeholder until the module lands. */
final class SyncBenchmark implements Benchmark {
  @Override
  public String group() {
    return "sync";
  }

  @Override
  public List<Row> run(Context context) {
    return List.of(Row.notAvailable("sync", "all figures", "module not integrated into the benchmarks yet"));
  }
}
