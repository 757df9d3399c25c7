package io.mlflow4j.examples.churn;

import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.LogOptions;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.ModelInfo;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the XGBoost churn model on generated customers (short tenure, high charges, many support
 * calls and no contract make leaving likely), logs it with its params and metrics, loads it back
 * from its runs:/ URI and scores customers, typed and as a table.
 * Run: {@code ./mvnw -B -pl examples exec:java -Dexec.mainClass=io.mlflow4j.examples.churn.ChurnExample}
 * In Python: {@code mlflow.pyfunc.load_model("runs:/<run id>/model").predict(df)}
 */
public final class ChurnExample {
    static final int ROUNDS = 30;

    /** The registered model each run adds a version to, with the alias "champion" pointing at it. */
    public static final String REGISTERED_NAME = "churn-xgboost";

    private ChurnExample() {}

    /** What the example produced. */
    public record Result(
            String runId,
            String modelUri,
            double trainAccuracy,
            double testAccuracy,
            ChurnPrediction typed,
            Table generic,
            String registeredUri) {}

    public static void main(String[] args) throws Exception {
        Result result = run();
        System.out.println("Logged model: " + result.modelUri());
        System.out.println("Run id:       " + result.runId());
        System.out.println("Registered:   " + result.registeredUri() + ", alias champion: models:/" + REGISTERED_NAME
                + "@champion");
        System.out.printf("Accuracy:     train %.3f, held out %.3f%n", result.trainAccuracy(), result.testAccuracy());
        System.out.println("Typed load:   " + result.typed());
        System.out.println(
                "Generic load: churn=" + result.generic().column("churn").get(0) + " probability="
                        + result.generic().column("probability").getDouble(0));
        System.out.println("In Python:    mlflow.pyfunc.load_model(\"" + result.modelUri() + "\").predict(df)");
    }

    /** Customers drawn from a known rule with noise, so the booster has something to learn. */
    static List<Customer> customers(Random random, int n, float[] labels) {
        List<Customer> customers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int tenure = 1 + random.nextInt(72);
            double charges = 20 + random.nextDouble() * 100;
            int calls = random.nextInt(6);
            boolean contract = random.nextBoolean();
            double risk = -1.0 - 0.05 * tenure + 0.03 * charges + 0.6 * calls - 1.5 * (contract ? 1 : 0);
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-2 * risk)) ? 1f : 0f;
            customers.add(new Customer(tenure, charges, calls, contract));
        }
        return customers;
    }

    static double accuracy(ChurnClassifier model, List<Customer> customers, float[] labels) throws Exception {
        List<ChurnPrediction> predictions = model.predict(customers, 0.5);
        int correct = 0;
        for (int i = 0; i < customers.size(); i++) {
            if (predictions.get(i).churn() == (labels[i] == 1f)) {
                correct++;
            }
        }
        return (double) correct / customers.size();
    }

    public static Result run() throws Exception {
        Random random = new Random(7);
        float[] trainLabels = new float[800];
        List<Customer> train = customers(random, trainLabels.length, trainLabels);
        float[] testLabels = new float[200];
        List<Customer> test = customers(random, testLabels.length, testLabels);

        Path boosterFile = Files.createTempFile("churn-booster", ".ubj");
        try {
            ChurnClassifier model = ChurnClassifier.train(train, trainLabels, ROUNDS, boosterFile);
            double trainAccuracy = accuracy(model, train, trainLabels);
            double testAccuracy = accuracy(model, test, testLabels);

            ModelInfo info;
            try (ActiveRun run = Mlflow.startRun("churn-xgboost")) {
                run.logParam(
                        "library",
                        "xgboost4j "
                                + ml.dmlc.xgboost4j.java.XGBoost.class
                                        .getPackage()
                                        .getImplementationVersion());
                run.logParam("rounds", ROUNDS);
                ChurnClassifier.trainingParams().forEach((k, v) -> run.logParam(k, String.valueOf(v)));
                run.logParam("training_rows", train.size());
                run.logMetric("train_accuracy", trainAccuracy);
                run.logMetric("test_accuracy", testAccuracy);
                info = ChurnClassifierLogger.log(model, run, "model", LogOptions.registeredModelName(REGISTERED_NAME));
                Mlflow.setRegisteredModelAlias(
                        REGISTERED_NAME,
                        "champion",
                        info.registeredModelVersion().version());
            }

            Customer atRisk = new Customer(3, 110.0, 5, false);
            ChurnPrediction typed = ChurnClassifierLogger.load(info.modelUri())
                    .predict(List.of(atRisk), 0.5)
                    .get(0);
            Table generic;
            try (LoadedModel loaded = MlflowModels.load(info.modelUri())) {
                generic = loaded.predict(
                        Table.of(
                                Column.ofInts("tenure_months", new int[] {3, 60}),
                                Column.ofDoubles("monthly_charges", new double[] {110.0, 30.0}),
                                Column.ofInts("support_calls", new int[] {5, 0}),
                                Column.ofBooleans("has_contract", new boolean[] {false, true})),
                        Map.of("threshold", 0.5));
            }
            return new Result(
                    info.runId(),
                    info.modelUri(),
                    trainAccuracy,
                    testAccuracy,
                    typed,
                    generic,
                    info.registeredModelVersion().modelUri());
        } finally {
            Files.deleteIfExists(boosterFile);
        }
    }
}
