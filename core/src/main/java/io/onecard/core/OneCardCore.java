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
import io.onecard.core.ring.SettlementRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
    private static final Logger LOG = LoggerFactory.getLogger(OneCardCore.class);

    private final CoreConfig config;
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

    /** Runs a task on the ledger thread between commands (snapshots, live audits, counters). */
    public void runOnLedger(Consumer<LedgerAccess> task, long timeoutMillis) throws TimeoutException {
        ring.runOnLedger(task, timeoutMillis);
    }

    @Override
    public void close() {
        expiryTimer.close();
        ring.close();
        journal.close();
        state.close();
        LOG.info("ledger closed cleanly");
    }
}
