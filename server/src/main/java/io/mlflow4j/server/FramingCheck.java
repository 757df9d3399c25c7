package io.mlflow4j.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * Refuses a request whose body length is ambiguous, as RFC 9112 (section 6.1) requires: both
 * {@code Content-Length} and {@code Transfer-Encoding}, a {@code Transfer-Encoding} other than
 * exactly {@code chunked}, or one in an HTTP/1.0 request. Client and server could disagree on where
 * such a body ends, and the rest of it would be read as another request (request smuggling). The
 * request goes on marked as failed, so the router answers 400 in turn and closes; everything read
 * after it on the connection is dropped.
 */
final class FramingCheck extends ChannelInboundHandlerAdapter {
    private boolean refused;

    /** Why a request's framing was refused; the router answers it as a 400. */
    static final class AmbiguousFraming extends Exception {
        AmbiguousFraming(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            String problem = problem(request);
            if (problem != null) {
                refused = true;
                HttpHeaders headers = request.headers();
                // nothing of the body is read: the aggregator must neither wait for it nor ask for it
                headers.remove(HttpHeaderNames.CONTENT_LENGTH);
                headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
                headers.remove(HttpHeaderNames.EXPECT);
                request.setDecoderResult(DecoderResult.failure(new AmbiguousFraming(problem)));
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** What is wrong with the request's framing, or {@code null}. */
    static String problem(HttpRequest request) {
        HttpHeaders headers = request.headers();
        List<String> encodings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (encodings.isEmpty()) {
            return null;
        }
        String encoding = String.join(", ", encodings);
        if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            return "An HTTP/1.0 request cannot use Transfer-Encoding (got '" + encoding + "'). Send the body with"
                    + " Content-Length, or use HTTP/1.1.";
        }
        if (encodings.size() != 1 || !encoding.trim().equalsIgnoreCase(HttpHeaderValues.CHUNKED.toString())) {
            return "Transfer-Encoding '" + encoding + "' is not supported. Send the body with Content-Length, or"
                    + " with Transfer-Encoding: chunked alone.";
        }
        if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            return "The request has both Content-Length and Transfer-Encoding: chunked, so where its body ends is"
                    + " ambiguous. Send one of the two.";
        }
        return null;
    }
}
