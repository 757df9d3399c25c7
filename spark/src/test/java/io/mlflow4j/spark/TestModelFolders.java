package io.mlflow4j.spark;

import io.mlflow4j.spark.models.Flat;
import io.mlflow4j.spark.models.FlatLogger;
import io.mlflow4j.spark.models.Numbers;
import io.mlflow4j.spark.models.NumbersLogger;
import io.mlflow4j.spark.models.Orders;
import io.mlflow4j.spark.models.OrdersLogger;
import io.mlflow4j.spark.models.Probe;
import io.mlflow4j.spark.models.ProbeLogger;
import io.mlflow4j.spark.models.Scaler;
import io.mlflow4j.spark.models.ScalerLogger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test models saved as model folders by their generated loggers, once per test JVM. */
final class TestModelFolders {
    private static Path root;

    private TestModelFolders() {}

    static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("mlflow4j-spark-models-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ProbeLogger.save(new Probe(), root.resolve("probe"));
            OrdersLogger.save(new Orders(), root.resolve("orders"));
            ScalerLogger.save(new Scaler(), root.resolve("scaler"));
            FlatLogger.save(new Flat(), root.resolve("flat"));
            NumbersLogger.save(new Numbers(), root.resolve("numbers"));
        }
        return root;
    }

    static String probe() {
        return root().resolve("probe").toString();
    }

    static String orders() {
        return root().resolve("orders").toString();
    }

    static String flat() {
        return root().resolve("flat").toString();
    }

    static String numbers() {
        return root().resolve("numbers").toString();
    }

    static String scaler() {
        return root().resolve("scaler").toString();
    }
}
