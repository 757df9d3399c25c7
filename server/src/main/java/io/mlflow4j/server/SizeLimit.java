package io.mlflow4j.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Collects a request's body up to the size limit and answers larger ones, declared by Content-Length
 * or streamed in chunks, with MLflow's error JSON and a 413 (Netty's own 413 has no body), then
 * closes the connection rather than read the rest.
 */
final class SizeLimit extends HttpObjectAggregator {
    private final long maxRequestBytes;

    SizeLimit(int maxRequestBytes) {
        super(maxRequestBytes);
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        long declared = HttpUtil.getContentLength(oversized, -1L);
        String size = declared > maxRequestBytes ? oversized.headers().get(HttpHeaderNames.CONTENT_LENGTH).trim()
                + " bytes" : "more than " + maxRequestBytes + " bytes";
        ctx.writeAndFlush(ErrorAnswers.tooLarge(size, maxRequestBytes).toHttp(false, false))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
