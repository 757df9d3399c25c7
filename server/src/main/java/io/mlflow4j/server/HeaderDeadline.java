package io.mlflow4j.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a connection whose request line and headers have not all arrived within the header
 * timeout of their first byte. Without it, a client sending one header byte every few seconds
 * holds a connection for ever: the idle timer sees traffic and the body deadline has not started.
 * Two handlers share the state: {@link #bytes()} before the decoder sees that bytes of a new
 * request arrived, {@link #requests()} after it sees where requests begin and end. The timer starts
 * only when a read ends with a request's headers incomplete, so a request that arrives whole costs
 * nothing.
 */
final class HeaderDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
    private final ClosingTimer timer;
    private boolean betweenRequests = true;
    private boolean headersStarted;

    HeaderDeadline(long timeoutNanos) {
        this.timer = new ClosingTimer(timeoutNanos, LOG, "A request's headers");
    }

    /** Goes before the HTTP decoder. */
    ChannelHandler bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (betweenRequests) {
                    headersStarted = true;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** Goes after the HTTP decoder. */
    ChannelHandler requests() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    betweenRequests = false;
                    headersStarted = false;
                    timer.cancel();
                }
                if (msg instanceof LastHttpContent) {
                    betweenRequests = true;
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                if (headersStarted) {
                    timer.start(ctx);
                }
                ctx.fireChannelReadComplete();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                timer.cancel();
                ctx.fireChannelInactive();
            }
        };
    }
}
