package io.onecard.bench.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Debits offered over HTTP at a fixed rate, open loop: request {@code i} is due at {@code start + i / rate}
 * whatever happened to the earlier ones, and its latency runs from that due time to the whole response (so a
 * stalled server or sender cannot hide queueing: coordinated omission is corrected). Requests go round-robin
 * over keep-alive connections, pipelined when a connection has several in flight; each carries its own
 * {@code Idempotency-Key}. One event-loop thread does all the I/O and records into one HdrHistogram. The
 * first {@value #WARM_UP_SECONDS} seconds at the same rate warm both JVMs up and are not recorded.
 *
 * <p>Usage: {@code OpenLoopDebitDriver <port> <card> <pin> <gateway key> <rate per s> <seconds> <connections>}.
 * Prints one line of results (sent counts the warm-up too); fails unless every debit was answered 201.
 */
public final class OpenLoopDebitDriver {
    private static final long ANSWER_TIMEOUT_SECONDS = 60;
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final int WARM_UP_SECONDS = 5;

    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final CountDownLatch answered;
    private final String authorization;
    private final byte[] body;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private volatile long recordFromNanos = Long.MAX_VALUE;

    private OpenLoopDebitDriver(long total, String card, String pin, String gatewayKey) {
        this.answered = new CountDownLatch((int) total);
        this.authorization = "Bearer " + gatewayKey;
        this.body = ("{\"card_number\":\"" + card + "\",\"pin\":\"" + pin + "\",\"amount\":1,\"currency\":\"EUR\"}")
            .getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long rate = Long.parseLong(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int connections = Integer.parseInt(args[6]);
        long total = rate * (WARM_UP_SECONDS + seconds);
        OpenLoopDebitDriver driver = new OpenLoopDebitDriver(total, args[1], args[2], args[3]);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("driver-io"),
            NioIoHandler.newFactory());
        try {
            Connection[] pool = driver.connect(group, port, connections);
            driver.offer(pool, rate, total);
            boolean complete = driver.answered.await(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "offered=%d/s sent=%d created_201=%d other=%d p50=%.1fus p90=%.1fus "
                    + "p99=%.1fus p99.9=%.1fus max=%.1fus%n", rate, total, driver.created.get(), driver.other.get(),
                driver.micros(50), driver.micros(90), driver.micros(99), driver.micros(99.9),
                driver.histogram.getMaxValue() / 1000.0);
            if (!complete || driver.created.get() != total) {
                throw new IllegalStateException("not every debit was answered 201");
            }
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

    private void offer(Connection[] pool, long rate, long total) {
        long start = System.nanoTime();
        recordFromNanos = start + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            Connection connection = pool[(int) (i % pool.length)];
            FullHttpRequest request = request(i);
            connection.channel.eventLoop().execute(() -> {
                connection.dueTimes.addLast(due);
                connection.channel.writeAndFlush(request, connection.channel.voidPromise());
            });
        }
    }

    private FullHttpRequest request(long sequence) {
        ByteBuf content = Unpooled.wrappedBuffer(body);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/debits",
            content);
        request.headers()
            .set(HttpHeaderNames.HOST, "127.0.0.1")
            .set(HttpHeaderNames.AUTHORIZATION, authorization)
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .set("Idempotency-Key", "open-loop-" + run + "-" + sequence)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return request;
    }

    private double micros(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** One keep-alive connection and the due times of its requests in flight, touched only by its event loop. */
    private static final class Connection {
        private final ArrayDeque<Long> dueTimes = new ArrayDeque<>();
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
            long due = connection.dueTimes.removeFirst();
            if (due >= recordFromNanos) {
                histogram.recordValue(Math.min(System.nanoTime() - due, histogram.getHighestTrackableValue()));
            }
            if (response.status().equals(HttpResponseStatus.CREATED)) {
                created.incrementAndGet();
            } else {
                other.incrementAndGet();
            }
            answered.countDown();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
