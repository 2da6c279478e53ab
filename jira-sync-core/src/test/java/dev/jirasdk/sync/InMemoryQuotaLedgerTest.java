package dev.jirasdk.sync;

/** The ledger contract, in memory. */
class InMemoryQuotaLedgerTest extends QuotaLedgerContract {
  @Override
  protected QuotaLedger newLedger() {
    return new InMemoryQuotaLedger();
  }
}
