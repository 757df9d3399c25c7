package io.mlflow4j.runtime.server;

import com.sun.net.httpserver.HttpServer;
import io.mlflow4j.runtime.LoadedModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a loaded model over HTTP with MLflow's scoring protocol, so any client of
 * {@code mlflow models serve} can call it: {@code GET /ping}, {@code GET /health},
 * {@code GET /version} and {@code POST /invocations} with {@code application/json}
 * ({@code dataframe_split}, {@code dataframe_records}, {@code instances}, {@code inputs}, optional
 * {@code params}) or {@code text/csv}. Built on the JDK's own HTTP server; no other dependency.
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
 * <p>Loading this class sets the system property {@code sun.net.httpserver.nodelay=true} unless it
 * is set already: without it the JDK's server stalls small answers for 40 ms (about 22 requests a
 * second on one connection instead of 11,000). The JDK reads it when it makes its first server, so
 * a JVM that made an {@code HttpServer} before should be started with {@code -Dsun.net.httpserver.nodelay=true}.
 */
public final class ScoringServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringServer.class);

    static {
        // Without it the JDK server's small responses wait up to 40 ms for the client's delayed ACK.
        // Read once, when the JDK's server configuration loads: set it before any HttpServer is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;
    private final ScoringServerOptions options;
    private final AtomicLong inFlight = new AtomicLong();
    private final Object shutdownLock = new Object();
    private volatile boolean draining;
    private boolean closed;

    private ScoringServer(HttpServer http, ExecutorService httpThreads, ExecutorService workers,
                          ScheduledExecutorService watchdog, ScoringServerOptions options) {
        this.http = http;
        this.httpThreads = httpThreads;
        this.workers = workers;
        this.watchdog = watchdog;
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
        Invocations invocations = new Invocations(model);
        HttpServer http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 1024);
        ExecutorService workers = Executors.newFixedThreadPool(options.workers(), daemonThreads("mlflow4j-predict-"));
        ExecutorService httpThreads = Executors.newFixedThreadPool(Math.max(8, 4 * options.workers()),
                daemonThreads("mlflow4j-http-"));
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, daemonThreads("mlflow4j-watchdog-"));
        watchdog.setRemoveOnCancelPolicy(true); // one guard per request, cancelled as soon as the body is in
        ScoringServer server = new ScoringServer(http, httpThreads, workers, watchdog, options);
        http.createContext("/", new ScoringHandler(invocations, workers, watchdog, options.maxRequestBytes(),
                options.requestTimeout(), () -> server.draining));
        http.setExecutor(command -> {
            server.inFlight.incrementAndGet();
            try {
                httpThreads.execute(() -> {
                    try {
                        command.run();
                    } finally {
                        server.inFlight.decrementAndGet();
                    }
                });
            } catch (RuntimeException e) {
                server.inFlight.decrementAndGet();
                throw e;
            }
        });
        http.start();
        LOG.info("Serving model '{}' at http://{}:{} with {} workers", model.name(), options.host(),
                server.port(), options.workers());
        return server;
    }

    /** The bound address; its port is the real one when the options asked for port 0. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    public int port() {
        return http.getAddress().getPort();
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
     * Shuts down gracefully: new requests get a 503, requests in flight are answered (waiting at
     * most the options' shutdown grace), then the port is released. Safe to call twice.
     */
    @Override
    public void close() {
        synchronized (shutdownLock) {
            if (closed) {
                return;
            }
            draining = true;
            long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                try {
                    shutdownLock.wait(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (inFlight.get() > 0) {
                LOG.warn("{} requests were still running after the {} s shutdown grace; stopping anyway.",
                        inFlight.get(), options.shutdownGrace().toSeconds());
            }
            http.stop(0);
            workers.shutdownNow();
            httpThreads.shutdownNow();
            watchdog.shutdownNow();
            try {
                workers.awaitTermination(1, TimeUnit.SECONDS);
                httpThreads.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
            shutdownLock.notifyAll();
            LOG.info("Scoring server on port {} stopped", http.getAddress().getPort());
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
