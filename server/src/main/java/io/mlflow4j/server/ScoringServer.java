package io.mlflow4j.server;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.scoring.Invocations;
import io.mlflow4j.runtime.scoring.OpenInference;
import io.mlflow4j.runtime.scoring.Predictions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a loaded model over HTTP with MLflow's scoring protocol, so any client of
 * {@code mlflow models serve} can call it: {@code GET /ping}, {@code GET /health},
 * {@code GET /version} and {@code POST /invocations} with {@code application/json}
 * ({@code dataframe_split}, {@code dataframe_records}, {@code instances}, {@code inputs}, optional
 * {@code params}) or {@code text/csv}. Built on Netty: its event loops read and write, the
 * predictions run on a pool of their own.
 *
 * <pre>{@code
 * LoadedModel model = MlflowModels.load("runs:/<run id>/model");
 * ScoringServer server = ScoringServer.start(model, ScoringServerOptions.defaults().withPort(5000));
 * // curl -H 'Content-Type: application/json' -d '{"inputs": {"x": [1.0]}}' http://127.0.0.1:5000/invocations
 * Runtime.getRuntime().addShutdownHook(new Thread(server::close));   // Ctrl-C finishes requests in flight
 * server.awaitShutdown();
 * }</pre>
 *
 * <p>Predictions run concurrently on {@code workers} threads (all cores by default), so the model's
 * predict method must be safe to call from several threads, as generated models are when the
 * user's class is. {@link #close()} stops taking connections and lets requests in flight finish.
 *
 * <p>The server protects itself as {@link ScoringServerOptions} says: body size, request, header and
 * body deadlines, a connection cap and a budget of request bytes held at once. An
 * {@link OutOfMemoryError} while serving halts the JVM with exit status 3, since a thread that lost
 * its work to it can leave the server up but no longer answering; a supervisor restarts it.
 */
public final class ScoringServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringServer.class);

    private final Channel listener;
    private final InetSocketAddress address;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup eventLoops;
    private final ExecutorService workers;
    private final ScheduledExecutorService batchTimer;
    private final InvocationDispatcher dispatcher;
    private final ChannelGroup connections;
    private final ScoringServerOptions options;
    private final Object shutdownLock = new Object();
    private boolean closed;

    private ScoringServer(
            Channel listener,
            EventLoopGroup acceptor,
            EventLoopGroup eventLoops,
            ExecutorService workers,
            ScheduledExecutorService batchTimer,
            InvocationDispatcher dispatcher,
            ChannelGroup connections,
            ScoringServerOptions options) {
        this.listener = listener;
        this.address = (InetSocketAddress) listener.localAddress();
        this.acceptor = acceptor;
        this.eventLoops = eventLoops;
        this.workers = workers;
        this.batchTimer = batchTimer;
        this.dispatcher = dispatcher;
        this.connections = connections;
        this.options = options;
    }

    /**
     * Binds {@code options.host():options.port()} and starts serving.
     *
     * @throws IOException when the address cannot be bound (for example, the port is taken)
     */
    public static ScoringServer start(LoadedModel model, ScoringServerOptions options) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        ExecutorService workers =
                Executors.newFixedThreadPool(options.workers(), new DefaultThreadFactory("mlflow4j-predict", true));
        BodyBudget budget = new BodyBudget(options.maxBodyBytesInFlight());
        ServerMetrics metrics = options.metrics() ? new ServerMetrics(model.name(), model.loadTime()) : null;
        ScheduledExecutorService batchTimer = options.batching()
                ? Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("mlflow4j-batch", true))
                : null;
        InvocationDispatcher.Batching batching = batchTimer == null
                ? null
                : new InvocationDispatcher.Batching(options.maxBatchSize(), options.maxBatchDelay(), batchTimer);
        InvocationDispatcher dispatcher = new InvocationDispatcher(
                new Predictions(model),
                workers,
                options.workers(),
                options.requestTimeout(),
                budget,
                batching,
                metrics);
        Endpoints endpoints = new Endpoints(dispatcher, new Invocations(model), new OpenInference(model), metrics);
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("mlflow4j-accept", true), NioIoHandler.newFactory());
        EventLoopGroup eventLoops = new MultiThreadIoEventLoopGroup(
                Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("mlflow4j-http", true),
                NioIoHandler.newFactory());
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ChannelFuture bound = new ServerBootstrap()
                .group(acceptor, eventLoops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        FatalErrors.exitIfOutOfMemory(cause); // before Netty's acceptor pauses accepting
                        ctx.fireExceptionCaught(cause);
                    }
                })
                .childHandler(new ScoringChannelInitializer(options, endpoints, connections, budget))
                .bind(new InetSocketAddress(options.host(), options.port()))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            workers.shutdownNow();
            if (batchTimer != null) {
                batchTimer.shutdownNow();
            }
            acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Throwable cause = bound.cause();
            throw cause instanceof IOException io
                    ? io
                    : new IOException(
                            "Could not listen on " + options.host() + ":" + options.port() + ": " + cause, cause);
        }
        ScoringServer server = new ScoringServer(
                bound.channel(), acceptor, eventLoops, workers, batchTimer, dispatcher, connections, options);
        LOG.info(
                "Serving model '{}' at http://{}:{} with {} workers",
                model.name(),
                options.host(),
                server.port(),
                options.workers());
        return server;
    }

    /** The bound address; its port is the real one when the options asked for port 0. */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** {@code http://<host>:<port>}. */
    public String url() {
        return "http://" + options.host() + ":" + port();
    }

    /** Blocks until {@link #close()} has finished, for a main thread that only serves. */
    public void awaitShutdown() throws InterruptedException {
        synchronized (shutdownLock) {
            while (!closed) {
                shutdownLock.wait();
            }
        }
    }

    /**
     * Shuts down gracefully: the port stops taking connections, new requests on open connections
     * get a 503, requests in flight are answered (waiting at most the options' shutdown grace),
     * then the connections close. Safe to call twice.
     */
    @Override
    public void close() {
        synchronized (shutdownLock) {
            if (closed) {
                return;
            }
            dispatcher.drain();
            listener.close().awaitUninterruptibly();
            long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
            while (dispatcher.inFlight() > 0 && System.nanoTime() < deadline) {
                try {
                    shutdownLock.wait(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (dispatcher.inFlight() > 0) {
                LOG.warn(
                        "{} requests were still running after the {} s shutdown grace; stopping anyway.",
                        dispatcher.inFlight(),
                        options.shutdownGrace().toSeconds());
            }
            connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
            workers.shutdownNow();
            if (batchTimer != null) {
                batchTimer.shutdownNow();
            }
            acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            try {
                workers.awaitTermination(1, TimeUnit.SECONDS);
                acceptor.awaitTermination(2, TimeUnit.SECONDS);
                eventLoops.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
            shutdownLock.notifyAll();
            LOG.info("Scoring server on port {} stopped", port());
        }
    }
}
