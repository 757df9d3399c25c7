package io.mlflow4j.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections open at once, so that many idle or slow clients cannot take every file
 * descriptor: a connection over the cap gets a 503 with MLflow's error JSON and is closed at once,
 * without reading from it.
 */
final class ConnectionLimit {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimit(int max) {
        this.max = max;
    }

    /** Counts the connection until it closes, or refuses it and returns {@code false}. */
    boolean admit(Channel channel) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refuse(channel);
            return false;
        }
        channel.closeFuture().addListener(closed -> open.decrementAndGet());
        return true;
    }

    int open() {
        return open.get();
    }

    private void refuse(Channel channel) {
        LOG.debug("Refusing a connection from {}: {} connections are open, the limit.", channel.remoteAddress(), max);
        channel.config().setAutoRead(false);
        channel.pipeline().addLast(new HttpResponseEncoder(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) { // the socket can be written from now on
                ctx.writeAndFlush(ErrorResponses.tooManyConnections(max).toHttp(false, false))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        });
    }
}
