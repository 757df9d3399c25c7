package io.mlflow4j.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a connection whose request body has not arrived within the request timeout, so clients
 * that send slowly (or stop sending) cannot hold connections and buffers. The timer starts only
 * when a read ends in the middle of a request: a request that arrives whole costs nothing.
 */
final class BodyDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BodyDeadline.class);
    private final long timeoutNanos;
    private boolean inRequest;
    private ScheduledFuture<?> timer;

    BodyDeadline(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            inRequest = true;
        }
        if (msg instanceof LastHttpContent) {
            inRequest = false;
            cancel();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (inRequest && timer == null) {
            timer = ctx.executor().schedule(() -> {
                LOG.warn("A request body did not arrive within {} ms; dropping the connection.",
                        TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                ctx.close();
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
