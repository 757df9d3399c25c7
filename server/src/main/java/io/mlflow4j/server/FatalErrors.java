package io.mlflow4j.server;

/**
 * Ends the JVM on an {@link OutOfMemoryError}. After one, any thread may have lost work it was doing
 * (once, Netty's acceptor lost the task that re-enables accepting, and the server stayed up without
 * answering); a process that exits is restarted by its supervisor, a deaf one is not.
 */
final class FatalErrors {
    /** The exit status after an {@link OutOfMemoryError}. */
    static final int OUT_OF_MEMORY_STATUS = 3;

    private FatalErrors() {}

    /** Halts the JVM with {@link #OUT_OF_MEMORY_STATUS} if {@code error} is, or was caused by, an OutOfMemoryError. */
    static void exitIfOutOfMemory(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                try { // straight to stderr: a logging framework may need memory that is not there
                    System.err.println("mlflow4j scoring server: out of memory (" + t.getMessage() + "); exiting"
                            + " with status " + OUT_OF_MEMORY_STATUS + " so that a supervisor can restart it. Give"
                            + " the JVM more heap (-Xmx), or lower --max-request-size or --max-bytes-in-flight.");
                    System.err.flush();
                } finally {
                    Runtime.getRuntime().halt(OUT_OF_MEMORY_STATUS);
                }
            }
        }
    }
}
