package io.mlflow4j.runtime.store;

/** MLflow run statuses, with the numbers the file store writes into {@code meta.yaml}. */
public enum RunStatus {
    RUNNING(1),
    SCHEDULED(2),
    FINISHED(3),
    FAILED(4),
    KILLED(5);

    private final int number;

    RunStatus(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static RunStatus fromNumber(int number) {
        for (RunStatus s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown run status " + number);
    }

    public boolean isTerminated() {
        return this == FINISHED || this == FAILED || this == KILLED;
    }
}
