package io.mlflow4j.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Each connection's pipeline: idle timer, HTTP/1.1 codec, framing check, slow-body deadline, size limit, router. */
final class ScoringChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** As the JDK's server did (sun.net.httpserver.idleInterval): idle connections close after 30 s. */
    static final int IDLE_SECONDS = 30;

    private final ScoringServerOptions options;
    private final InvocationDispatcher dispatcher;
    private final ChannelGroup connections;

    ScoringChannelInitializer(ScoringServerOptions options, InvocationDispatcher dispatcher, ChannelGroup connections) {
        this.options = options;
        this.dispatcher = dispatcher;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connections.add(channel);
        channel.pipeline().addLast(
                new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS),
                new StrictRequestDecoder(),
                new HttpResponseEncoder(),
                new FramingCheck(),
                new BodyDeadline(options.requestTimeout().toNanos()),
                new SizeLimit((int) Math.min(options.maxRequestBytes(), Integer.MAX_VALUE - 16)),
                new RequestRouter(dispatcher));
    }
}
