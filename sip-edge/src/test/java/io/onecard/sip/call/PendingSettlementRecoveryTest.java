package io.onecard.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onecard.core.CoreConfig;
import io.onecard.core.OneCardCore;
import io.onecard.core.card.Currencies;
import io.onecard.core.testing.LedgerClient;
import io.onecard.sip.SipEdgeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed between publishing a call's capture and writing its call record leaves the settlement open;
 * the next start settles it with the call's own key and writes the record: the call is charged once whether
 * or not the capture reached the ledger before the kill, and recorded once.
 */
class PendingSettlementRecoveryTest {
    private static final long HELD_MINOR = 300;
    private static final long COST_MINOR = 120;
    private static final long STACK_START_MILLIS = 300;

    @TempDir
    Path dir;

    private OneCardCore core;
    private LedgerClient ledger;
    private long card;
    private long holdId;

    @BeforeEach
    void openLedgerWithACallHold() {
        core = OneCardCore.open(CoreConfig.defaults(dir.resolve("core")).withRingSize(1_024));
        ledger = new LedgerClient(core.sink());
        card = ledger.issue(1_000).cardNumber();
        holdId = ledger.authorize(card, HELD_MINOR, 3_600, "sip:call-1:hold").holdId();
        assertThat(holdId).isPositive();
    }

    @AfterEach
    void closeLedger() {
        core.close();
    }

    @Test
    void shouldChargeAndRecordACallWhoseCaptureNeverReachedTheLedger() throws Exception {
        leaveOpen(settlement());

        startAndStopEdge();

        assertThat(ledger.query(card).balance()).isEqualTo(1_000 - COST_MINOR);
        assertThat(ledger.query(card).held()).isZero();
        assertThat(records()).singleElement().asString().contains("\"amount\":" + COST_MINOR + ",")
            .contains("\"settlement\":\"ok\"");
        assertThat(new PendingSettlements(dir.resolve("edge")).open()).isEmpty();
    }

    @Test
    void shouldNotChargeTwiceACallWhoseCaptureTheLedgerAppliedBeforeTheKill() throws Exception {
        Settlement settlement = settlement();
        leaveOpen(settlement);
        long transactionId = ledger.call(settlement.command()).transactionId();

        startAndStopEdge();
        startAndStopEdge();

        assertThat(ledger.query(card).balance()).isEqualTo(1_000 - COST_MINOR);
        assertThat(records()).singleElement().asString().contains("\"amount\":" + COST_MINOR + ",")
            .contains("\"transaction_id\":" + transactionId + "}");
    }

    @Test
    void shouldNotRecordTwiceACallWhoseRecordWasWrittenBeforeTheKill() throws Exception {
        Settlement settlement = settlement();
        leaveOpen(settlement);
        LedgerReply reply = publish(settlement);
        try (CallRecordWriter writer = new CallRecordWriter(dir.resolve("edge"))) {
            writer.write(settlement.settled(reply));
        }

        startAndStopEdge();

        assertThat(ledger.query(card).balance()).isEqualTo(1_000 - COST_MINOR);
        assertThat(records()).hasSize(1);
        assertThat(new PendingSettlements(dir.resolve("edge")).open()).isEmpty();
    }

    private Settlement settlement() {
        long now = System.currentTimeMillis();
        CallRecord record = new CallRecord("call-1@127.0.0.1", card, "44123", Currencies.parse("EUR"), now - 70_000,
            now - 65_000, now - 1_000, 60, 0, EndReason.CALLER, 200, "pending", 0);
        return new Settlement("sip:call-1:capture", true, holdId, COST_MINOR, false, record);
    }

    private void leaveOpen(Settlement settlement) throws Exception {
        try (PendingSettlements pending = new PendingSettlements(dir.resolve("edge"))) {
            pending.opened(settlement);
        }
    }

    private LedgerReply publish(Settlement settlement) throws Exception {
        CompletableFuture<LedgerReply> done = new CompletableFuture<>();
        assertThat(core.sink().tryPublish(settlement.command(), command -> done.complete(LedgerReply.of(command))))
            .isTrue();
        return done.get(30, TimeUnit.SECONDS);
    }

    private void startAndStopEdge() throws InterruptedException {
        SipEdgeConfig config = SipEdgeConfig.defaults(dir.resolve("edge")).withBind("127.0.0.1", Sipp.freePort());
        try (CallingCardServer server = new CallingCardServer(config, core, new SimpleMeterRegistry())) {
            server.start();
            // the stack's UDP listener starts on its own thread; stopping it before then fails inside the stack
            Thread.sleep(STACK_START_MILLIS);
        }
    }

    private List<String> records() throws Exception {
        try (var files = Files.list(dir.resolve("edge").resolve("cdr"))) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.toList()) {
                lines.addAll(Files.readAllLines(file));
            }
            return lines;
        }
    }
}
