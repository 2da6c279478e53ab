package dev.jirasdk.benchmarks;

import java.lang.management.ManagementFactory;

/** A one-line description of the machine and JVM the figures were measured on. */
final class Machine {
  private Machine() {}

  static String describe() {
    Runtime rt = Runtime.getRuntime();
    return rt.availableProcessors() + " cores, "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vendor") + "), max heap " + Fmt.mib(rt.maxMemory()) + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
  }

  static String jvmArguments() {
    return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
  }
}
