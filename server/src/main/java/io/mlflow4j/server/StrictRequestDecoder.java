package io.mlflow4j.server;

import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder, except that a request with both {@code Content-Length} and
 * {@code Transfer-Encoding: chunked} keeps both headers: Netty drops the length and reads the body
 * as chunked, which lets a request hide another in its body; {@link FramingCheck} refuses it instead.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        // keep both headers for FramingCheck to see
    }
}
