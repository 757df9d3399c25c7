package io.mlflow4j.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Admits a connection under the connection cap and builds its pipeline: idle timer, header
 * deadline, HTTP/1.1 codec, framing check, slow-body deadline, body budget, size limit,
 * router.
 */
final class ScoringChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** As the JDK's server did (sun.net.httpserver.idleInterval): idle connections close after 30 s. */
    static final int IDLE_SECONDS = 30;

    private final ScoringServerOptions options;
    private final Endpoints endpoints;
    private final ChannelGroup connections;
    private final ConnectionLimit limit;

    private final BodyBudget budget;

    ScoringChannelInitializer(
            ScoringServerOptions options, Endpoints endpoints, ChannelGroup connections, BodyBudget budget) {
        this.options = options;
        this.budget = budget;
        this.endpoints = endpoints;
        this.connections = connections;
        this.limit = new ConnectionLimit(options.maxConnections());
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (!limit.admit(channel)) {
            return;
        }
        connections.add(channel);
        HeaderDeadline headerDeadline =
                new HeaderDeadline(options.headerTimeout().toNanos());
        BodyAccount account = new BodyAccount(budget, options.maxRequestBytes());
        channel.pipeline()
                .addLast(
                        new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS),
                        headerDeadline.bytes(),
                        new StrictRequestDecoder(),
                        new HttpResponseEncoder(),
                        headerDeadline.requests(),
                        new FramingCheck(),
                        new BodyDeadline(options.requestTimeout().toNanos()),
                        account,
                        new SizeLimit((int) Math.min(options.maxRequestBytes(), Integer.MAX_VALUE - 16)),
                        new RequestRouter(endpoints, account));
    }
}
