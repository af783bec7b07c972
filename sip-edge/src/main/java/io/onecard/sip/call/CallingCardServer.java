package io.onecard.sip.call;

import gov.nist.javax.sip.SipStackImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.onecard.core.OneCardCore;
import io.onecard.core.ledger.ResultCode;
import io.onecard.core.ring.CommandSink;
import io.onecard.sip.SipEdgeConfig;
import io.onecard.sip.auth.NonceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepaid calling-card edge: a SIP B2BUA on UDP and TCP that authenticates callers by card number and
 * PIN (digest), rates the dialled number, holds credit through the core ring, bridges the call to the
 * configured gateway and settles it when it ends.
 *
 * <p>Answers before bridging, as API.md promises: {@code 407} (challenge), {@code 403} (card declined),
 * {@code 402} (not enough credit for the connect fee and the first increment), {@code 404} (no rate),
 * {@code 503} with {@code Retry-After} (ring full, core not ready, or no gateway). No stack or ring thread
 * ever waits: ledger results come back on the replier thread and are handed to the call's own serial queue.
 * Every call record goes to {@code <data dir>/cdr/}; a start first settles and records the calls a killed run
 * had ended but not recorded ({@link PendingSettlements}).
 */
public final class CallingCardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallingCardServer.class);
    private static final AtomicInteger STACKS = new AtomicInteger();
    /** Most used nonces remembered at once. */
    public static final int MAX_TRACKED_NONCES = 200_000;
    /** Largest SIP message accepted over TCP, in bytes. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024;
    /** Most concurrent TCP connections. */
    public static final int MAX_TCP_CONNECTIONS = 2_048;
    /**
     * Receive and send buffer of the UDP socket: a burst of a few thousand datagrams waits here instead of
     * being dropped (a drop costs the caller a 500 ms retransmission). The kernel grants at most
     * {@code net.core.rmem_max} / {@code wmem_max}.
     */
    public static final int UDP_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    /**
     * Fewest SIP server transactions the stack keeps open; past 80 % of the bound it drops a growing share of
     * new requests (the caller retransmits). A finished non-INVITE transaction lingers 32 s over UDP, so at
     * 1,200 calls a second about 40,000 are open; the bound grows with {@code sip.max.calls} beyond this. Client
     * transactions are left unbounded by the stack, whose bound would block the sending thread: the edge only
     * sends for calls it admitted, at most {@code sip.max.calls}.
     */
    public static final int MIN_OPEN_TRANSACTIONS = 100_000;
    /** How long a start waits for the ledger to settle the calls a killed run left open. */
    static final long LEFT_OPEN_TIMEOUT_MILLIS = 10_000;
    private static final long RETRY_MILLIS = 100;

    private final SipEdgeConfig config;
    private final CommandSink sink;
    private final BooleanSupplier ready;
    private final MeterRegistry registry;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private SipStackImpl stack;
    private ScheduledExecutorService timer;
    private ExecutorService workers;
    private CallRecordWriter records;
    private PendingSettlements pending;
    private CallMetrics metrics;
    private SipRequestHandler handler;

    /**
     * @param sink the core's command ring
     * @param ready true once the core has recovered; calls get 503 before that
     * @param registry where the edge's meters go
     */
    public CallingCardServer(SipEdgeConfig config, CommandSink sink, BooleanSupplier ready, MeterRegistry registry) {
        this.config = config.validate();
        this.sink = sink;
        this.ready = ready;
        this.registry = registry;
    }

    /** An edge settling through {@code core}'s ring, ready once the core has recovered. */
    public CallingCardServer(SipEdgeConfig config, OneCardCore core, MeterRegistry registry) {
        this(config, core.sink(), core::isRecovered, registry);
    }

    /** Opens the UDP and TCP listeners and starts taking calls. */
    public synchronized void start() {
        if (stack != null) {
            throw new IllegalStateException("already started");
        }
        try {
            records = new CallRecordWriter(config.dataDir());
            pending = new PendingSettlements(config.dataDir());
            settleLeftOpen();
            metrics = new CallMetrics(registry, calls::size);
            ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, named("sip-timer"));
            // every call cancels a maximum-duration timer hours ahead; it must leave the queue at once
            timerPool.setRemoveOnCancelPolicy(true);
            timer = timerPool;
            workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(workQueueCapacity(config.maxCalls())), named("sip-call"));
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = new SipStackImpl(stackProperties());
            ListeningPoint udp = stack.createListeningPoint(config.bindAddress(), config.port(), ListeningPoint.UDP);
            ListeningPoint tcp = stack.createListeningPoint(config.bindAddress(), config.port(), ListeningPoint.TCP);
            SipProvider provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            MessageFactory messageFactory = factory.createMessageFactory();
            HeaderFactory headerFactory = factory.createHeaderFactory();
            AddressFactory addressFactory = factory.createAddressFactory();
            SipMessages sip = new SipMessages(provider, messageFactory, headerFactory, addressFactory,
                config.bindAddress(), config.port());
            SipURI gatewayUri = config.gateway().isEmpty() ? null
                : (SipURI) addressFactory.createURI(config.gateway().get());
            String gatewayTransport = gatewayUri == null || gatewayUri.getTransportParam() == null ? "udp"
                : gatewayUri.getTransportParam().toLowerCase(Locale.ROOT);
            CallServices services = new CallServices(sip, sink, config, System::currentTimeMillis, timer, workers,
                records, pending, metrics, gatewayUri, gatewayTransport, call -> calls.remove(call.callId(), call));
            NonceService nonces = new NonceService(config.nonceLifetime().toMillis(), MAX_TRACKED_NONCES,
                System::currentTimeMillis, new SecureRandom());
            handler = new SipRequestHandler(services, nonces, ready, calls);
            provider.addSipListener(handler);
            stack.start();
            timer.scheduleAtFixedRate(this::housekeeping, 1, 1, TimeUnit.SECONDS);
            LOG.info("SIP edge listening on {}:{} (UDP and TCP), gateway {}, {} rates", config.bindAddress(),
                config.port(), config.gateway().orElse("none (calls get 503)"), config.rates().size());
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create the call record directory", e);
        } catch (SipException | java.text.ParseException | javax.sip.InvalidArgumentException
            | java.util.TooManyListenersException | RuntimeException e) {
            close();
            throw new IllegalStateException("cannot start the SIP edge on " + config.bindAddress() + ":"
                + config.port() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes again, with their own keys, the settlements a previous run sent without writing their call
     * records (it was killed), and writes those records. A settlement the ledger applied gets its first result; one
     * it never saw is applied now (or refused, when its hold has expired meanwhile).
     */
    private void settleLeftOpen() throws IOException {
        List<Settlement> left = pending.open();
        if (left.isEmpty()) {
            return;
        }
        if (!ready.getAsBoolean()) {
            LOG.warn("{} calls of the last run are not settled yet: the ledger is not ready", left.size());
            return;
        }
        long deadline = System.currentTimeMillis() + LEFT_OPEN_TIMEOUT_MILLIS;
        int settled = 0;
        for (Settlement settlement : left) {
            if (records.isRecorded(settlement.record())) {
                pending.done(settlement.key());
                continue;
            }
            LedgerReply reply = settleNow(settlement, deadline);
            if (reply == null) {
                LOG.warn("call {} of the last run is not settled yet: the ledger did not answer in time",
                    settlement.record().callId());
                continue;
            }
            records.write(settlement.settled(reply));
            pending.done(settlement.key());
            settled++;
        }
        LOG.info("settled {} calls the last run had ended without writing their records", settled);
    }

    private LedgerReply settleNow(Settlement settlement, long deadline) {
        while (System.currentTimeMillis() < deadline) {
            CompletableFuture<LedgerReply> reply = new CompletableFuture<>();
            if (sink.tryPublish(settlement.command(), command -> reply.complete(LedgerReply.of(command)))) {
                try {
                    LedgerReply answer = reply.get(Math.max(1, deadline - System.currentTimeMillis()),
                        TimeUnit.MILLISECONDS);
                    if (answer.code() != ResultCode.OVERLOADED) {
                        return answer;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
        }
        return null;
    }

    private void housekeeping() {
        try {
            metrics.sample();
            handler.purgeNonces();
        } catch (RuntimeException e) {
            LOG.warn("SIP housekeeping failed", e);
        }
    }

    private Properties stackProperties() {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "onecard-sip-" + STACKS.incrementAndGet());
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", "io.onecard.sip.stack.Slf4jStackLogger");
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", "io.onecard.sip.stack.Slf4jServerLogger");
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", LOG.isTraceEnabled() ? "TRACE" : "ERROR");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(config.stackThreads()));
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_BYTES));
        properties.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", Integer.toString(MAX_TCP_CONNECTIONS));
        properties.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS",
            Integer.toString(openTransactionLimit(config.maxCalls())));
        properties.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UDP_SOCKET_BUFFER_BYTES));
        properties.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(UDP_SOCKET_BUFFER_BYTES));
        properties.setProperty("gov.nist.javax.sip.READ_TIMEOUT", "2000");
        properties.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        return properties;
    }

    /** Calls in progress. */
    public int activeCalls() {
        return calls.size();
    }

    /** The port the edge listens on. */
    public int port() {
        return config.port();
    }

    /**
     * Ends every call (BYE to both legs, settled as cut off), then stops the stack. Holds of calls that cannot
     * be settled in time expire by themselves in the ledger.
     */
    @Override
    public synchronized void close() {
        for (Call call : calls.values()) {
            call.execute(call::onShutdown);
        }
        long deadline = System.currentTimeMillis() + 2_000;
        while (!calls.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (stack != null) {
            stack.stop();
            stack = null;
            LOG.info("SIP edge on port {} stopped", config.port());
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (workers != null) {
            workers.shutdown();
        }
        if (records != null) {
            records.close();
        }
        if (pending != null) {
            pending.close();
        }
    }

    /**
     * The call pool's queue: a call queues its events on its own serial queue and puts at most one entry here
     * at a time, so calls in progress (and the few just ended) bound it.
     */
    static int workQueueCapacity(int maxCalls) {
        return 2 * maxCalls + 1_024;
    }

    static int openTransactionLimit(int maxCalls) {
        return Math.max(MIN_OPEN_TRANSACTIONS, 8 * maxCalls);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
