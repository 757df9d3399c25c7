package io.mlflow4j.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One connection's share of the {@link BodyBudget}: takes a request's declared length when its
 * headers arrive (or each chunk as it arrives, for a chunked body). The router hands a whole
 * request's bytes over to the invocation that predicts it, or gives them back once it answered;
 * whatever the connection still holds when it closes goes back then. A request that does not fit
 * gets a 503 with MLflow's error JSON before its body is read, and the connection closes.
 * Declared lengths over the size limit are left to {@link SizeLimit}'s 413.
 */
final class BodyAccount extends ChannelInboundHandlerAdapter {
    private final BodyBudget budget;
    private final long maxRequestBytes;
    private final ArrayDeque<Long> complete = new ArrayDeque<>();
    private long reading;
    private boolean chunked;
    private boolean refused;

    BodyAccount(BodyBudget budget, long maxRequestBytes) {
        this.budget = budget;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        long bytes = 0;
        if (msg instanceof HttpRequest request) {
            long declared = HttpUtil.getContentLength(request, -1L);
            chunked = declared < 0;
            bytes = declared > maxRequestBytes ? 0 : Math.max(0, declared);
        } else if (chunked && msg instanceof HttpContent content) {
            bytes = content.content().readableBytes();
        }
        if (bytes > 0 && !budget.take(bytes)) {
            refused = true;
            ReferenceCountUtil.release(msg);
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(ErrorResponses.overBudget(budget.max()).toHttp(false, false))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        reading += bytes;
        if (msg instanceof LastHttpContent) {
            complete.add(reading);
            reading = 0;
        }
        ctx.fireChannelRead(msg);
    }

    /** The bytes of the oldest whole request on this connection, which the caller now holds. */
    long handOver() {
        Long bytes = complete.poll();
        return bytes == null ? 0 : bytes;
    }

    /** The oldest whole request on this connection was answered without a prediction. */
    void answered() {
        budget.giveBack(handOver());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        long held = reading;
        for (Long bytes = complete.poll(); bytes != null; bytes = complete.poll()) {
            held += bytes;
        }
        reading = 0;
        budget.giveBack(held);
        ctx.fireChannelInactive();
    }
}
