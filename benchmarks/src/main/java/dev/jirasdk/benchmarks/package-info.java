/**
 * The benchmark program: {@link dev.jirasdk.benchmarks.BenchmarkMain} runs every benchmark that the module
 * issues ask for, each side by side with the reference it is compared with, and prints one table.
 * Not published; not a library.
 */
package dev.jirasdk.benchmarks;
