package io.mlflow4j.server;

import io.mlflow4j.runtime.internal.Versions;
import io.mlflow4j.runtime.scoring.OpenInference;
import io.mlflow4j.runtime.scoring.PreparedRequest;
import io.mlflow4j.runtime.scoring.ScoringResponse;
import io.mlflow4j.server.ServerMetrics.Protocol;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes {@code /ping}, {@code /health}, {@code /version} and {@code /invocations} on one
 * connection and writes every answer, errors included, without letting an exception reach the
 * client. Answers go out in the order the requests came: a request pipelined behind an invocation
 * waits for it.
 */
final class RequestRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);
    private static final ServerResponse PING =
            ServerResponse.of(new ScoringResponse(200, "application/json", "\n".getBytes(StandardCharsets.UTF_8)));
    private static final ServerResponse VERSION = ServerResponse.of(
            new ScoringResponse(200, "application/json", Versions.MLFLOW_FORMAT.getBytes(StandardCharsets.UTF_8)));

    private final InvocationDispatcher dispatcher;
    private final Endpoints endpoints;
    private final BodyAccount account;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    RequestRouter(Endpoints endpoints, BodyAccount account) {
        super(false); // a request is released once answered, which may be later, on a worker's reply
        this.endpoints = endpoints;
        this.dispatcher = endpoints.dispatcher();
        this.account = account;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (busy) {
            waiting.add(request);
            ctx.channel().config().setAutoRead(false);
        } else {
            handle(ctx, request);
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        ServerResponse answer;
        try {
            answer = route(ctx, request);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure while answering {} {}", request.method(), request.uri(), e);
            answer = ErrorResponses.internalError();
        }
        if (answer != null) {
            account.answered();
            send(ctx, request, answer);
        }
    }

    /** The answer, or {@code null} when an invocation was dispatched and will answer later. */
    private ServerResponse route(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return request.decoderResult().cause() instanceof FramingCheck.AmbiguousFraming framing
                    ? ErrorResponses.badFraming(framing.getMessage())
                    : ErrorResponses.malformed();
        }
        String path = path(request.uri());
        if (path == null) {
            return ErrorResponses.malformed();
        }
        HttpMethod method = request.method();
        boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
        switch (path) {
            case "/ping" -> {
                return read ? PING : ErrorResponses.notAllowed(method.name(), path, "GET, HEAD");
            }
            case "/health" -> {
                if (!read) {
                    return ErrorResponses.notAllowed(method.name(), path, "GET, HEAD");
                }
                String stuck = dispatcher.stuck();
                return stuck == null ? PING : ErrorResponses.unhealthy(stuck);
            }
            case "/version" -> {
                return read ? VERSION : ErrorResponses.notAllowed(method.name(), path, "GET, HEAD");
            }
            case "/metrics" -> {
                if (endpoints.metrics() == null) {
                    return ErrorResponses.notFound(path);
                }
                return read
                        ? ServerResponse.of(endpoints.metrics().scrape())
                        : ErrorResponses.notAllowed(method.name(), path, "GET, HEAD");
            }
            case "/invocations" -> {
                if (!method.equals(HttpMethod.POST)) {
                    return ErrorResponses.notAllowed(method.name(), path, "POST");
                }
                String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
                return dispatch(
                        ctx,
                        request,
                        Protocol.MLFLOW,
                        body -> endpoints.invocations().prepare(contentType, body));
            }
            default -> {
                V2Path v2 = path.startsWith("/v2") ? V2Path.parse(path) : null;
                return v2 == null ? ErrorResponses.notFound(path) : routeV2(ctx, request, v2, path);
            }
        }
    }

    /** The Open Inference Protocol's routes; health answers have empty bodies, as the protocol says. */
    private ServerResponse routeV2(ChannelHandlerContext ctx, FullHttpRequest request, V2Path v2, String path) {
        HttpMethod method = request.method();
        boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
        OpenInference inference = endpoints.inference();
        if (v2.kind() == V2Path.Kind.INFER) {
            if (!method.equals(HttpMethod.POST)) {
                return ErrorResponses.v2NotAllowed(method.name(), path, "POST");
            }
        } else if (!read) {
            return ErrorResponses.v2NotAllowed(method.name(), path, "GET, HEAD");
        }
        if (v2.model() != null && (!v2.model().equals(inference.modelName()) || v2.version() != null)) {
            return ServerResponse.of(inference.modelNotFound(v2.model(), v2.version()));
        }
        return switch (v2.kind()) {
            case SERVER -> ServerResponse.of(inference.serverMetadata());
            case LIVE -> ErrorResponses.empty(200);
            case READY, MODEL_READY ->
                ErrorResponses.empty(dispatcher.stuck() == null && !dispatcher.draining() ? 200 : 400);
            case MODEL -> ServerResponse.of(inference.modelMetadata());
            case INFER -> dispatch(ctx, request, Protocol.V2, inference::prepare);
        };
    }

    /** Hands the request's body to a worker; the answer is sent when it comes. */
    private ServerResponse dispatch(
            ChannelHandlerContext ctx,
            FullHttpRequest request,
            Protocol protocol,
            Function<byte[], PreparedRequest> prepare) {
        busy = true;
        byte[] body = ByteBufUtil.getBytes(request.content());
        FullHttpRequest headers = request.replace(Unpooled.EMPTY_BUFFER);
        request.release(); // the body's buffer goes now, not once the answer is sent
        dispatcher.dispatch(
                ctx.executor(), protocol, prepare, body, account.handOver(), answer -> send(ctx, headers, answer));
        return null;
    }

    /** Writes the answer, then takes the next waiting request; runs on the event loop. */
    private ChannelFuture send(ChannelHandlerContext ctx, FullHttpRequest request, ServerResponse answer) {
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !answer.close() && !dispatcher.draining();
        boolean head = request.method().equals(HttpMethod.HEAD);
        FullHttpResponse response = answer.toHttp(head, keepAlive);
        if (keepAlive && !request.protocolVersion().isKeepAliveDefault()) { // an HTTP/1.0 client that asked for it
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        request.release();
        busy = false;
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
            releaseWaiting();
            return written;
        }
        FullHttpRequest next = waiting.poll();
        if (next != null) {
            handle(ctx, next);
        } else if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        return written;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    /** Closes a connection idle between requests; one waiting for a prediction is not idle. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && !busy) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        FatalErrors.exitIfOutOfMemory(cause);
        LOG.debug("Closing a connection after {}", cause.toString());
        ctx.close();
    }

    private void releaseWaiting() {
        for (FullHttpRequest r = waiting.poll(); r != null; r = waiting.poll()) {
            r.release();
        }
    }

    /** The request target's decoded path, or {@code null} when it is not a URI. */
    static String path(String uri) {
        if (uri.startsWith("/") && uri.indexOf('?') < 0 && uri.indexOf('%') < 0 && uri.indexOf('#') < 0) {
            return uri;
        }
        try {
            String path = new URI(uri).getPath();
            return path == null ? "" : path;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
