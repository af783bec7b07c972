package io.onecard.bench.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The baseline of the HTTP benchmark: a plain Netty HTTP/1.1 keep-alive server that answers every request
 * with the same small JSON body. It uses the Netty version, transport, acceptor thread and event-loop count
 * of the settlement server ({@code ioThreads = 0}), so the ratio of the two rates is the cost of settling.
 *
 * <p>Usage: {@code HelloWorldServer [port]} (0, the default, picks a free port). Prints {@code port=<n>},
 * then serves until its standard input ends.
 */
public final class HelloWorldServer {
    private static final byte[] BODY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf SHARED_BODY = Unpooled.unreleasableBuffer(Unpooled.directBuffer(BODY.length)
        .writeBytes(BODY).asReadOnly());
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private HelloWorldServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("hello-accept"),
            NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("hello-io"),
            NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY_BYTES),
                            new HelloHandler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port))
                .syncUninterruptibly()
                .channel();
            System.out.println("port=" + ((InetSocketAddress) server.localAddress()).getPort());
            System.out.flush();
            awaitEndOfInput(System.in);
            server.close().syncUninterruptibly();
        } finally {
            acceptors.shutdownGracefully().syncUninterruptibly();
            workers.shutdownGracefully().syncUninterruptibly();
        }
    }

    /** Blocks until the stream ends: the script that started the server stops it by closing its input. */
    public static void awaitEndOfInput(InputStream input) throws IOException {
        byte[] buffer = new byte[256];
        int read;
        do {
            read = input.read(buffer);
        } while (read >= 0);
    }

    /** Answers every whole request with the fixed body, keeping the connection open when the client asks. */
    private static final class HelloHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                SHARED_BODY.duplicate());
            response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
            if (keepAlive) {
                context.writeAndFlush(response, context.voidPromise());
            } else {
                context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
