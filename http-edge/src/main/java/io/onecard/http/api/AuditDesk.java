package io.onecard.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.onecard.core.journal.Conservation;
import io.onecard.core.journal.LiveAuditReport;
import io.onecard.http.LiveAuditor;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the live audits of {@code POST /v1/admin/audit}: one at a time, on a thread of its own, so that an
 * event loop never waits for one and two audits never compete for the ledger thread. A request that finds
 * an audit running is refused at once ({@link ApiError#AUDIT_RUNNING}) rather than queued, so that nothing
 * piles up behind a long audit.
 *
 * <p>Answers: 200 with the report when nothing differs; 500 {@code audit_failed} with the same report when
 * something does (a monitor that only looks at the status sees the failure); 500 {@code internal_error}
 * when the audit could not run. The report lists at most {@link #MAX_LISTED_DIFFERENCES} differences and
 * says how many were found.
 */
final class AuditDesk implements AutoCloseable {
    /** Differences listed in one answer at most; {@code differences_found} tells how many there were. */
    static final int MAX_LISTED_DIFFERENCES = 100;
    /** How long closing waits for a running audit to stop after it was interrupted. */
    static final long CLOSE_WAIT_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(AuditDesk.class);

    private final LiveAuditor auditor;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread worker = new Thread(runnable, "onecard-live-audit");
        worker.setDaemon(true);
        return worker;
    });
    private final AtomicBoolean busy = new AtomicBoolean();

    AuditDesk(LiveAuditor auditor) {
        this.auditor = auditor;
    }

    /** Starts an audit, or returns {@code null} when one is running. Never blocks. */
    CompletableFuture<ApiResponse> tryStart() {
        if (!busy.compareAndSet(false, true)) {
            return null;
        }
        CompletableFuture<ApiResponse> answer = new CompletableFuture<>();
        try {
            thread.execute(() -> answer.complete(runOne()));
        } catch (RejectedExecutionException closing) {
            busy.set(false);
            return CompletableFuture.completedFuture(ApiResponse.error(ApiError.UNAVAILABLE));
        }
        return answer;
    }

    private ApiResponse runOne() {
        LiveAuditReport report;
        try {
            report = auditor.audit();
        } catch (Exception | Error failure) {
            busy.set(false);
            LOG.error("live audit could not run", failure);
            return ApiResponse.error(ApiError.INTERNAL_ERROR, "the audit could not run: " + failure.getMessage());
        }
        busy.set(false);
        if (report.passed()) {
            LOG.info("live audit passed at journal index {}: {} commands replayed, ledger paused {} ms",
                report.auditedIndex(), report.commandsReplayed(), report.ledgerPauseMillis());
            return ApiResponse.json(HttpResponseStatus.OK, render(report));
        }
        LOG.warn("live audit FAILED at journal index {}: {} differences", report.auditedIndex(),
            report.differences().size());
        return new ApiResponse(ApiError.AUDIT_FAILED.status(), render(report), ApiResponse.JSON,
            Map.of(), ApiError.AUDIT_FAILED);
    }

    static byte[] render(LiveAuditReport report) {
        return JsonBodies.object(json -> {
            if (!report.passed()) {
                json.writeObjectFieldStart("error");
                json.writeStringField("code", ApiError.AUDIT_FAILED.code());
                json.writeStringField("message", report.differences().size() + " differences found");
                json.writeEndObject();
            }
            json.writeBooleanField("passed", report.passed());
            json.writeNumberField("journal_index", report.auditedIndex());
            json.writeNumberField("commands_replayed", report.commandsReplayed());
            json.writeNumberField("commands_replayed_on_ledger", report.commandsReplayedOnLedger());
            json.writeNumberField("ledger_pause_millis", report.ledgerPauseMillis());
            json.writeNumberField("duration_millis", report.durationMillis());
            json.writeNumberField("cards", report.cards());
            conservation(json, report.conservation());
            json.writeNumberField("differences_found", report.differences().size());
            json.writeArrayFieldStart("differences");
            for (String difference : report.differences().subList(0, Math.min(MAX_LISTED_DIFFERENCES,
                report.differences().size()))) {
                json.writeString(difference);
            }
            json.writeEndArray();
        });
    }

    private static void conservation(JsonGenerator json, Conservation figures)
        throws IOException {
        json.writeObjectFieldStart("conservation");
        json.writeNumberField("balances", figures.balancesMinor());
        json.writeNumberField("expected_balances", figures.expectedBalancesMinor());
        json.writeNumberField("issued", figures.issuedMinor());
        json.writeNumberField("recharged", figures.rechargedMinor());
        json.writeNumberField("captured", figures.capturedMinor());
        json.writeNumberField("debited", figures.debitedMinor());
        json.writeNumberField("refunded", figures.refundedMinor());
        json.writeNumberField("held", figures.heldMinor());
        json.writeNumberField("open_holds_amount", figures.openHoldsMinor());
        json.writeNumberField("open_holds", figures.openHolds());
        json.writeEndObject();
    }

    /** Interrupts a running audit (its replay stops, its scratch directory goes) and stops the thread. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("the live audit did not stop within {} s", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
