package dev.jirasdk.benchmarks;

import dev.jirasdk.sync.JiraSync;

/** The sync engine's defaults that the benchmark uses for both the sync and its raw reference. */
final class JiraSyncDefaults {
  static final int PARALLELISM = JiraSync.DEFAULT_PARALLELISM;

  private JiraSyncDefaults() {}
}
