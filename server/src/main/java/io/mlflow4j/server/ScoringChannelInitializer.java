package io.mlflow4j.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/** Each connection's pipeline: HTTP/1.1 codec, slow-body deadline, size limit, router. */
final class ScoringChannelInitializer extends ChannelInitializer<SocketChannel> {
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
                new HttpServerCodec(),
                new BodyDeadline(options.requestTimeout().toNanos()),
                new SizeLimit((int) Math.min(options.maxRequestBytes(), Integer.MAX_VALUE - 16)),
                new RequestRouter(dispatcher));
    }
}
