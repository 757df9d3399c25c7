package io.mlflow4j.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Collects a request's body up to the size limit and answers larger ones, declared by Content-Length
 * (with or without {@code Expect: 100-continue}) or streamed in chunks, with MLflow's error JSON and
 * a 413 (Netty's own 413 and 417 have no body), then closes the connection rather than read the rest.
 */
final class SizeLimit extends HttpObjectAggregator {
    private final long maxRequestBytes;

    SizeLimit(int maxRequestBytes) {
        super(maxRequestBytes, true);
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ctx.writeAndFlush(ErrorResponses.tooLarge(size(oversized), maxRequestBytes)
                        .toHttp(false, false))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Netty's answer to {@code Expect}, with MLflow's error JSON in place of an empty 413 or 417. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        String expectation = start.headers().get(HttpHeaderNames.EXPECT); // Netty removes it
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            ReferenceCountUtil.release(answer);
            return response.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)
                    ? ErrorResponses.tooLarge(size(start), maxRequestBytes).toHttp(false, false)
                    : ErrorResponses.expectationFailed(expectation).toHttp(false, false);
        }
        return answer;
    }

    private String size(HttpMessage message) {
        long declared = HttpUtil.getContentLength(message, -1L);
        return declared > maxRequestBytes
                ? message.headers().get(HttpHeaderNames.CONTENT_LENGTH).trim() + " bytes"
                : "more than " + maxRequestBytes + " bytes";
    }
}
