package io.mlflow4j.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a connection whose request body has not arrived within the request timeout, so clients
 * that send slowly (or stop sending) cannot hold connections and buffers. The timer starts only
 * when a read ends in the middle of a request: a request that arrives whole costs nothing.
 */
final class BodyDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BodyDeadline.class);
    private final ClosingTimer timer;
    private boolean inRequest;

    BodyDeadline(long timeoutNanos) {
        this.timer = new ClosingTimer(timeoutNanos, LOG, "A request body");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            inRequest = true;
        }
        if (msg instanceof LastHttpContent) {
            inRequest = false;
            timer.cancel();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (inRequest) {
            timer.start(ctx);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timer.cancel();
        ctx.fireChannelInactive();
    }
}
