package io.onecard.bench.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.onecard.bench.load.DriverOptions;
import io.onecard.bench.load.LoadRecorder;
import io.onecard.bench.load.Outcome;
import io.onecard.bench.sql.JdbcSettlementDriver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OneCard's load generator. Open loop by default: request {@code i} is due at {@code start + i / rate} whatever
 * happened to the earlier ones, and its latency runs from that due time to the whole answer (so a stalled
 * server or sender cannot hide queueing: coordinated omission is corrected). With {@code rate=0} it runs closed
 * loop instead, each connection sending its next request when the last is answered, to find the maximum rate.
 *
 * <p>Targets: {@code debits} ({@code POST /v1/debits} over keep-alive HTTP connections, round-robin over the
 * given cards, each with its own {@code Idempotency-Key}; with {@code shape=hold} each settlement is instead an
 * authorization and its full capture, sent on the same connection once the authorization is answered, and
 * with {@code shape=both} the two alternate); {@code hello} ({@code GET /} of the plain Netty
 * hello-world, the baseline); {@code jdbc} (the same settlement in PostgreSQL, see {@link JdbcSettlementDriver}).
 * Over HTTP, requests are pipelined when a connection has several in flight; two event-loop threads share the
 * connections. The first {@code warmup} seconds (default 5) at the same rate are not recorded.
 *
 * <p>Usage: {@code OpenLoopDebitDriver target=debits port=<n> cards=<n1,n2..> pin=<pin> key=<gateway key>
 * rate=<per s, 0 for closed loop> seconds=<s> connections=<n> [amount=1] [warmup=5] [declines=allowed]
 * [shape=debit|hold|both]}.
 * Prints one line of results (sent counts the warm-up too) and, for debits, one line per card; fails on any
 * answer other than settled, declined (only where allowed) or overloaded, and on any request left unanswered.
 */
public final class OpenLoopDebitDriver {
    private static final long ANSWER_TIMEOUT_SECONDS = 60;
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;
    /** Two event loops share the connections, so that one thread's I/O does not cap the closed-loop maximum. */
    private static final int IO_THREADS = 2;
    private static final Pattern AUTHORIZATION_ID = Pattern.compile("\"authorization_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.US_ASCII);

    private final LoadRecorder recorder;
    private final boolean hello;
    private final String shape;
    private final String[] cards;
    private final long amountMinor;
    private final String authorization;
    private final byte[][] bodies;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong sent = new AtomicLong();
    private volatile long stopSendingNanos = Long.MAX_VALUE;
    private volatile boolean closedLoop;

    private OpenLoopDebitDriver(DriverOptions options, boolean hello) {
        this.hello = hello;
        this.shape = options.text("shape", "debit");
        if (!shape.equals("debit") && !shape.equals("hold") && !shape.equals("both")) {
            throw new IllegalArgumentException("shape must be debit, hold or both, not " + shape);
        }
        this.cards = hello ? new String[] {"none"} : options.cards();
        this.amountMinor = options.number("amount", 1);
        this.recorder = new LoadRecorder(cards.length);
        this.authorization = hello ? "" : "Bearer " + options.text("key");
        this.bodies = new byte[cards.length][];
        for (int i = 0; i < cards.length && !hello; i++) {
            bodies[i] = ("{\"card_number\":\"" + cards[i] + "\",\"pin\":\"" + options.text("pin") + "\",\"amount\":"
                + amountMinor + ",\"currency\":\"EUR\"}").getBytes(StandardCharsets.US_ASCII);
        }
    }

    public static void main(String[] args) throws Exception {
        DriverOptions options = DriverOptions.parse(args);
        String target = options.text("target", "debits");
        if (target.equals("jdbc")) {
            JdbcSettlementDriver.run(options);
            return;
        }
        if (!target.equals("debits") && !target.equals("hello")) {
            throw new IllegalArgumentException("unknown target " + target);
        }
        long rate = options.number("rate");
        long seconds = options.number("seconds") + options.number("warmup", 5);
        OpenLoopDebitDriver driver = new OpenLoopDebitDriver(options, target.equals("hello"));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(IO_THREADS, new DefaultThreadFactory("driver-io"),
            NioIoHandler.newFactory());
        try {
            int connections = (int) options.number("connections");
            Connection[] pool = driver.connect(group, (int) options.number("port"), connections);
            long start = System.nanoTime();
            driver.recorder.recordFrom(start + TimeUnit.SECONDS.toNanos(options.number("warmup", 5)));
            if (rate > 0) {
                driver.offer(pool, start, rate, rate * seconds);
            } else {
                driver.closedLoop(pool, start + TimeUnit.SECONDS.toNanos(seconds));
            }
            driver.awaitAnswers();
            System.out.println(driver.recorder.summary(target, rate, driver.sent.get()));
            if (!driver.hello) {
                System.out.print(driver.recorder.byCard(driver.cards));
            }
            System.out.flush();
            driver.recorder.check(driver.sent.get(), "allowed".equals(options.text("declines", "refused")));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private Connection[] connect(EventLoopGroup group, int port, int count) {
        Connection[] pool = new Connection[count];
        for (int i = 0; i < count; i++) {
            Connection connection = new Connection();
            connection.channel = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES),
                            new ResponseHandler(connection));
                    }
                })
                .connect("127.0.0.1", port)
                .syncUninterruptibly()
                .channel();
            pool[i] = connection;
        }
        return pool;
    }

    private void offer(Connection[] pool, long start, long rate, long total) {
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            Connection connection = pool[(int) (i % pool.length)];
            long sequence = i;
            connection.channel.eventLoop().execute(() -> send(connection, sequence, due));
            sent.incrementAndGet();
        }
    }

    /** Every connection keeps one request in flight until the end; each answer sends the next. */
    private void closedLoop(Connection[] pool, long endNanos) {
        closedLoop = true;
        stopSendingNanos = endNanos;
        for (Connection connection : pool) {
            connection.channel.eventLoop().execute(() -> send(connection, sent.getAndIncrement(), System.nanoTime()));
        }
        for (long wait = endNanos - System.nanoTime(); wait > 0; wait = endNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private void awaitAnswers() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_SECONDS);
        while (recorder.answered() < sent.get() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Runs on the connection's event loop. */
    private void send(Connection connection, long sequence, long due) {
        int card = (int) (sequence % cards.length);
        boolean debit = shape.equals("debit") || (shape.equals("both") && sequence % 2 == 0);
        Step step = hello ? Step.HELLO : debit ? Step.DEBIT : Step.AUTHORIZE;
        send(connection, new InFlight(due, card, sequence, step), null);
    }

    private void send(Connection connection, InFlight request, String authorizationId) {
        connection.inFlight.addLast(request);
        connection.channel.writeAndFlush(request(request, authorizationId), connection.channel.voidPromise());
    }

    private FullHttpRequest request(InFlight step, String authorizationId) {
        if (step.step() == Step.HELLO) {
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
            request.headers().set(HttpHeaderNames.HOST, "127.0.0.1").setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            return request;
        }
        byte[] body = step.step() == Step.CAPTURE ? EMPTY_JSON : bodies[step.card()];
        String path = switch (step.step()) {
            case DEBIT -> "/v1/debits";
            case AUTHORIZE -> "/v1/authorizations";
            default -> "/v1/authorizations/" + authorizationId + "/capture";
        };
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
            Unpooled.wrappedBuffer(body));
        request.headers()
            .set(HttpHeaderNames.HOST, "127.0.0.1")
            .set(HttpHeaderNames.AUTHORIZATION, authorization)
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .set("Idempotency-Key", "open-loop-" + run + "-" + step.step().name().charAt(0) + step.sequence())
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return request;
    }

    private static Outcome outcome(Step step, int status) {
        int settled = switch (step) {
            case HELLO -> 200;
            case CAPTURE -> 200;
            default -> 201;
        };
        if (status == settled) {
            return Outcome.OK;
        }
        if (step != Step.HELLO && step != Step.CAPTURE && status == 402) {
            return Outcome.DECLINED;
        }
        return status == 503 ? Outcome.OVERLOADED : Outcome.OTHER;
    }

    /** What a request does: the hello-world, a debit, or the two steps of an authorization and its capture. */
    private enum Step {
        HELLO, DEBIT, AUTHORIZE, CAPTURE
    }

    /** A request sent and not yet answered: when its settlement was due, which card it spends, and its step. */
    private record InFlight(long dueNanos, int card, long sequence, Step step) {
    }

    /** One keep-alive connection and its requests in flight, touched only by its event loop. */
    private static final class Connection {
        private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        private Channel channel;
    }

    /** Matches each response to the oldest request in flight on its connection (HTTP/1.1 keeps the order). */
    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Connection connection;

        private ResponseHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
            InFlight request = connection.inFlight.removeFirst();
            Outcome outcome = outcome(request.step(), response.status().code());
            if (request.step() == Step.AUTHORIZE && outcome == Outcome.OK) {
                Matcher id = AUTHORIZATION_ID.matcher(response.content().toString(StandardCharsets.US_ASCII));
                if (id.find()) {
                    send(connection, new InFlight(request.dueNanos(), request.card(), request.sequence(),
                        Step.CAPTURE), id.group(1));
                    return;
                }
                outcome = Outcome.OTHER;
            }
            recorder.record(request.dueNanos(), outcome, request.card(), amountMinor);
            if (closedLoop && System.nanoTime() < stopSendingNanos) {
                send(connection, sent.getAndIncrement(), System.nanoTime());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
