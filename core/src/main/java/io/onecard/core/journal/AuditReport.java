package io.onecard.core.journal;

import java.util.List;

/**
 * The outcome of an audit.
 *
 * @param commandsReplayed journal commands replayed into the fresh state
 * @param cards cards in the live state
 * @param problems every difference and conservation breach found (empty when the audit passed)
 * @param recoveredCommands commands of the journal's tail applied to the live state before the audit
 */
public record AuditReport(long commandsReplayed, long cards, List<String> problems, long recoveredCommands) {
    public AuditReport(long commandsReplayed, long cards, List<String> problems) {
        this(commandsReplayed, cards, problems, 0);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
