package dev.jirasdk.benchmarks;

/**
 * One line of the report: a measured figure, the reference measured in the same run (if any), their
 * ratio, the target and whether the figure meets it.
 *
 * @param group the module the figure belongs to (auth, testkit, store, sync, demo)
 * @param name what was measured
 * @param figure the measured value with its unit, or {@code not available: reason}
 * @param reference the reference measured in the same run, or "-"
 * @param ratio figure / reference as text, or "-"
 * @param target the target from the issue, or "-"
 * @param verdict PASS, FAIL, INFO (no target) or N/A (not measured)
 */
public record Row(String group, String name, String figure, String reference, String ratio, String target,
    Verdict verdict) {

  /** Whether a figure meets its target. */
  public enum Verdict { PASS, FAIL, INFO, NA }

  static Row info(String group, String name, String figure, String reference, String ratio) {
    return new Row(group, name, figure, reference, ratio, "-", Verdict.INFO);
  }

  static Row checked(String group, String name, String figure, String reference, String ratio, String target,
      boolean pass) {
    return new Row(group, name, figure, reference, ratio, target, pass ? Verdict.PASS : Verdict.FAIL);
  }

  static Row notAvailable(String group, String name, String reason) {
    return new Row(group, name, "not available: " + reason, "-", "-", "-", Verdict.NA);
  }
}
