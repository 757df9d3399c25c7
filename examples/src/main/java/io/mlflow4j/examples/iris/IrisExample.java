package io.mlflow4j.examples.iris;

import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.LogOptions;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.ModelInfo;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end tour: train the iris classifier, log it to MLflow (MLflow 3's default ./mlflow.db, unless
 * MLFLOW_TRACKING_URI says otherwise) and register it as a new version of "iris-classifier" with
 * the alias "champion", load it back from its runs:/ URI and from models:/iris-classifier@champion,
 * and predict.
 */
public final class IrisExample {
    /** The registered model the tour adds a version to. */
    public static final String REGISTERED_NAME = "iris-classifier";
    /** The alias the tour points at its new version: {@code models:/iris-classifier@champion}. */
    public static final String CHAMPION_URI = "models:/" + REGISTERED_NAME + "@champion";

    private IrisExample() {}

    public static void main(String[] args) throws Exception {
        Result result = run();
        System.out.println("Logged model: " + result.modelUri());
        System.out.println("Run id:       " + result.runId());
        System.out.println("Tracking URI: " + Mlflow.store().trackingUri());
        System.out.println("Registered:   " + result.registeredUri() + ", alias champion: " + CHAMPION_URI);
        System.out.println("Typed load:   " + result.typedPrediction());
        System.out.println("Generic load: " + CHAMPION_URI + " -> species="
                + result.genericPrediction().column("species").getString(0) + " probability="
                + result.genericPrediction().column("probability").getDouble(0));
    }

    /** What the tour produced. */
    /**
     * @param registeredUri the new registered version, {@code models:/iris-classifier/<version>}
     * @param genericPrediction the prediction of the model loaded from {@link #CHAMPION_URI}
     */
    public record Result(
            String runId,
            String modelUri,
            String registeredUri,
            double trainingAccuracy,
            Prediction typedPrediction,
            Table genericPrediction) {}

    public static Result run() throws Exception {
        List<Flower> flowers = new ArrayList<>();
        List<String> species = new ArrayList<>();
        readSample(flowers, species);

        Path weights = Files.createTempFile("iris-weights", ".txt");
        try {
            NearestCentroid.train(flowers, species).write(weights);
            IrisClassifier classifier = new IrisClassifier().withWeights(weights);
            double accuracy = accuracy(classifier, flowers, species);

            ModelInfo info;
            try (ActiveRun run = Mlflow.startRun("iris")) {
                run.logParam("algorithm", "nearest-centroid");
                run.logParam("training_rows", flowers.size());
                run.logMetric("training_accuracy", accuracy);
                info = IrisClassifierLogger.log(
                        classifier, run, "model", LogOptions.registeredModelName(REGISTERED_NAME));
                Mlflow.setRegisteredModelAlias(
                        REGISTERED_NAME,
                        "champion",
                        info.registeredModelVersion().version());
            }

            Flower flower = new Flower(6.7, 3.0, 5.2, 2.3);
            IrisClassifier again = IrisClassifierLogger.load(info.modelUri());
            Prediction typed = again.predict(List.of(flower), 0.5).get(0);

            Table input = Table.of(
                    Column.ofDoubles("sepal_length", new double[] {flower.sepalLength()}),
                    Column.ofDoubles("sepal_width", new double[] {flower.sepalWidth()}),
                    Column.ofDoubles("petal_length", new double[] {flower.petalLength()}),
                    Column.ofDoubles("petal_width", new double[] {flower.petalWidth()}));
            Table generic;
            try (LoadedModel model = MlflowModels.load(CHAMPION_URI)) {
                generic = model.predict(input, Map.of("threshold", 0.5));
            }
            return new Result(
                    info.runId(), info.modelUri(), info.registeredModelVersion().modelUri(), accuracy, typed, generic);
        } finally {
            Files.deleteIfExists(weights);
        }
    }

    private static double accuracy(IrisClassifier classifier, List<Flower> flowers, List<String> species) {
        List<Prediction> predictions = classifier.predict(flowers, 0.0);
        int correct = 0;
        for (int i = 0; i < flowers.size(); i++) {
            if (predictions.get(i).species().equals(species.get(i))) {
                correct++;
            }
        }
        return (double) correct / flowers.size();
    }

    private static void readSample(List<Flower> flowers, List<String> species) throws IOException {
        try (InputStream in = IrisExample.class.getResourceAsStream("iris-sample.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",");
                flowers.add(new Flower(
                        Double.parseDouble(f[0]),
                        Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]),
                        Double.parseDouble(f[3])));
                species.add(f[4]);
            }
        }
    }
}
