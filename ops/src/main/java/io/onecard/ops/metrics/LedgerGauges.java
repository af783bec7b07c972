package io.onecard.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onecard.core.OneCardCore;
import io.onecard.core.ledger.Counter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's own gauges: recovery time, journal size on disk, open holds and cards. The ring's capacity,
 * occupancy and overloads are the HTTP edge's gauges, registered once with its other metrics.
 *
 * <p>Counters that live on the ledger thread are sampled there, between two commands, by one background
 * thread at a fixed interval, and the gauges show the last sample: a scrape never waits on the ledger and
 * never touches its state from another thread.
 */
public final class LedgerGauges implements AutoCloseable {
    /** How often the ledger's counters and the journal size are sampled by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(LedgerGauges.class);
    private static final long SAMPLE_TIMEOUT_MILLIS = 2_000;

    private final OneCardCore core;
    private final Path journalDir;
    private final AtomicLong openHolds = new AtomicLong();
    private final AtomicLong cards = new AtomicLong();
    private final AtomicLong journalBytes = new AtomicLong();
    private final ScheduledExecutorService sampler;

    public LedgerGauges(OneCardCore core, MeterRegistry registry, Duration interval) {
        this.core = core;
        this.journalDir = core.config().dataDir().resolve("journal");
        Gauge.builder("onecard.ledger.recovery", core, c -> c.recoveryMillis() / 1000.0).baseUnit("seconds")
            .description("Time the last start took to recover the ledger").register(registry);
        Gauge.builder("onecard.ledger.recovered.commands", core, OneCardCore::recoveredCommands)
            .description("Journaled commands applied again by the last start").register(registry);
        Gauge.builder("onecard.journal.size", journalBytes, AtomicLong::get).baseUnit("bytes")
            .description("Size of the journal files on disk").register(registry);
        Gauge.builder("onecard.ledger.holds.open", openHolds, AtomicLong::get)
            .description("Holds outstanding (authorizations and calls in progress)").register(registry);
        Gauge.builder("onecard.ledger.cards", cards, AtomicLong::get)
            .description("Cards in the card store").register(registry);
        sample();
        this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "onecard-gauges");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        sampler.scheduleWithFixedDelay(this::sampleQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Takes a sample now: the ledger's counters (between two commands) and the journal's size. */
    public void sample() {
        try {
            core.runOnLedger(access -> {
                openHolds.set(access.ledger().state().counter(Counter.OPEN_HOLDS));
                cards.set(access.ledger().state().counter(Counter.CARDS));
            }, SAMPLE_TIMEOUT_MILLIS);
        } catch (TimeoutException e) {
            LOG.warn("the ledger did not answer a metrics sample within {} ms", SAMPLE_TIMEOUT_MILLIS);
        }
        journalBytes.set(sizeOf(journalDir));
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.warn("metrics sample failed: {}", e.toString());
        }
    }

    private static long sizeOf(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(LedgerGauges::sizeOrZero).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException vanished) {
            return 0;
        }
    }

    /** Stops sampling; call before the core closes. */
    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(SAMPLE_TIMEOUT_MILLIS * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
