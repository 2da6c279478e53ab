package dev.jirasdk.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the points budgets a {@link RateGovernor} paces against live, one entry per {@link QuotaScope}. A
 * ledger kept in a shared store lets several processes of one app spend one budget without overrunning it:
 * give each process's governor the same store's ledger ({@code SqliteStore.quotaLedger()} on one machine,
 * {@code PostgresStore.quotaLedger()} across machines), or {@link InMemoryQuotaLedger} for one process. Use one ledger per app (an app-wide quota is the app's).
 *
 * <p>Each method is one atomic step: read the scope's {@link QuotaState}, {@linkplain QuotaState#rolled roll}
 * it to {@code now}, apply the transition, write it back. Implementations must be thread-safe and must not
 * lose an update when processes race. Published contract tests: {@code QuotaLedgerContract} in the test jar.
 */
public interface QuotaLedger {
  /**
   * Reserves {@code points} for a request about to be sent if the scope's budget {@linkplain QuotaState#allows
   * allows} it at {@code share}; an unknown scope is created and always granted.
   *
   * @return whether it was granted, and the state after the step (when refused: when the window resets)
   */
  Reservation reserve(QuotaScope scope, long points, double share, Instant now);

  /**
   * Ends a reservation of {@code reserved} points (0 if the request reserved none) and records what the answer
   * said ({@link QuotaReading#NONE} if nothing); creates the scope if needed.
   */
  QuotaState settle(QuotaScope scope, long reserved, QuotaReading reading, Instant now);

  /** The scope's state rolled to {@code now}, empty if the ledger has never seen the scope. */
  Optional<QuotaState> state(QuotaScope scope, Instant now);

  /**
   * The answer to {@link #reserve}.
   *
   * @param granted whether the points were taken
   * @param state the budget after the step
   */
  record Reservation(boolean granted, QuotaState state) {
    public Reservation {
      Objects.requireNonNull(state, "state == null");
    }
  }
}
