package io.mlflow4j.server;

import io.mlflow4j.runtime.scoring.ScoringResponse;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * A scoring response and how the server sends it: whether the connection closes after it, and the {@code Allow}
 * header of a 405.
 */
record ServerResponse(ScoringResponse response, boolean close, String allow) {
    static ServerResponse of(ScoringResponse response) {
        return new ServerResponse(response, false, null);
    }

    /** The HTTP response; a HEAD request gets the headers of the GET answer without its body. */
    FullHttpResponse toHttp(boolean head, boolean keepAlive) {
        byte[] body = response.body();
        FullHttpResponse http = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                head || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        HttpHeaders headers = http.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (allow != null) {
            headers.set(HttpHeaderNames.ALLOW, allow);
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return http;
    }
}
