package io.mlflow4j.examples.python;

import io.mlflow4j.annotations.Load;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Param;
import io.mlflow4j.annotations.Predict;

/**
 * 2x per row, for the Python bridge fault tests: {@code delay_ms} keeps a call busy in Java, and
 * {@code spin} loops for ever without looking at interrupts, as a stuck model does; with the
 * environment variable {@code TWICE_SPIN_ON_LOAD} set, loading loops for ever.
 */
@MlflowModel(name = "twice")
public class Twice {
    private static volatile boolean stop;

    public record In(double x) {}

    @Load
    void load() {
        while (System.getenv("TWICE_SPIN_ON_LOAD") != null && !stop) {
            Thread.onSpinWait();
        }
    }

    @Predict
    public double predict(
            In in,
            @Param(name = "delay_ms", defaultValue = "0") long delayMs,
            @Param(name = "spin", defaultValue = "false") boolean spin)
            throws InterruptedException {
        if (delayMs > 0) {
            Thread.sleep(delayMs);
        }
        while (spin && !stop) {
            Thread.onSpinWait();
        }
        return 2 * in.x();
    }
}
