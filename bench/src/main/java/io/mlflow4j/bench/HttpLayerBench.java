package io.mlflow4j.bench;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.scoring.Invocations;
import io.mlflow4j.runtime.scoring.ScoringResponse;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;

/**
 * The scoring server's per-request work ({@link Invocations#invoke}: parse, enforce, predict, write)
 * behind Undertow or Netty instead of the JDK's HTTP server, with {@code GET /ping} as the empty
 * handler. Only for comparing HTTP layers under the same load (bench/run-http-layer-bench.sh); the
 * real server is {@code io.mlflow4j.server.ScoringServer}, on Netty since these measurements.
 *
 * <p>Usage: {@code java -cp <bench classpath> io.mlflow4j.bench.HttpLayerBench undertow|netty <model uri> <port>}
 */
public final class HttpLayerBench {
    private static final byte[] PING = "\n".getBytes();

    private HttpLayerBench() {}

    public static void main(String[] args) throws Exception {
        LoadedModel model = MlflowModels.load(args[1]);
        Invocations invocations = new Invocations(model);
        int port = Integer.parseInt(args[2]);
        switch (args[0]) {
            case "undertow" -> undertow(invocations, port);
            case "netty" -> netty(invocations, port);
            default -> throw new IllegalArgumentException("undertow or netty, not " + args[0]);
        }
        System.err.println("listening on 127.0.0.1:" + port);
        new CountDownLatch(1).await();
    }

    private static void undertow(Invocations invocations, int port) {
        Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(new HttpHandler() {
                    @Override
                    public void handleRequest(HttpServerExchange exchange) throws Exception {
                        if (exchange.getRequestPath().equals("/ping")) {
                            exchange.getResponseSender().send(ByteBuffer.wrap(PING));
                            return;
                        }
                        if (exchange.isInIoThread()) { // predict off the I/O threads, as ScoringServer does
                            exchange.dispatch(this);
                            return;
                        }
                        exchange.startBlocking();
                        byte[] body = exchange.getInputStream().readAllBytes();
                        ScoringResponse response =
                                invocations.invoke(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE), body);
                        exchange.setStatusCode(response.status());
                        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, response.contentType());
                        exchange.getResponseSender().send(ByteBuffer.wrap(response.body()));
                    }
                })
                .build()
                .start();
    }

    @SuppressWarnings("deprecation") // NioEventLoopGroup: still the plainest way to start Netty 4.2
    private static void netty(Invocations invocations, int port) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup();
        new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(
                                        new HttpServerCodec(),
                                        new HttpObjectAggregator(64 << 20),
                                        new SimpleChannelInboundHandler<FullHttpRequest>() {
                                            @Override
                                            protected void channelRead0(
                                                    ChannelHandlerContext context, FullHttpRequest request) {
                                                FullHttpResponse response =
                                                        request.uri().equals("/ping")
                                                                ? answer(200, "text/plain", PING)
                                                                : invoke(invocations, request);
                                                HttpUtil.setContentLength(
                                                        response,
                                                        response.content().readableBytes());
                                                HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
                                                context.writeAndFlush(response);
                                            }
                                        });
                    }
                })
                .bind("127.0.0.1", port)
                .sync();
    }

    private static FullHttpResponse invoke(Invocations invocations, FullHttpRequest request) {
        ScoringResponse response = invocations.invoke(
                request.headers().get(HttpHeaderNames.CONTENT_TYPE), ByteBufUtil.getBytes(request.content()));
        return answer(response.status(), response.contentType(), response.body());
    }

    private static FullHttpResponse answer(int status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }
}
