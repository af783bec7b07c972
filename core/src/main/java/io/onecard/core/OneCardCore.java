package io.onecard.core;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.PinSecret;
import io.onecard.core.journal.Journal;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.Ledger;
import io.onecard.core.ledger.LedgerState;
import io.onecard.core.ring.CommandSink;
import io.onecard.core.ring.HoldExpiryTimer;
import io.onecard.core.ring.LedgerAccess;
import io.onecard.core.ring.SettlementObserver;
import io.onecard.core.ring.SettlementRing;
import io.onecard.core.journal.Audit;
import io.onecard.core.journal.AuditReport;
import io.onecard.core.journal.LiveAudit;
import io.onecard.core.journal.LiveAuditReport;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master database, opened: recovered state, the journal, the ring and the hold-expiry timer.
 *
 * <p>{@link #open} rebuilds the exact state before it returns: the stores roll back a command that was
 * half-applied when the last process died, then the journal's commands after the last applied one are
 * applied again. Only then does the ring start taking commands. {@link #close} stops taking commands,
 * drains the ring, and closes the journal and the stores cleanly.
 */
public final class OneCardCore implements AutoCloseable {
    /** Names of live audits' scratch directories under the data directory begin with this. */
    public static final String LIVE_AUDIT_SCRATCH_PREFIX = "audit-live-";

    private static final Logger LOG = LoggerFactory.getLogger(OneCardCore.class);

    private final CoreConfig config;
    private final DataDirLock lock;
    private final PinSecret pinSecret;
    private final LedgerState state;
    private final Journal journal;
    private final Ledger ledger;
    private final SettlementRing ring;
    private final HoldExpiryTimer expiryTimer;
    private final long recoveredCommands;
    private final long recoveryMillis;

    private OneCardCore(CoreConfig config, Clock clock) {
        this.config = config.validate();
        long started = System.nanoTime();
        createDirectories();
        this.lock = DataDirLock.acquire(config.dataDir());
        SecureRandom random = new SecureRandom();
        this.pinSecret = PinSecret.loadOrCreate(config.dataDir(), random);
        this.state = LedgerState.open(config.dataDir(), config);
        this.journal = Journal.open(config.dataDir(), config.durability());
        this.ledger = new Ledger(state, pinSecret, config);
        this.recoveredCommands = journal.replay(state.lastAppliedIndex(), Long.MAX_VALUE, new Command(),
            ledger::apply);
        ledger.handOver();
        this.recoveryMillis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("ledger recovered: {} journaled commands applied again in {} ms", recoveredCommands,
            recoveryMillis);
        this.ring = SettlementRing.start(config, pinSecret, new CardNumbers(config.issuerPrefix(), random), random,
            state, journal, ledger, clock);
        this.expiryTimer = new HoldExpiryTimer(ring, config.expiryInterval());
    }

    /** Opens the data directory, recovers, and starts the ring with the system clock. */
    public static OneCardCore open(CoreConfig config) {
        return new OneCardCore(config, Clock.systemUTC());
    }

    private void createDirectories() {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
    }

    /** Where edges publish commands. */
    public CommandSink sink() {
        return ring;
    }

    /** The server secret, for edges that derive a generated PIN again. */
    public PinSecret pinSecret() {
        return pinSecret;
    }

    public CoreConfig config() {
        return config;
    }

    /** True once recovery is done; {@link #open} only returns then, so always true on an open core. */
    public boolean isRecovered() {
        return true;
    }

    public long recoveredCommands() {
        return recoveredCommands;
    }

    public long recoveryMillis() {
        return recoveryMillis;
    }

    public long ringCapacity() {
        return ring.capacity();
    }

    public long ringRemaining() {
        return ring.remaining();
    }

    public long overloadedCount() {
        return ring.overloadedCount();
    }

    /**
     * Sets the one observer that sees every applied command after its own listener (see
     * {@link SettlementObserver}); null removes it.
     */
    public void observeSettlements(SettlementObserver observer) {
        ring.observe(observer);
    }

    /**
     * The card owner's e-mail address, or null when the card has none. Safe from any thread; reads the store
     * directly, so call it off the event loops and the ring's threads.
     */
    public String ownerEmail(long cardNumber) {
        return state.owners().get(cardNumber);
    }

    /** Runs a task on the ledger thread between commands (snapshots, live audits, counters). */
    public void runOnLedger(Consumer<LedgerAccess> task, long timeoutMillis) throws TimeoutException {
        ring.runOnLedger(task, timeoutMillis);
    }

    /**
     * Writes the ledger's whole state to a stream, between two commands, in a hash-free order. The journal
     * after the snapshot's last applied index brings a restored copy up to date.
     */
    public void snapshot(OutputStream out, long timeoutMillis) throws TimeoutException {
        runOnLedger(access -> {
            try {
                state.stores().writeSnapshot(new DataOutputStream(out));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the snapshot", e);
            }
        }, timeoutMillis);
    }

    /**
     * Audits the running ledger: replays the journal up to the last applied command into a fresh state in
     * {@code scratch} and compares. The ledger waits meanwhile, so run it at quiet times.
     */
    public AuditReport audit(Path scratch, long timeoutMillis) throws TimeoutException {
        AuditReport[] report = new AuditReport[1];
        runOnLedger(access -> report[0] = Audit.run(state, journal, pinSecret, config, scratch), timeoutMillis);
        return report[0];
    }

    /**
     * Audits the running ledger while the ring keeps serving: the journal is replayed into a fresh state in
     * a scratch directory under the data directory on the calling thread, and only the last short tail, the
     * comparison and the conservation figures run on the ledger thread ({@link LiveAudit}). Never call it
     * on an I/O thread; one at a time is enough.
     *
     * @param timeoutMillis how long to wait for the ledger thread to take each of the audit's tasks
     */
    public LiveAuditReport auditLive(long timeoutMillis) throws TimeoutException {
        Path scratch;
        try {
            scratch = Files.createTempDirectory(config.dataDir(), LIVE_AUDIT_SCRATCH_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for the audit", e);
        }
        return LiveAudit.run(this::runOnLedger, journal, pinSecret, config, scratch, timeoutMillis);
    }

    @Override
    public void close() {
        expiryTimer.close();
        ring.close();
        journal.close();
        state.close();
        lock.close();
        LOG.info("ledger closed cleanly");
    }
}
