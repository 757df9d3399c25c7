package io.mlflow4j.realmlflow;

/** A result computed once, on first use, by the first test that needs it; a failure is kept and rethrown. */
final class Lazy<T> {
    interface Source<T> {
        T get() throws Exception;
    }

    private final Source<T> source;
    private T value;
    private Throwable failure;
    private boolean done;

    Lazy(Source<T> source) {
        this.source = source;
    }

    synchronized T get() {
        if (!done) {
            done = true;
            try {
                value = source.get();
            } catch (Throwable t) {
                failure = t;
            }
        }
        if (failure != null) {
            throw new AssertionError("an earlier step this case needs failed: " + failure, failure);
        }
        return value;
    }
}
