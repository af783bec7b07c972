package io.onecard.http;

import io.onecard.core.OneCardCore;
import io.onecard.core.journal.LiveAuditReport;

/**
 * Audits the running ledger for the admin route {@code POST /v1/admin/audit}. It may take minutes (the
 * whole journal is replayed), so the edge calls it on a thread of its own, one audit at a time, and never
 * on an event loop.
 */
@FunctionalInterface
public interface LiveAuditor {
    /** How long an audit waits for the ledger thread to take each of its tasks. */
    long LEDGER_TIMEOUT_MILLIS = 120_000;

    /** Runs one audit to its end and returns its report. */
    LiveAuditReport audit() throws Exception;

    /** Audits an open core while its ring keeps serving. */
    static LiveAuditor of(OneCardCore core) {
        return () -> core.auditLive(LEDGER_TIMEOUT_MILLIS);
    }
}
