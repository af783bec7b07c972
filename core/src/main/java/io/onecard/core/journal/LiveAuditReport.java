package io.onecard.core.journal;

import java.util.List;

/**
 * The outcome of an audit of a running ledger ({@link LiveAudit}).
 *
 * @param auditedIndex the journal index at which the live stores and the replay were compared
 * @param commandsReplayed journal commands replayed into the fresh state, in all
 * @param commandsReplayedOnLedger of those, the tail replayed on the ledger thread just before the comparison
 * @param ledgerPauseMillis how long the ledger thread was taken from the ring (tail, comparison, figures)
 * @param durationMillis how long the whole audit took
 * @param cards cards in the live state
 * @param conservation the live state's money in figures
 * @param differences every difference and conservation breach found, at most {@link Audit#MAX_DIFFERENCES}
 */
public record LiveAuditReport(long auditedIndex, long commandsReplayed, long commandsReplayedOnLedger,
                              long ledgerPauseMillis, long durationMillis, long cards, Conservation conservation,
                              List<String> differences) {

    public LiveAuditReport {
        differences = List.copyOf(differences);
    }

    /** True when nothing differs and money is conserved. */
    public boolean passed() {
        return differences.isEmpty();
    }
}
