package io.mlflow4j.runtime.store.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads a whole response body within a deadline and a size bound: a server that trickles an
 * answer, or never ends it, must not hold the caller past its timeout nor fill its heap.
 */
final class BoundedBody {
    private static final int BUFFER = 64 * 1024;

    private BoundedBody() {}

    /** The body had more bytes than allowed. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        final long limit;

        TooLargeException(long limit) {
            super("the answer is larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    /** The body did not end before the deadline. */
    static final class DeadlineException extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;
        final Duration deadline;
        final long received;

        DeadlineException(Duration deadline, long received) {
            super("the answer did not end within " + seconds(deadline) + " (" + received + " bytes arrived)");
            this.deadline = deadline;
            this.received = received;
        }
    }

    /**
     * All bytes of {@code in}, closed afterwards. {@code remaining} is the time left of the
     * response's deadline; when it passes, the stream is closed and the read fails.
     */
    static byte[] readAll(InputStream in, long maxBytes, Duration remaining, Duration deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count = 0;
        try (in;
                StallWatchdog timer =
                        new StallWatchdog(remaining.isNegative() ? Duration.ZERO : remaining, () -> closeQuietly(in))) {
            byte[] buffer = new byte[BUFFER];
            try {
                for (int n;
                        (n = in.read(
                                        buffer,
                                        0,
                                        maxBytes - count >= buffer.length
                                                ? buffer.length
                                                : (int) (maxBytes - count + 1)))
                                >= 0; ) {
                    count += n;
                    if (count > maxBytes) {
                        throw new TooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, n);
                    if (timer.stalled()) {
                        throw new DeadlineException(deadline, count);
                    }
                }
            } catch (IOException e) {
                if (timer.stalled() && !(e instanceof TooLargeException)) {
                    throw new DeadlineException(deadline, count);
                }
                throw e;
            }
            if (timer.stalled()) {
                throw new DeadlineException(deadline, count);
            }
        }
        return out.toByteArray();
    }

    /** Up to {@code maxBytes} of {@code in}, whatever arrived within {@code deadline}; closed afterwards. */
    static byte[] readPrefix(InputStream in, int maxBytes, Duration deadline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (in;
                StallWatchdog timer = new StallWatchdog(deadline, () -> closeQuietly(in))) {
            byte[] buffer = new byte[BUFFER];
            for (int n;
                    out.size() < maxBytes
                            && (n = in.read(buffer, 0, Math.min(buffer.length, maxBytes - out.size()))) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // what arrived is all there is
        }
        return out.toByteArray();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the reader fails either way
        }
    }
}
