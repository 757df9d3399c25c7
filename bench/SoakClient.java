import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak load for bench/run-soak-bench.sh: {@code connections} clients on raw sockets send a
 * fixed mix of valid, oversized and malformed requests to the iris model for {@code minutes}, while
 * one more client asks GET /ping on a new connection every second. Prints, per kind of request, the
 * answers' statuses, and flags every 5xx given to a client error and every /ping that failed.
 *
 * <p>Usage: java bench/SoakClient.java <port> <minutes> <connections> <max request bytes of the server>
 */
public final class SoakClient {
    /** A kind of request, its share of the mix, and the status a correct server answers. */
    record Kind(String name, int weight, int expected, byte[] request, boolean clientError) {}

    static final Map<String, Map<String, LongAdder>> RESULTS = new ConcurrentHashMap<>();
    static final LongAdder CLIENT_ERROR_5XX = new LongAdder();
    static final LongAdder UNEXPECTED = new LongAdder();
    static final AtomicLong PINGS = new AtomicLong();
    static final AtomicLong PING_FAILURES = new AtomicLong();
    static final AtomicLong PING_MAX_MILLIS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        double minutes = Double.parseDouble(args[1]);
        int connections = Integer.parseInt(args[2]);
        int maxRequest = Integer.parseInt(args[3]);
        List<Kind> kinds = kinds(maxRequest);
        int totalWeight = kinds.stream().mapToInt(Kind::weight).sum();
        long end = System.nanoTime() + (long) (minutes * 60e9);

        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long seed = 1000L + c;
            Thread t = new Thread(() -> clientLoop(port, kinds, totalWeight, end, new Random(seed)), "soak-" + c);
            t.start();
            threads.add(t);
        }
        Thread pinger = new Thread(() -> pingLoop(port, end), "soak-ping");
        pinger.start();
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(60_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            System.out.printf(
                    "%5.1f min: %d requests, %d unexpected answers, %d 5xx for client errors,"
                            + " pings %d (failed %d, slowest %d ms)%n",
                    (System.nanoTime() - start) / 60e9,
                    total(),
                    UNEXPECTED.sum(),
                    CLIENT_ERROR_5XX.sum(),
                    PINGS.get(),
                    PING_FAILURES.get(),
                    PING_MAX_MILLIS.get());
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        pinger.join(10_000);
        System.out.println();
        System.out.println("kind                   expected  answers");
        for (Kind k : kinds) {
            System.out.printf(
                    "%-22s %8d  %s%n", k.name(), k.expected(), new TreeMap<>(RESULTS.getOrDefault(k.name(), Map.of())));
        }
        System.out.printf(
                "%nrequests %d; unexpected answers %d; 5xx for client errors %d; /ping %d, failed %d,"
                        + " slowest %d ms%n",
                total(),
                UNEXPECTED.sum(),
                CLIENT_ERROR_5XX.sum(),
                PINGS.get(),
                PING_FAILURES.get(),
                PING_MAX_MILLIS.get());
    }

    static long total() {
        return RESULTS.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(LongAdder::sum)
                .sum();
    }

    static List<Kind> kinds(int maxRequest) {
        String columns = "\"columns\": [\"sepal_length\", \"sepal_width\", \"petal_length\", \"petal_width\"]";
        StringBuilder hundred = new StringBuilder("{\"dataframe_split\": {" + columns + ", \"data\": [");
        for (int i = 0; i < 100; i++) {
            hundred.append(i == 0 ? "" : ", ")
                    .append(String.format(
                            "[%.1f, %.1f, %.1f, %.1f]",
                            4.5 + (i % 30) * 0.1, 2.5 + (i % 15) * 0.1, 1.0 + (i % 50) * 0.1, 0.1 + (i % 25) * 0.1));
        }
        hundred.append("]}}");
        String one = "{\"dataframe_split\": {" + columns + ", \"data\": [[5.1, 3.5, 1.4, 0.2]]}}";
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("valid 1 row", 35, 200, post("application/json", one), false));
        kinds.add(new Kind("valid 100 rows", 10, 200, post("application/json", hundred.toString()), false));
        kinds.add(new Kind(
                "valid records",
                5,
                200,
                post(
                        "application/json",
                        "{\"dataframe_records\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4,"
                                + " \"petal_width\": 0.2}]}"),
                false));
        kinds.add(new Kind(
                "valid csv",
                5,
                200,
                post("text/csv", "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n"),
                false));
        kinds.add(new Kind(
                "truncated json", 8, 400, post("application/json", one.substring(0, one.length() - 7)), true));
        kinds.add(new Kind(
                "wrong columns",
                5,
                400,
                post("application/json", "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[\"x\"]]}}"),
                true));
        kinds.add(new Kind(
                "two formats", 3, 400, post("application/json", "{\"inputs\": [1], \"instances\": [2]}"), true));
        kinds.add(new Kind(
                "binary garbage",
                3,
                400,
                post("application/json", new String(garbage(2000), StandardCharsets.ISO_8859_1)),
                true));
        kinds.add(new Kind("text/plain", 4, 415, post("text/plain", one), true));
        kinds.add(new Kind("not found", 3, 404, ascii("GET /predict HTTP/1.1\r\nHost: x\r\n\r\n"), true));
        kinds.add(new Kind(
                "oversized (length)",
                5,
                413,
                ascii("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type:" + " application/json\r\nContent-Length: "
                        + (2 * maxRequest) + "\r\n\r\n{\"inputs\": "),
                true));
        kinds.add(new Kind("oversized (chunked)", 2, 413, chunked(maxRequest + 65536), true));
        kinds.add(new Kind(
                "length + chunked",
                4,
                400,
                ascii("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type:"
                        + " application/json\r\nContent-Length: 40\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                        + "GET /version HTTP/1.1\r\nHost: x\r\n\r\n"),
                true));
        kinds.add(new Kind(
                "gzip, chunked",
                2,
                400,
                ascii("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type:"
                        + " application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
                true));
        kinds.add(new Kind(
                "bad request line", 2, 400, ascii("P\u0001ST /invocations HTTP/1.1\r\nHost: x\r\n\r\n"), true));
        return kinds;
    }

    static byte[] garbage(int n) {
        byte[] bytes = new byte[n];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] post(String contentType, String body) {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = ascii("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + b.length + "\r\n\r\n");
        byte[] all = new byte[head.length + b.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(b, 0, all, head.length, b.length);
        return all;
    }

    static byte[] chunked(int size) {
        StringBuilder s =
                new StringBuilder("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n");
        String chunk = " ".repeat(65536);
        for (int sent = 0; sent < size; sent += chunk.length()) {
            s.append("10000\r\n").append(chunk).append("\r\n");
        }
        return ascii(s.append("0\r\n\r\n").toString());
    }

    static void clientLoop(int port, List<Kind> kinds, int totalWeight, long end, Random random) {
        Socket socket = null;
        BufferedInputStream in = null;
        while (System.nanoTime() < end) {
            int pick = random.nextInt(totalWeight);
            Kind kind = kinds.get(0);
            for (Kind k : kinds) {
                if ((pick -= k.weight()) < 0) {
                    kind = k;
                    break;
                }
            }
            String outcome;
            boolean close = true;
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                    socket.setSoTimeout(30_000);
                    in = new BufferedInputStream(socket.getInputStream());
                }
                OutputStream out = socket.getOutputStream();
                try {
                    out.write(kind.request());
                    out.flush();
                } catch (IOException writeFailed) {
                    // the server answered and closed before taking the whole body: read its answer
                }
                int[] status = new int[1];
                close = readAnswer(in, status);
                outcome = Integer.toString(status[0]);
                if (status[0] != kind.expected()) {
                    UNEXPECTED.increment();
                    if (status[0] >= 500 && kind.clientError()) {
                        CLIENT_ERROR_5XX.increment();
                    }
                }
            } catch (IOException e) {
                outcome = e.getClass().getSimpleName();
                UNEXPECTED.increment();
            }
            RESULTS.computeIfAbsent(kind.name(), k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(outcome, k -> new LongAdder())
                    .increment();
            if (close && socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // done
            }
        }
    }

    /** Reads one answer; returns whether the connection closes after it. */
    static boolean readAnswer(InputStream in, int[] status) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("closed without an answer");
        }
        status[0] = Integer.parseInt(statusLine.split(" ")[1]);
        int length = 0;
        boolean close = false;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (in.readNBytes(length).length != length) {
            throw new IOException("truncated answer");
        }
        return close;
    }

    static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return s.toString().strip();
            }
            s.append((char) b);
        }
        return s.length() == 0 ? null : s.toString();
    }

    static void pingLoop(int port, long end) {
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(ascii("GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
                int[] status = new int[1];
                readAnswer(new BufferedInputStream(socket.getInputStream()), status);
                if (status[0] != 200) {
                    PING_FAILURES.incrementAndGet();
                }
            } catch (IOException e) {
                PING_FAILURES.incrementAndGet();
            }
            PINGS.incrementAndGet();
            PING_MAX_MILLIS.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
