package io.mlflow4j.runtime.store.rest;

import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import java.nio.file.Path;

/** Logs a model with a large weights file to a local store: the process {@link KilledWhileLoggingTest} kills. */
public final class KilledLoggerMain {
    private KilledLoggerMain() {}

    public static void main(String[] args) {
        try (ActiveRun run = Mlflow.startRun(new FileTrackingStore(Path.of(args[0])), "e", "killed")) {
            MlflowModels.log(new WeightsModel(Path.of(args[1])), run, "model");
        }
    }
}
