package io.mlflow4j.examples.penguins;

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
import java.util.List;
import java.util.Random;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the Tribuo penguin classifier on generated penguins, logs it with its params and
 * metrics, loads it back from its runs:/ URI and predicts, typed and as a table.
 *
 * <p>The data: each species' measurements drawn from a normal distribution with the means and
 * standard deviations of the Palmer penguins (Gorman, Williams and Fraser, 2014; the summary
 * figures only, no rows of that data set are shipped).
 * Run: {@code ./mvnw -B -pl examples exec:java -Dexec.mainClass=io.mlflow4j.examples.penguins.PenguinExample}
 * In Python: {@code mlflow.pyfunc.load_model("runs:/<run id>/model").predict(df)}
 */
public final class PenguinExample {
    static final int EPOCHS = 10;
    static final double LEARNING_RATE = 0.5;

    /** The registered model each run adds a version to, with the alias "champion" pointing at it. */
    public static final String REGISTERED_NAME = "penguin-species-tribuo";

    private PenguinExample() {}

    /** What the example produced. */
    public record Result(
            String runId,
            String modelUri,
            double testAccuracy,
            SpeciesPrediction typed,
            Table generic,
            String registeredUri) {}

    // species: bill length, bill depth, flipper length (mean, sd), body mass in kg (mean, sd)
    private static final Object[][] SPECIES = {
        {"Adelie", 38.8, 2.7, 18.3, 1.2, 190.0, 6.5, 3.70, 0.46},
        {"Chinstrap", 48.8, 3.3, 18.4, 1.1, 195.8, 7.1, 3.73, 0.38},
        {"Gentoo", 47.5, 3.1, 15.0, 1.0, 217.2, 6.5, 5.08, 0.50},
    };

    public static void main(String[] args) throws Exception {
        Result result = run();
        System.out.println("Logged model: " + result.modelUri());
        System.out.println("Run id:       " + result.runId());
        System.out.println("Registered:   " + result.registeredUri() + ", alias champion: models:/" + REGISTERED_NAME
                + "@champion");
        System.out.printf("Accuracy:     held out %.3f%n", result.testAccuracy());
        System.out.println("Typed load:   " + result.typed());
        System.out.println(
                "Generic load: species=" + result.generic().column("species").getString(0) + " probability="
                        + result.generic().column("probability").getDouble(0));
        System.out.println("In Python:    mlflow.pyfunc.load_model(\"" + result.modelUri() + "\").predict(df)");
    }

    static MutableDataset<Label> penguins(Random random, int perSpecies, String description) {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance(description, labels), labels);
        for (int i = 0; i < perSpecies; i++) {
            for (Object[] s : SPECIES) {
                double[] values = new double[4];
                for (int f = 0; f < 4; f++) {
                    values[f] = (double) s[1 + 2 * f] + random.nextGaussian() * (double) s[2 + 2 * f];
                }
                data.add(new ArrayExample<>(new Label((String) s[0]), Penguin.FEATURES, values));
            }
        }
        return data;
    }

    public static Result run() throws Exception {
        Random random = new Random(2014);
        MutableDataset<Label> train = penguins(random, 100, "generated penguins (training)");
        MutableDataset<Label> test = penguins(random, 30, "generated penguins (held out)");

        Path file = Files.createTempFile("penguins", ".pb");
        try {
            PenguinClassifier classifier = PenguinClassifier.train(train, EPOCHS, LEARNING_RATE, file);
            LabelEvaluation evaluation = new LabelEvaluator().evaluate(classifier.tribuoModel(), test);

            ModelInfo info;
            try (ActiveRun run = Mlflow.startRun("penguins-tribuo")) {
                run.logParam("library", "tribuo " + Tribuo.VERSION);
                run.logParam("trainer", "LinearSGDTrainer(LogMulticlass, AdaGrad) after MeanStdDevTransformation");
                run.logParam("epochs", EPOCHS).logParam("learning_rate", LEARNING_RATE);
                run.logParam("training_rows", train.size());
                run.logMetric("test_accuracy", evaluation.accuracy());
                run.logMetric("test_macro_f1", evaluation.macroAveragedF1());
                info = PenguinClassifierLogger.log(
                        classifier, run, "model", LogOptions.registeredModelName(REGISTERED_NAME));
                Mlflow.setRegisteredModelAlias(
                        REGISTERED_NAME,
                        "champion",
                        info.registeredModelVersion().version());
            }

            Penguin gentoo = new Penguin(47.0, 14.9, 216, 5.1);
            SpeciesPrediction typed = PenguinClassifierLogger.load(info.modelUri())
                    .predict(List.of(gentoo))
                    .get(0);
            Table generic;
            try (LoadedModel loaded = MlflowModels.load(info.modelUri())) {
                generic = loaded.predict(Table.of(
                        Column.ofDoubles("bill_length_mm", new double[] {47.0, 38.5}),
                        Column.ofDoubles("bill_depth_mm", new double[] {14.9, 18.5}),
                        Column.ofDoubles("flipper_length_mm", new double[] {216, 189}),
                        Column.ofDoubles("body_mass_kg", new double[] {5.1, 3.6})));
            }
            return new Result(
                    info.runId(),
                    info.modelUri(),
                    evaluation.accuracy(),
                    typed,
                    generic,
                    info.registeredModelVersion().modelUri());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
